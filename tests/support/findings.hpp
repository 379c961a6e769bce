// SPDX-License-Identifier: MIT
// Helpers for tests of validation reports.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "bulwark/core/bar.hpp"
#include "bulwark/validate/bar_check.hpp"
#include "bulwark/validate/report.hpp"
#include "support/catch.hpp"

namespace bulwark::test {

/// The row of each finding, in report order.
inline std::vector<std::size_t> finding_rows(const validate::report& r) {
  std::vector<std::size_t> out;
  for (const validate::finding& f : r.findings()) out.push_back(f.row);
  return out;
}

/// Runs `v` over `bars` with every scan kernel this program and processor can run, checks
/// that their reports agree to the bit (CSV with shortest round-trip numbers, quarantine
/// mask), and returns the build kernel's.
template <class Validator>
validate::report run_every_kernel(Validator v, const bar_series& bars,
                                  validate::event_columns events = {}) {
  v.kernel(validate::scan_kernel::build);
  validate::report r = v.run(bars, events);
  if (validate::scan_kernel_runs(validate::scan_kernel::avx2)) {
    v.kernel(validate::scan_kernel::avx2);
    const validate::report wide = v.run(bars, events);
    CHECK(wide.to_csv() == r.to_csv());
    CHECK(std::ranges::equal(wide.quarantine(), r.quarantine()));
  }
  return r;
}

}  // namespace bulwark::test
