// SPDX-License-Identifier: MIT
// A statistic whose add() may throw cannot join an accumulator_set: the hot path is
// noexcept, and the composer says which concept is missing.
// expect: must model bulwark::risk::StreamingStatistic
#include <cstddef>
#include <string_view>

#include "bulwark/risk/streaming.hpp"
#include "support/archetypes.hpp"

namespace {
// Only the failing twin uses this type: [[maybe_unused]] keeps Clang from flagging its
// constants as unused in the twin that builds.
struct throwing_mean {  // add() is not noexcept
  [[maybe_unused]] static constexpr std::string_view name = "mean";
  void add(double r) { sum += r; ++n; }
  std::size_t count() const noexcept { return n; }
  double sum = 0.0;
  std::size_t n = 0;
};
}  // namespace

template <>
struct fmt::formatter<throwing_mean> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const throwing_mean& m, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "mean {}", m.sum);
  }
};

void feed(double r) {
#ifdef BULWARK_COMPILE_FAIL
  bulwark::risk::accumulator_set<throwing_mean> set;
#else
  bulwark::risk::accumulator_set<bulwark::test::streaming_statistic_archetype> set;
#endif
  set.add(r);
}
