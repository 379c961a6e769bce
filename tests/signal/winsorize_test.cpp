// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/signal/winsorize.hpp"
#include "support/catch.hpp"

namespace winsorize_test {
using bulwark::test::throws_error;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
}  // namespace winsorize_test

TEST_CASE("winsorize_quantile clips to numpy's type-7 quantiles of the present scores", "[signal][winsorize]") {
  using winsorize_test::missing;
  // Present values 0, 1, ..., 10 (and a NaN). np.quantile(range(11), [0.1, 0.9]) = [1, 9].
  std::vector<double> x{missing};
  for (int i = 10; i >= 0; --i) x.push_back(i);
  std::vector<double> out(x.size());
  const auto s = bulwark::signal::winsorize_quantile{.lower = 0.1, .upper = 0.9}.apply(x, out);
  CHECK(s.ok());
  CHECK(s.count == 11);
  CHECK(s.lower == 1.0);
  CHECK(s.upper == 9.0);
  CHECK(s.clipped == 2);
  CHECK(std::isnan(out[0]));
  CHECK(out[1] == 9.0);   // 10 clipped
  CHECK(out[2] == 9.0);
  CHECK(out[6] == 5.0);
  CHECK(out[11] == 1.0);  // 0 clipped
  // Interpolated bounds: np.quantile(range(11), [0.05, 0.95]) = [0.5, 9.5].
  const auto t = bulwark::signal::winsorize_quantile{.lower = 0.05, .upper = 0.95}.apply(x, out);
  CHECK(t.lower == 0.5);
  CHECK(t.upper == 9.5);
  CHECK(out[1] == 9.5);
}

TEST_CASE("winsorize_mad clips to median -+ k robust sigmas", "[signal][winsorize]") {
  // median 3, MAD 1 -> sigma 1.4826; k = 2 -> [3 - 2.9652, 3 + 2.9652].
  const std::vector<double> x{1.0, 2.0, 3.0, 4.0, 100.0, -50.0, 3.5};
  std::vector<double> out(x.size());
  const auto s = bulwark::signal::winsorize_mad{.k = 2.0}.apply(x, out);
  CHECK(s.ok());
  CHECK(s.location == 3.0);
  CHECK(s.scale == 1.4826);
  CHECK(s.lower == 3.0 - 2.0 * 1.4826);
  CHECK(s.upper == 3.0 + 2.0 * 1.4826);
  CHECK(out[4] == s.upper);
  CHECK(out[5] == s.lower);
  CHECK(out[1] == 2.0);
  CHECK(s.clipped == 2);
  // More than half equal: MAD 0, no robust scale; passed through, status says so.
  const std::vector<double> flat{1.0, 1.0, 1.0, 9.0};
  std::vector<double> same(flat.size());
  const auto f = bulwark::signal::winsorize_mad{}.apply(flat, same);
  CHECK(f.status == bulwark::signal::cross_section_status::no_dispersion);
  CHECK(same == flat);
}

TEST_CASE("winsorisers reject bad bounds, infinities and sizes", "[signal][winsorize]") {
  using winsorize_test::throws_error;
  const std::vector<double> x{1.0, 2.0, 3.0};
  std::vector<double> out(3);
  CHECK_THROWS_MATCHES((bulwark::signal::winsorize_quantile{.lower = 0.9, .upper = 0.1}.apply(x, out)),
                       bulwark::config_error,
                       throws_error("bulwark.signal.winsorize", "quantiles [0.9, 0.1]"));
  CHECK_THROWS_MATCHES((bulwark::signal::winsorize_quantile{.lower = -0.1, .upper = 0.5}.apply(x, out)),
                       bulwark::config_error, throws_error("bulwark.signal.winsorize", "[-0.1, 0.5]"));
  CHECK_THROWS_MATCHES((bulwark::signal::winsorize_mad{.k = 0.0}.apply(x, out)), bulwark::config_error,
                       throws_error("bulwark.signal.winsorize", "winsorize_mad: k 0 must be finite and > 0"));
  const std::vector<double> bad{1.0, std::numeric_limits<double>::infinity(), 3.0};
  CHECK_THROWS_MATCHES((bulwark::signal::winsorize_mad{}.apply(bad, out)), bulwark::input_error,
                       throws_error("bulwark.signal.winsorize", "winsorize_mad: scores[1] is inf"));
  std::vector<double> two(2);
  CHECK_THROWS_MATCHES((bulwark::signal::winsorize_quantile{}.apply(x, two)), bulwark::input_error,
                       throws_error("bulwark.signal.winsorize", "output has 2 elements for 3 inputs"));
  const std::vector<double> none{winsorize_test::missing, winsorize_test::missing, winsorize_test::missing};
  CHECK(bulwark::signal::winsorize_quantile{}.apply(none, out).status ==
        bulwark::signal::cross_section_status::too_few_scores);
}
