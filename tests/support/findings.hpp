// SPDX-License-Identifier: MIT
// Helpers for tests of validation reports.
#pragma once

#include <cstddef>
#include <vector>

#include "bulwark/validate/report.hpp"

namespace bulwark::test {

/// The row of each finding, in report order.
inline std::vector<std::size_t> finding_rows(const validate::report& r) {
  std::vector<std::size_t> out;
  for (const validate::finding& f : r.findings()) out.push_back(f.row);
  return out;
}

}  // namespace bulwark::test
