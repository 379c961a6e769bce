// SPDX-License-Identifier: MIT
// A step whose apply returns nothing (no stats for the breakdown) is not a CrossSectionStep.
// expect: must model bulwark::signal::CrossSectionStep
#include <span>

#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/normalize.hpp"

namespace {
struct returns_nothing {
  void apply(std::span<const double>, std::span<double>) const {}
};
}  // namespace

void normalise(std::span<const double> x, std::span<double> out) {
#ifdef BULWARK_COMPILE_FAIL
  const bulwark::signal::cross_section_pipeline<returns_nothing> pipeline{returns_nothing{}};
#else
  const bulwark::signal::cross_section_pipeline<bulwark::signal::zscore> pipeline{bulwark::signal::zscore{}};
#endif
  pipeline.apply(x, out);
}
