// SPDX-License-Identifier: MIT
// The cross-sectional functions against pandas/numpy/scipy on real data: daily returns of
// the 40 symbols in ../shared/data/daily/alphavantage_sp500. Reference values come from
// reference/make_cross_section.py (run with Debian's python; see its docstring).
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "bulwark/signal/evaluation.hpp"
#include "bulwark/signal/long_short.hpp"
#include "bulwark/signal/normalize.hpp"
#include "bulwark/signal/rank.hpp"
#include "bulwark/signal/winsorize.hpp"
#include "signal/reference_data.hpp"
#include "support/catch.hpp"
#include "support/csv.hpp"
#include "support/shared_data.hpp"

namespace pandas_reference_test {
using bulwark::test::WithinAbs;
using bulwark::test::WithinRel;

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
}  // namespace pandas_reference_test

TEST_CASE("z-score, percentile rank, winsorising and top-N equal pandas on real returns", "[signal][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace pandas_reference_test;
  const auto u = reference_data::load_universe(data);
  REQUIRE(u.cols() == 40);
  const bulwark::test::csv_table ref{reference_data::reference_dir() / "cross_section.csv"};
  REQUIRE(ref.size() == 12 * 40);
  bulwark::signal::top_bottom_selector selector{{.n_long = 5, .n_short = 5}};
  std::vector<double> z(40), rank(40), winsorized(40), robust(40), weights(40);
  std::size_t rows_checked = 0, missing_checked = 0;
  for (std::size_t k = 0; k < ref.size(); k += 40) {
    const auto t = static_cast<std::size_t>(std::stoul(ref.cell(k, "row")));
    REQUIRE(u.dates[t] == ref.cell(k, "date"));
    const auto x = u.return_row(t);
    const auto zs = bulwark::signal::zscore{}.apply(x, z);
    bulwark::signal::percentile_rank{}.apply(x, rank);
    bulwark::signal::winsorize_quantile{.lower = 0.05, .upper = 0.95}.apply(x, winsorized);
    bulwark::signal::robust_zscore{}.apply(x, robust);
    REQUIRE(zs.ok());
    REQUIRE(selector.select(z, weights).ok());
    for (std::size_t j = 0; j < 40; ++j) {
      INFO(u.dates[t] << " " << u.symbols[j]);
      REQUIRE(ref.cell(k + j, "symbol") == u.symbols[j]);
      // The same returns, bit for bit: the same data and the same IEEE operations.
      REQUIRE(same(x[j], reference_data::number(ref.cell(k + j, "ret"))));
      // rank(pct=True): exact (half-integer ranks divided by the count).
      REQUIRE(same(rank[j], reference_data::number(ref.cell(k + j, "pct_rank"))));
      // clip at the quantiles, and the robust z-score, computed with numpy's quantile
      // arithmetic: exact.
      REQUIRE(same(winsorized[j], reference_data::number(ref.cell(k + j, "winsorized"))));
      REQUIRE(same(robust[j], reference_data::number(ref.cell(k + j, "robust_z"))));
      const double pz = reference_data::number(ref.cell(k + j, "zscore"));
      if (std::isnan(pz)) {
        REQUIRE(std::isnan(z[j]));
        ++missing_checked;
      } else {
        // pandas sums pairwise, bulwark with four accumulators: equal to rounding.
        REQUIRE_THAT(z[j], WithinRel(pz, 1e-13) || WithinAbs(pz, 1e-15));
      }
      REQUIRE((weights[j] > 0.0) == (ref.cell(k + j, "long") == "1"));
      REQUIRE((weights[j] < 0.0) == (ref.cell(k + j, "short") == "1"));
    }
    ++rows_checked;
  }
  CHECK(rows_checked == 12);
  CHECK(missing_checked > 40);  // early rows: many symbols not yet listed
}

TEST_CASE("IC, rank IC and ICIR over 21 years equal pandas and scipy", "[signal][real-data]") {
  BULWARK_REQUIRE_SHARED_DATA(data);
  using namespace pandas_reference_test;
  const auto u = reference_data::load_universe(data);
  // Forward returns: row t + 1 of the return panel (the last row has none).
  std::vector<double> forward(u.returns.size(), std::numeric_limits<double>::quiet_NaN());
  std::copy(u.returns.begin() + static_cast<std::ptrdiff_t>(u.cols()), u.returns.end(), forward.begin());
  const bulwark::panel_view scores{u.returns, u.rows(), u.cols()};
  const bulwark::panel_view ahead{forward, u.rows(), u.cols()};
  const auto ic = bulwark::signal::information_coefficients(scores, ahead, bulwark::signal::correlation_method::pearson);
  const auto rank_ic = bulwark::signal::information_coefficients(scores, ahead, bulwark::signal::correlation_method::spearman);
  const bulwark::test::csv_table ref{reference_data::reference_dir() / "ic.csv"};
  std::size_t checked = 0;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const std::string what = ref.cell(i, "what");
    const double expected = reference_data::number(ref.cell(i, "value"));
    const long row = std::stol(ref.cell(i, "row"));
    INFO(what << " " << row);
    if (row >= 0) {
      const double ours = what == "ic" ? ic[static_cast<std::size_t>(row)] : rank_ic[static_cast<std::size_t>(row)];
      CHECK_THAT(ours, WithinRel(expected, 1e-12));
      ++checked;
      continue;
    }
    const auto s = bulwark::signal::summarize_ic(what.starts_with("rank_ic") ? rank_ic : ic);
    const std::string field = what.substr(what.rfind('_') + 1);
    if (field == "periods") CHECK(static_cast<double>(s.periods) == expected);
    if (field == "mean") CHECK_THAT(s.mean, WithinRel(expected, 1e-11));
    if (field == "std") CHECK_THAT(s.stddev, WithinRel(expected, 1e-11));
    if (field == "icir") CHECK_THAT(s.icir, WithinRel(expected, 1e-11));
    ++checked;
  }
  CHECK(checked == ref.size());
}
