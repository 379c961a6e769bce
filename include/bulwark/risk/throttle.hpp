// SPDX-License-Identifier: MIT
/// \file
/// \brief The stateful pre-trade checks: `order_rate_throttle` (token buckets, overall and
/// per symbol) and `duplicate_order_filter` (a client id seen before, or the same
/// symbol, side, quantity and price inside a time window).
///
/// Synopsis
/// \code
/// order_rate_throttle{.orders_per_second = 50, .burst = 20,
///                     .symbol_orders_per_second = 5, .symbol_burst = 5}
/// duplicate_order_filter{.window = 1s}
/// \endcode
///
/// Both model `PreTradeCheck` with a state: the gate owns one `state_type` per check,
/// evaluates against it (const) and commits an order to it only when the whole gate
/// accepted the order, so a rejected order spends no token and is not remembered.
/// Time is the gate's clock (`check_context::now`). The throttle's evaluate leaves its
/// commit the symbol's bucket (`hint_type`), so the gate finds the bucket once per order.
#pragma once

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/core/order.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/core/symbol_map.hpp"
#include "bulwark/core/time.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/checks.hpp"
#include "bulwark/risk/reason.hpp"

namespace bulwark::risk {

/// Token buckets (Turner 1986): each bucket holds at most `burst` tokens and refills at
/// `orders_per_second`; an order needs one token from the overall bucket and one from its
/// symbol's. So over any interval T at most burst + rate x T orders pass, and after a
/// quiet spell a burst of `burst` orders passes at once. Per-symbol limits are optional
/// (both +inf, the default, disables them).
///
/// Implemented in the equivalent virtual-scheduling form of the Generic Cell Rate
/// Algorithm (ITU-T I.371): a bucket is one timestamp, its theoretical arrival time TAT;
/// with increment T = 1 / rate and tolerance (burst - 1) T, an order at `now` conforms
/// when now >= TAT - tolerance, and spends its token by TAT := max(now, TAT) + T. Integer
/// nanoseconds throughout: no floating point on the order path and no drift. T is
/// rounded to the nanosecond, a relative error of at most 5e-10 x rate (5e-7 at 1,000
/// orders per second). The tokens a rejection reports, (now - TAT + tolerance + T) / T,
/// are computed only then.
///
/// State: one TAT, plus one per symbol traded, in a `symbol_map` sized once for
/// `expected_symbols`. That is a fixed capacity: with per-symbol limits on, an order in a
/// new symbol once `expected_symbols` symbols have traded in the session is rejected
/// (`check_capacity`, value: symbols held, limit: the capacity), so the order path never
/// allocates. O(1) per order.
struct order_rate_throttle {
  static constexpr std::string_view name = "order_rate_throttle";
  double orders_per_second = std::numeric_limits<double>::quiet_NaN();
  double burst = std::numeric_limits<double>::quiet_NaN();
  double symbol_orders_per_second = std::numeric_limits<double>::infinity();
  double symbol_burst = std::numeric_limits<double>::infinity();
  std::size_t expected_symbols = 256;

  /// A bucket's schedule: increment and tolerance in ns, fixed by `make_state`.
  struct schedule {
    std::int64_t increment = 0;
    std::int64_t tolerance = 0;
  };
  struct state_type {
    schedule overall_rule;
    schedule symbol_rule;  ///< increment 0: no per-symbol limit
    timestamp overall{};   ///< the overall bucket's TAT
    symbol_map<timestamp> symbols;
  };
  /// What `evaluate` found for `commit`: the symbol's bucket, or nullptr when the symbol
  /// has none yet (or per-symbol limits are off).
  struct hint_type {
    const timestamp* bucket = nullptr;
  };

  void validate() const {
    require_rate(orders_per_second, "order_rate_throttle.orders_per_second");
    require_burst(burst, orders_per_second, "order_rate_throttle.burst");
    if (is_off(symbol_orders_per_second) != is_off(symbol_burst)) {
      bulwark::detail::throw_error<config_error>(
          detail::checks_id,
          "order_rate_throttle: symbol_orders_per_second {} and symbol_burst {} must both be "
          "finite (a per-symbol limit) or both inf (none)",
          symbol_orders_per_second, symbol_burst);
    }
    if (!is_off(symbol_burst)) {
      require_rate(symbol_orders_per_second, "order_rate_throttle.symbol_orders_per_second");
      require_burst(symbol_burst, symbol_orders_per_second, "order_rate_throttle.symbol_burst");
      if (expected_symbols == 0) {
        bulwark::detail::throw_error<config_error>(
            detail::checks_id, "order_rate_throttle.expected_symbols 0 must be >= 1 with "
                               "per-symbol limits");
      }
    }
  }

  [[nodiscard]] state_type make_state() const {
    const bool per_symbol = !is_off(symbol_burst);
    return {rule(orders_per_second, burst),
            per_symbol ? rule(symbol_orders_per_second, symbol_burst) : schedule{}, timestamp{},
            symbol_map<timestamp>(per_symbol ? expected_symbols : 0)};
  }

  /// Rejects with `order_rate` (value: tokens left, limit: orders per second) when the
  /// overall bucket holds less than one token, then with `symbol_order_rate` for the
  /// symbol's bucket.
  [[nodiscard]] check_result evaluate(const check_context& ctx, const state_type& s) const noexcept {
    hint_type unused;
    return evaluate(ctx, s, unused);
  }
  /// The same, leaving `commit` the symbol's bucket (the gate's form: one lookup per order).
  [[nodiscard]] check_result evaluate(const check_context& ctx, const state_type& s,
                                      hint_type& hint) const noexcept {
    hint.bucket = nullptr;
    if (!conforms(s.overall, s.overall_rule, ctx.now)) [[unlikely]] {
      return check_result::reject(reject_reason::order_rate,
                                  tokens(s.overall, s.overall_rule, ctx.now), orders_per_second);
    }
    if (s.symbol_rule.increment == 0) return check_result::pass();
    const timestamp* tat = s.symbols.find(ctx.ord.sym);
    hint.bucket = tat;
    if (tat == nullptr) [[unlikely]] {
      if (s.symbols.size() < expected_symbols) return check_result::pass();
      return check_result::reject(reject_reason::check_capacity,
                                  static_cast<double>(s.symbols.size()),
                                  static_cast<double>(expected_symbols));
    }
    if (conforms(*tat, s.symbol_rule, ctx.now)) [[likely]] return check_result::pass();
    return check_result::reject(reject_reason::symbol_order_rate,
                                tokens(*tat, s.symbol_rule, ctx.now), symbol_orders_per_second);
  }

  /// Spends one token from each bucket. Never allocates: `evaluate` admitted a new symbol
  /// only below the reserved capacity.
  void commit(const check_context& ctx, state_type& s) const noexcept { commit(ctx, s, {}); }
  /// The same, with the bucket `evaluate(ctx, s, hint)` found: no second lookup.
  void commit(const check_context& ctx, state_type& s, const hint_type& hint) const noexcept {
    spend(s.overall, s.overall_rule, ctx.now);
    if (s.symbol_rule.increment == 0) return;
    // The hint points into `s.symbols`, which is not const here; a symbol without a
    // bucket gets one.
    timestamp& tat = hint.bucket != nullptr ? const_cast<timestamp&>(*hint.bucket)
                                            : *s.symbols.try_emplace(ctx.ord.sym, timestamp{}).first;
    spend(tat, s.symbol_rule, ctx.now);
  }

 private:
  // Only +inf turns a per-symbol limit off: a NaN (a limit never set, or a failed parse)
  // or -inf is a limit to validate, and fails validation, never an absent limit.
  static constexpr bool is_off(double limit) noexcept {
    return limit == std::numeric_limits<double>::infinity();
  }
  // A rate in (0, 1e9] per second: the increment is at least one nanosecond.
  static void require_rate(double rate, std::string_view field) {
    if (rate > 0.0 && rate <= 1e9) return;
    bulwark::detail::throw_error<config_error>(detail::checks_id,
                                               "{} {} outside (0, 1e9] orders per second",
                                               field, rate);
  }
  // A burst >= 1 that the bucket refills within 1e8 s (three years), so the schedule's
  // nanosecond counts stay far from overflow.
  static void require_burst(double b, double rate, std::string_view field) {
    if (std::isfinite(b) && b >= 1.0 && b / rate <= 1e8) return;
    bulwark::detail::throw_error<config_error>(
        detail::checks_id, "{} {} must be finite, >= 1 (one order) and refill in 1e8 s at most",
        field, b);
  }
  [[nodiscard]] static schedule rule(double rate, double size) noexcept {
    const auto increment = static_cast<std::int64_t>(std::llround(1e9 / rate));
    return {std::max<std::int64_t>(increment, 1),
            static_cast<std::int64_t>(std::llround((size - 1.0) * 1e9 / rate))};
  }
  [[nodiscard]] static bool conforms(timestamp tat, const schedule& r, timestamp now) noexcept {
    return to_unix_nanos(now) >= to_unix_nanos(tat) - r.tolerance;
  }
  // Tokens at `now` (< 1 when not conforming): (now - TAT + tolerance + T) / T.
  [[nodiscard]] static double tokens(timestamp tat, const schedule& r, timestamp now) noexcept {
    return static_cast<double>(to_unix_nanos(now) - to_unix_nanos(tat) + r.tolerance +
                               r.increment) /
           static_cast<double>(r.increment);
  }
  // The later of TAT and now, taken on the counts: GCC selects that with a conditional move,
  // where it branched on `std::max` of the timestamps.
  static void spend(timestamp& tat, const schedule& r, timestamp now) noexcept {
    tat = timestamp{duration{std::max(to_unix_nanos(tat), to_unix_nanos(now)) + r.increment}};
  }
};

namespace detail {

// Fibonacci hashing (Knuth, TAOCP vol. 3, 6.4): spreads sequential ids over the table.
[[nodiscard]] constexpr std::size_t fibonacci_slot(std::uint64_t key, unsigned bits) noexcept {
  return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> (64U - bits));
}

// A set of at most `capacity` order ids, with open addressing and linear probing at a
// load factor of at most 1/2. Id 0 is kept apart because 0 marks a free slot. Allocates
// only at construction: the caller keeps size() below capacity() before inserting.
class order_id_set {
 public:
  explicit order_id_set(std::size_t capacity) : capacity_(capacity) {
    bits_ = table_bits(capacity);
    slots_.assign(std::size_t{1} << bits_, 0);
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_ + (has_zero_ ? 1U : 0U); }
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

  [[nodiscard]] bool contains(order_id id) const noexcept {
    if (id == 0) return has_zero_;
    for (std::size_t i = fibonacci_slot(id, bits_);; i = (i + 1) & mask()) {
      if (slots_[i] == id) return true;
      if (slots_[i] == 0) return false;
    }
  }
  // Precondition: contains(id) or size() < capacity() (then the table is at most half
  // full after the insert, so probing ends).
  void insert(order_id id) noexcept {
    if (id == 0) {
      has_zero_ = true;
      return;
    }
    if (size() >= capacity_) return;  // full: the caller rejects first; never grow
    place(id);
  }

 private:
  static unsigned table_bits(std::size_t expected) noexcept {
    return static_cast<unsigned>(std::bit_width(std::max<std::size_t>(expected, 4) * 2 - 1));
  }
  [[nodiscard]] std::size_t mask() const noexcept { return slots_.size() - 1; }
  void place(order_id id) noexcept {
    std::size_t i = fibonacci_slot(id, bits_);
    while (slots_[i] != 0 && slots_[i] != id) i = (i + 1) & mask();
    if (slots_[i] == 0) ++size_;
    slots_[i] = id;
  }

  std::vector<order_id> slots_;
  std::size_t capacity_ = 0;
  unsigned bits_ = 0;
  std::size_t size_ = 0;
  bool has_zero_ = false;
};

// The content of an order for duplicate detection: symbol, side, quantity and the price
// it carries (limit, else stop; for a market order the one quiet NaN, whatever NaN its
// fields hold, so that a NaN payload cannot make a repeat look new), compared bit for
// bit.
struct order_fingerprint {
  symbol sym;
  side direction = side::buy;
  std::uint64_t quantity_bits = 0;
  std::uint64_t price_bits = 0;

  [[nodiscard]] static order_fingerprint of(const order& o) noexcept {
    const double price = !std::isnan(o.limit_price) ? o.limit_price
                         : !std::isnan(o.stop_price) ? o.stop_price
                                                     : std::numeric_limits<double>::quiet_NaN();
    return {o.sym, o.side, std::bit_cast<std::uint64_t>(o.quantity),
            std::bit_cast<std::uint64_t>(price)};
  }
  [[nodiscard]] std::uint64_t hash() const noexcept {
    return sym.hash() ^ (quantity_bits * 0x9e3779b97f4a7c15ULL) ^
           ((price_bits + static_cast<std::uint64_t>(sign(direction) + 1)) * 0xc2b2ae3d27d4eb4fULL);
  }
  friend bool operator==(const order_fingerprint&, const order_fingerprint&) = default;
};

// True when an order accepted at `then` is inside the window at `now`: less than `window`
// before it, or after it (a clock set back: the order counts as recent, which rejects).
// Exact for any two timestamps, where `now - then` overflows for instants more than 292
// years apart (a simulated clock starting at timestamp::min(), then set to a real time).
[[nodiscard]] inline bool inside_window(timestamp then, timestamp now, duration window) noexcept {
  return then > now ||
         bulwark::detail::nanos_after(then, now) < static_cast<std::uint64_t>(window.count());
}

// The orders accepted inside the window, oldest first, in a ring of fixed capacity, with
// a hash index over their fingerprints. The index uses linear probing with backward-shift
// deletion (Knuth, Algorithm 6.4R), so expiring the oldest order leaves no tombstone and
// every operation stays O(1) expected, with no periodic rebuild and no allocation.
class recent_orders {
 public:
  explicit recent_orders(std::size_t capacity)
      : ring_(capacity), bits_(static_cast<unsigned>(std::bit_width(capacity * 2 - 1))),
        index_(std::size_t{1} << bits_, empty) {}

  struct entry {
    order_fingerprint key;
    timestamp time{};
  };

  [[nodiscard]] std::size_t capacity() const noexcept { return ring_.size(); }
  [[nodiscard]] std::size_t size() const noexcept {
    return static_cast<std::size_t>(next_ - first_);
  }
  [[nodiscard]] const entry& oldest() const noexcept { return at(first_); }

  // The newest entry with this fingerprint, or nullptr.
  [[nodiscard]] const entry* find(const order_fingerprint& key) const noexcept {
    const entry* found = nullptr;
    for (std::size_t i = home(key);; i = (i + 1) & mask()) {
      if (index_[i] == empty) return found;
      const entry& e = at(index_[i]);
      if (e.key == key && (found == nullptr || e.time >= found->time)) found = &e;
    }
  }
  // Forgets the oldest entries while they are outside the window at `now`.
  void expire(timestamp now, duration window) noexcept {
    while (first_ != next_ && !inside_window(at(first_).time, now, window)) pop();
  }
  // Precondition: size() < capacity().
  void push(const order_fingerprint& key, timestamp time) noexcept {
    const std::uint64_t seq = next_++;
    at(seq) = {key, time};
    std::size_t i = home(key);
    while (index_[i] != empty) i = (i + 1) & mask();
    index_[i] = seq;
  }

 private:
  static constexpr std::uint64_t empty = std::numeric_limits<std::uint64_t>::max();

  [[nodiscard]] std::size_t mask() const noexcept { return index_.size() - 1; }
  [[nodiscard]] std::size_t home(const order_fingerprint& key) const noexcept {
    return fibonacci_slot(key.hash(), bits_);
  }
  [[nodiscard]] entry& at(std::uint64_t seq) noexcept { return ring_[seq % ring_.size()]; }
  [[nodiscard]] const entry& at(std::uint64_t seq) const noexcept {
    return ring_[seq % ring_.size()];
  }
  void pop() noexcept {
    const std::uint64_t seq = first_++;
    std::size_t i = home(at(seq).key);
    while (index_[i] != seq) i = (i + 1) & mask();
    // Backward-shift: move later members of the probe run into the hole when their home
    // does not lie cyclically in (hole, their slot].
    for (std::size_t j = (i + 1) & mask(); index_[j] != empty; j = (j + 1) & mask()) {
      const std::size_t h = home(at(index_[j]).key);
      const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (!stays) {
        index_[i] = index_[j];
        i = j;
      }
    }
    index_[i] = empty;
  }

  std::vector<entry> ring_;
  unsigned bits_;
  std::vector<std::uint64_t> index_;
  std::uint64_t first_ = 0;
  std::uint64_t next_ = 0;
};

}  // namespace detail

/// Rejects an order whose client id the gate already accepted (`duplicate_client_id`,
/// for the whole session), or whose symbol, side, quantity and price (limit, else stop,
/// else none) equal those of an order accepted less than `window` ago
/// (`duplicate_order`, value: that order's age in s), or stamped after now (a clock set
/// back: a negative age, rejected, fail closed). The window remembers at most
/// `max_orders_in_window` orders; when that many were accepted inside the window the
/// filter cannot tell and rejects (`duplicate_order` with a NaN age): fail closed.
///
/// State: the ids seen and the window, both of fixed size. `expected_orders` is the most
/// client ids one session can accept: once that many were accepted, an order with a new
/// id is rejected (`check_capacity`, value: ids held, limit: the capacity) until
/// `restart_session`, so the order path never allocates. O(1) expected per order. Start a new session (a new state) with
/// `risk_gate::restart_session`.
struct duplicate_order_filter {
  static constexpr std::string_view name = "duplicate_order_filter";
  duration window{};
  bool check_client_id = true;
  std::size_t max_orders_in_window = 4096;
  std::size_t expected_orders = 1U << 16;

  struct state_type {
    detail::order_id_set ids;
    detail::recent_orders recent;
  };

  void validate() const {
    detail::require_duration(window, "duplicate_order_filter.window");
    if (max_orders_in_window == 0) {
      bulwark::detail::throw_error<config_error>(
          detail::checks_id, "duplicate_order_filter.max_orders_in_window 0 must be >= 1");
    }
    if (check_client_id && expected_orders == 0) {
      bulwark::detail::throw_error<config_error>(
          detail::checks_id, "duplicate_order_filter.expected_orders 0 must be >= 1 (the most "
                             "client ids a session accepts)");
    }
  }
  [[nodiscard]] state_type make_state() const {
    return {detail::order_id_set{expected_orders}, detail::recent_orders{max_orders_in_window}};
  }

  [[nodiscard]] check_result evaluate(const check_context& ctx, const state_type& s) const noexcept {
    if (check_client_id && s.ids.contains(ctx.ord.client_id)) {
      return check_result::reject(reject_reason::duplicate_client_id,
                                  static_cast<double>(ctx.ord.client_id),
                                  std::numeric_limits<double>::quiet_NaN());
    }
    if (check_client_id && s.ids.size() >= s.ids.capacity()) {
      return check_result::reject(reject_reason::check_capacity,
                                  static_cast<double>(s.ids.size()),
                                  static_cast<double>(s.ids.capacity()));
    }
    if (const auto* e = s.recent.find(detail::order_fingerprint::of(ctx.ord));
        e != nullptr && detail::inside_window(e->time, ctx.now, window)) {
      return check_result::reject(reject_reason::duplicate_order,
                                  nanos_between(e->time, ctx.now) / 1e9, detail::seconds(window));
    }
    if (s.recent.size() == s.recent.capacity() &&
        detail::inside_window(s.recent.oldest().time, ctx.now, window)) {
      return check_result::reject(reject_reason::duplicate_order,
                                  std::numeric_limits<double>::quiet_NaN(),
                                  detail::seconds(window));
    }
    return check_result::pass();
  }

  /// Remembers the order. Never allocates (`evaluate` admitted a new id only below the
  /// capacity).
  void commit(const check_context& ctx, state_type& s) const noexcept {
    if (check_client_id) s.ids.insert(ctx.ord.client_id);
    s.recent.expire(ctx.now, window);
    if (s.recent.size() < s.recent.capacity()) {
      s.recent.push(detail::order_fingerprint::of(ctx.ord), ctx.now);
    }
  }
};

}  // namespace bulwark::risk
