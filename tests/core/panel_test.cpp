// SPDX-License-Identifier: MIT
#include <vector>

#include "bulwark/core/panel.hpp"
#include "support/catch.hpp"

using bulwark::panel_view;
using bulwark::test::throws_error;

TEST_CASE("a panel view is rows of instants by columns of symbols", "[core][panel]") {
  const std::vector<double> v{1, 2, 3,   // t0
                              4, 5, 6};  // t1
  const panel_view p{v, 2, 3};
  CHECK(p.rows() == 2);
  CHECK(p.cols() == 3);
  CHECK(p(1, 2) == 6);
  CHECK(p.row(1)[0] == 4);
  CHECK(p.first_rows(1).rows() == 1);
  CHECK(p.first_rows(1).values().size() == 3);
  CHECK(p.first_rows(0).empty());
  CHECK_THROWS_AS(p(2, 0), bulwark::contract_violation);
  CHECK_THROWS_AS(p.first_rows(3), bulwark::contract_violation);
  CHECK_THROWS_MATCHES((panel_view{v, 4, 2}), bulwark::input_error,
                       throws_error("bulwark.core.panel", "6 values cannot form 4 rows x 2 columns"));
}
