// SPDX-License-Identifier: MIT
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/normalize.hpp"
#include "bulwark/signal/rank.hpp"
#include "bulwark/signal/winsorize.hpp"
#include "support/catch.hpp"

namespace cross_section_test {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// A user-defined step: negates the scores (a model whose sign convention is reversed).
struct negate {
  bulwark::signal::cross_section_stats apply(std::span<const double> x, std::span<double> out) const {
    bulwark::signal::cross_section_stats s;
    for (std::size_t i = 0; i < x.size(); ++i) {
      out[i] = -x[i];
      s.count += std::isnan(x[i]) ? 0U : 1U;
    }
    s.status = bulwark::signal::cross_section_status::ok;
    return s;
  }
};
struct not_a_step {
  void apply(std::span<const double>, std::span<double>) const {}
};
}  // namespace cross_section_test

static_assert(bulwark::signal::CrossSectionStep<bulwark::signal::zscore>);
static_assert(bulwark::signal::CrossSectionStep<bulwark::signal::percentile_rank>);
static_assert(bulwark::signal::CrossSectionStep<cross_section_test::negate>);
static_assert(!bulwark::signal::CrossSectionStep<cross_section_test::not_a_step>);
static_assert(!bulwark::signal::CrossSectionStep<int>);

TEST_CASE("a pipeline runs its steps left to right and reports each one", "[signal][cross_section]") {
  using cross_section_test::missing;
  const std::vector<double> x{1.0, 2.0, missing, 3.0, 4.0, 100.0};
  const auto pipeline = bulwark::signal::winsorize_mad{.k = 3.0} | bulwark::signal::zscore{} |
                        cross_section_test::negate{};
  std::vector<double> out(x.size());
  const auto stats = pipeline.apply(x, out);
  REQUIRE(stats.size() == 3);
  CHECK(stats[0].clipped == 1);
  CHECK(stats[1].ok());
  CHECK(stats[2].count == 5);

  // The same, step by step.
  std::vector<double> expected(x.size());
  bulwark::signal::winsorize_mad{.k = 3.0}.apply(x, expected);
  bulwark::signal::zscore{}.apply(expected, expected);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      CHECK(std::isnan(out[i]));
    } else {
      CHECK(out[i] == -expected[i]);
    }
  }
  CHECK(fmt::format("{}", stats[1]).ends_with(" ok"));
  CHECK(fmt::format("{}", bulwark::signal::cross_section_status::no_dispersion) == "no_dispersion");
}

TEST_CASE("a pipeline of one step equals the step", "[signal][cross_section]") {
  const bulwark::signal::cross_section_pipeline<bulwark::signal::percentile_rank> p{{}};
  const std::vector<double> x{0.3, 0.1, 0.2};
  std::vector<double> out(3);
  p.apply(x, out);
  CHECK(out == std::vector<double>{1.0, 1.0 / 3.0, 2.0 / 3.0});
}
