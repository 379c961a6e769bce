// SPDX-License-Identifier: MIT
/// \file
/// \brief The `Broker` concept (the user's connection to a venue, or bulwark's simulated
/// broker) and `submit_checked`, the entry point that refuses malformed orders before
/// they reach the broker.
///
/// Synopsis
/// \code
/// struct submit_result { bool accepted; std::string reason; };
/// template <class B> concept Broker;        // submit, cancel, next_fill
/// submit_result submit_checked(Broker auto& broker, const order& o);
/// \endcode
#pragma once

#include <concepts>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "bulwark/core/order.hpp"
#include "bulwark/detail/format.hpp"

namespace bulwark {

/// The broker's answer to a submission. `reason` is empty when accepted.
struct submit_result {
  bool accepted = false;
  std::string reason;

  [[nodiscard]] static submit_result accept() { return {true, {}}; }
  [[nodiscard]] static submit_result reject(std::string why) { return {false, std::move(why)}; }

  friend bool operator==(const submit_result&, const submit_result&) = default;
};

/**
 * @brief Where orders go and fills come from: a live venue adapter or a simulator.
 *
 * Requirements, for `b` an lvalue of type `B`, `o` a `const order&`, `id` an `order_id`:
 * | expression       | type                  | semantics                                    |
 * |------------------|-----------------------|----------------------------------------------|
 * | `b.submit(o)`    | `submit_result`       | accept or reject `o`; never throws for a     |
 * |                  |                       | business rejection                           |
 * | `b.cancel(id)`   | convertible to `bool` | request cancellation of the working order    |
 * |                  |                       | `id`; false when unknown or already done     |
 * | `b.next_fill()`  | `std::optional<fill>` | the next fill not yet returned, or nullopt;  |
 * |                  |                       | each fill is returned exactly once, in order |
 *
 * Fills are pulled rather than pushed, so the caller decides when state changes and no
 * callback runs inside the broker. See docs/concepts.md#broker.
 */
template <class B>
concept Broker = requires(B& b, const order& o, order_id id) {
  { b.submit(o) } -> std::same_as<submit_result>;
  { b.cancel(id) } -> std::convertible_to<bool>;
  { b.next_fill() } -> std::same_as<std::optional<fill>>;
};

/// Submits `o` to `broker` unless it is malformed (see `defect_of`), in which case it is
/// rejected here, naming the defect, and the broker never sees it.
template <class B>
submit_result submit_checked(B& broker, const order& o) {
  static_assert(Broker<B>,
                "bulwark::submit_checked: the broker type does not model bulwark::Broker "
                "(it needs submit(order) -> submit_result, cancel(order_id) -> bool and "
                "next_fill() -> std::optional<fill>); see docs/concepts.md#broker");
  if constexpr (Broker<B>) {
    if (const auto d = defect_of(o); d != order_defect::none) {
      return submit_result::reject(fmt::format("malformed order #{}: {}", o.client_id, d));
    }
    return broker.submit(o);
  } else {
    return {};
  }
}

}  // namespace bulwark

/// Formats as `accepted` or `rejected: <reason>`.
template <>
struct fmt::formatter<bulwark::submit_result> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::submit_result& r, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (r.accepted) return fmt::format_to(ctx.out(), "accepted");
    return fmt::format_to(ctx.out(), "rejected: {}", r.reason);
  }
};
