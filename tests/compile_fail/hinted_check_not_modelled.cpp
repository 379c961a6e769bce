// SPDX-License-Identifier: MIT
// A check that declares a hint_type but whose hinted commit may throw would silently fall
// back to two lookups per order: the gate refuses it by name instead.
// expect: declares hint_type must model the hinted form
#include <chrono>
#include <cstddef>
#include <string_view>

#include "bulwark/risk/gate.hpp"

namespace {
struct counting_check {  // counts accepted orders; its evaluate hands commit the count
  static constexpr std::string_view name = "counting";
  struct state_type {
    int accepted = 0;
  };
  struct hint_type {
    int seen = 0;
  };
  void validate() const {}
  [[nodiscard]] state_type make_state() const { return {}; }
  [[nodiscard]] bulwark::risk::check_result evaluate(const bulwark::risk::check_context&,
                                                     const state_type&) const noexcept {
    return {};
  }
  [[nodiscard]] bulwark::risk::check_result evaluate(const bulwark::risk::check_context&,
                                                     const state_type& s,
                                                     hint_type& hint) const noexcept {
    hint.seen = s.accepted;
    return {};
  }
  void commit(const bulwark::risk::check_context&, state_type& s) const noexcept { ++s.accepted; }
#ifdef BULWARK_COMPILE_FAIL
  void commit(const bulwark::risk::check_context&, state_type& s, const hint_type& hint) const {
    s.accepted = hint.seen + 1;
  }
#else
  void commit(const bulwark::risk::check_context&, state_type& s,
              const hint_type& hint) const noexcept {
    s.accepted = hint.seen + 1;
  }
#endif
};
}  // namespace

std::size_t checks_in_hinted_gate() {
  using namespace std::chrono_literals;
  const bulwark::risk::risk_gate gate{
      bulwark::risk::stale_market_data{.max_age = 2s, .max_mark_age = 60s}, counting_check{}};
  return gate.size;
}
