// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/signal/rank.hpp"
#include "support/catch.hpp"

namespace rank_test {
using bulwark::test::throws_error;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
}  // namespace rank_test

TEST_CASE("percentile_rank averages ties and skips NaN, as pandas rank(pct=True)", "[signal][rank]") {
  using rank_test::missing;
  // pd.Series([3, missing, 1, 3, 2, 3]).rank(pct=True) -> [0.8, missing, 0.2, 0.8, 0.4, 0.8]:
  // 1 -> rank 1, 2 -> rank 2, the three 3s share ranks 3, 4, 5 -> 4; divided by 5.
  const std::vector<double> x{3.0, missing, 1.0, 3.0, 2.0, 3.0};
  std::vector<double> r(x.size());
  const auto s = bulwark::signal::percentile_rank{}.apply(x, r);
  CHECK(s.ok());
  CHECK(s.count == 5);
  CHECK(r[0] == 4.0 / 5.0);
  CHECK(std::isnan(r[1]));
  CHECK(r[2] == 1.0 / 5.0);
  CHECK(r[3] == 4.0 / 5.0);
  CHECK(r[4] == 2.0 / 5.0);
  CHECK(r[5] == 4.0 / 5.0);
  // In place.
  std::vector<double> y = x;
  bulwark::signal::percentile_rank{}.apply(y, y);
  for (std::size_t i = 0; i < x.size(); ++i) CHECK((y[i] == r[i] || (std::isnan(y[i]) && std::isnan(r[i]))));
}

TEST_CASE("average_ranks equals scipy.stats.rankdata", "[signal][rank]") {
  // scipy.stats.rankdata([0.5, -1, 0.5, 0.5, 7, -1]) -> [4., 1.5, 4., 4., 6., 1.5]
  const std::vector<double> x{0.5, -1.0, 0.5, 0.5, 7.0, -1.0};
  std::vector<double> r(x.size());
  bulwark::signal::average_ranks(x, r);
  CHECK(r == std::vector<double>{4.0, 1.5, 4.0, 4.0, 6.0, 1.5});
}

TEST_CASE("ranks: empty rows, infinities and sizes", "[signal][rank]") {
  using rank_test::missing;
  using rank_test::throws_error;
  std::vector<double> out(2, 1.0);
  const std::vector<double> none{missing, missing};
  const auto s = bulwark::signal::percentile_rank{}.apply(none, out);
  CHECK(s.status == bulwark::signal::cross_section_status::too_few_scores);
  CHECK((std::isnan(out[0]) && std::isnan(out[1])));
  const std::vector<double> bad{1.0, std::numeric_limits<double>::infinity()};
  CHECK_THROWS_MATCHES((bulwark::signal::percentile_rank{}.apply(bad, out)), bulwark::input_error,
                       throws_error("bulwark.signal.rank", "percentile_rank: scores[1] is inf"));
  const std::vector<double> with_nan{1.0, missing};
  CHECK_THROWS_MATCHES(bulwark::signal::average_ranks(with_nan, out), bulwark::input_error,
                       throws_error("bulwark.signal.rank", "average_ranks: x[1] is nan"));
  std::vector<double> three(3);
  CHECK_THROWS_MATCHES(bulwark::signal::average_ranks(bad, three), bulwark::input_error,
                       throws_error("bulwark.signal.rank", "output has 3 elements for 2 inputs"));
}
