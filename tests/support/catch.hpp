// SPDX-License-Identifier: MIT
// Catch2 v2/v3 compatibility: include this, never Catch2 directly. Provides the test
// macros, the floating-point matchers (WithinRel, WithinAbs, WithinULP), contains(text) and
// bulwark::test::throws_error(id, fragment), which checks a bulwark error's stable id and
// that its message names the offending value.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#if BULWARK_CATCH2_MAJOR >= 3
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include "bulwark/core/error.hpp"

namespace bulwark::test {

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using Catch::Matchers::WithinULP;

/// Matches a string containing `fragment` (v2's Contains, v3's ContainsSubstring).
inline auto contains(std::string fragment) {
#if BULWARK_CATCH2_MAJOR >= 3
  return Catch::Matchers::ContainsSubstring(std::move(fragment));
#else
  return Catch::Matchers::Contains(std::move(fragment));
#endif
}

#if BULWARK_CATCH2_MAJOR >= 3
template <class T>
using matcher_base = Catch::Matchers::MatcherBase<T>;
#else
template <class T>
using matcher_base = Catch::MatcherBase<T>;
#endif

/// Matches a bulwark::error whose id() equals `id` and whose what() contains `fragment`.
class error_matcher final : public matcher_base<bulwark::error> {
 public:
  error_matcher(std::string id, std::string fragment)
      : id_(std::move(id)), fragment_(std::move(fragment)) {}

  bool match(const bulwark::error& e) const override {
    return e.id() == id_ && std::string_view(e.what()).find(fragment_) != std::string_view::npos;
  }
  std::string describe() const override {
    return "is a bulwark error with id \"" + id_ + "\" whose message contains \"" + fragment_ +
           "\"";
  }

 private:
  std::string id_;
  std::string fragment_;
};

/// Use with REQUIRE_THROWS_MATCHES(expr, bulwark::input_error, throws_error(id, fragment)).
inline error_matcher throws_error(std::string id, std::string fragment = {}) {
  return {std::move(id), std::move(fragment)};
}

}  // namespace bulwark::test
