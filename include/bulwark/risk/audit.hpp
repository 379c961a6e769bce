// SPDX-License-Identifier: MIT
/// \file
/// \brief The `AuditSink` concept: where the gate reports every decision (accepted and
/// rejected) so users can keep a decision trail; `null_audit_sink`, the default that
/// keeps nothing; `audit_trail`, a bounded in-memory trail.
///
/// Synopsis
/// \code
/// template <class S> concept AuditSink;      // s.record(order, verdict) noexcept
/// struct null_audit_sink;
/// audit_trail trail{10'000};                 // room for 10 000 decisions, allocated now
/// gate.check(o, state, trail);
/// for (const auto& e : trail.entries()) ...; trail.dropped();
/// \endcode
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "bulwark/core/order.hpp"
#include "bulwark/risk/verdict.hpp"

namespace bulwark::risk {

/**
 * @brief Receives every verdict of the pre-trade gate, accepted or rejected, with the
 * order it judged.
 *
 * Requirements, for `s` an lvalue of type `S`, `o` a `const order&`, `v` a
 * `const verdict&`:
 * | expression       | type | semantics                                                   |
 * |------------------|------|-------------------------------------------------------------|
 * | `s.record(o, v)` | any  | noexcept; called once per decision, on the deciding thread, |
 * |                  |      | before `check` returns; must not call back into the gate     |
 *
 * `record` runs on the order path: keep it short (copy into a preallocated buffer or a
 * queue for another thread to persist). It must be noexcept because the gate is: a sink
 * that could throw would lose the decision. See docs/risk_gate.md#auditsink.
 */
template <class S>
concept AuditSink = requires(S& s, const order& o, const verdict& v) {
  { s.record(o, v) } noexcept;
};

/// Keeps nothing: the default sink, which the optimiser removes entirely.
struct null_audit_sink {
  void record(const order&, const verdict&) noexcept {}
};

/// A bounded in-memory decision trail: keeps the first `capacity` decisions in order and
/// counts the rest as dropped (it never overwrites a record and never allocates after
/// construction).
class audit_trail {
 public:
  struct entry {
    order ord{};
    verdict decision{};
  };

  explicit audit_trail(std::size_t capacity) { entries_.reserve(capacity); }

  void record(const order& o, const verdict& v) noexcept {
    if (entries_.size() < entries_.capacity()) {
      entries_.push_back({o, v});
    } else {
      ++dropped_;
    }
  }

  [[nodiscard]] std::span<const entry> entries() const noexcept { return entries_; }
  /// Decisions that arrived after the trail was full.
  [[nodiscard]] std::uint64_t dropped() const noexcept { return dropped_; }
  /// Forgets every entry (keeps the storage).
  void clear() noexcept {
    entries_.clear();
    dropped_ = 0;
  }

 private:
  std::vector<entry> entries_;
  std::uint64_t dropped_ = 0;
};

}  // namespace bulwark::risk
