// SPDX-License-Identifier: MIT
/// \file
/// \brief `symbol_map<T>`: a flat open-addressing table keyed by `symbol`, for per-symbol
/// state on hot paths (quotes, positions, limits). Lookups never allocate; inserts
/// allocate only when the table grows, and `reserve(n)` guarantees they don't for the
/// first `n` symbols.
///
/// Synopsis
/// \code
/// symbol_map<double> m{500};           // room for 500 symbols without reallocation
/// m["AAPL"] = 1.0;                     // insert or access
/// if (double* v = m.find("MSFT")) ...  // nullptr when absent (the symbol's stored hash)
/// m.find_branchless("MSFT");           // the same, without a branch on presence
/// for (auto [sym, value] : m) ...      // every entry, in unspecified order
/// \endcode
///
/// Linear probing at a load factor of at most 1/2: O(1) expected per operation. There is
/// no erase (per-symbol state is reset, not removed); `clear()` empties the table.
/// The empty symbol marks a free slot, so it cannot be a key (`BULWARK_EXPECTS`). A
/// table without storage (default-constructed, or moved from) is empty and usable.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include "bulwark/core/error.hpp"
#include "bulwark/core/symbol.hpp"
#include "bulwark/detail/select.hpp"

namespace bulwark {

template <class T>
class symbol_map {
  struct slot {
    symbol key;  // empty when the slot is free
    T value{};
  };

 public:
  symbol_map() = default;

  /// A table that holds `expected_symbols` entries without reallocating.
  explicit symbol_map(std::size_t expected_symbols) { reserve(expected_symbols); }

  symbol_map(const symbol_map& other)
      : slots_(other.slots_), mask_(other.mask_), size_(other.size_) {
    repoint();
  }
  /// Leaves `other` empty and usable.
  symbol_map(symbol_map&& other) noexcept
      : slots_(std::move(other.slots_)), mask_(other.mask_), size_(other.size_) {
    repoint();
    other.forget();
  }
  /// Copies into new storage, then takes it: the strong guarantee, at the price of
  /// never reusing this table's storage.
  symbol_map& operator=(const symbol_map& other) {
    if (this != &other) *this = symbol_map(other);
    return *this;
  }
  /// Leaves `other` empty and usable.
  symbol_map& operator=(symbol_map&& other) noexcept {
    if (this == &other) return *this;
    slots_ = std::move(other.slots_);
    mask_ = other.mask_;
    size_ = other.size_;
    repoint();
    other.forget();
    return *this;
  }
  ~symbol_map() = default;

  /// Makes room for `expected_symbols` entries: no insert allocates until there are more.
  void reserve(std::size_t expected_symbols) {
    const std::size_t wanted = std::bit_ceil(expected_symbols * 2 < 8 ? 8 : expected_symbols * 2);
    if (wanted > slots_.size()) rehash(wanted);
  }

  /// The value for `key`, or nullptr when absent.
  [[nodiscard]] T* find(const symbol& key) noexcept {
    return const_cast<T*>(std::as_const(*this).find(key));
  }
  [[nodiscard]] const T* find(const symbol& key) const noexcept {
    if (key.empty()) return nullptr;
    for (std::size_t i = home(key.hash());; i = (i + 1) & mask_) {
      const slot& s = table_[i];
      if (s.key == key) [[likely]] return &s.value;
      if (s.key.empty()) return nullptr;
    }
  }
  /// The same as `find`, without a branch on whether `key` is present: the pointer is
  /// chosen by mask. For lookups whose outcome is as good as random (an order's symbol
  /// in the positions: some held, some not), where `find`'s branch is mispredicted about
  /// half the time. It branches only when the first slot probed holds another symbol.
  /// When the outcome is predictable, prefer `find`: there the processor runs ahead on
  /// the predicted slot, while here the pointer waits for the comparison.
  [[nodiscard]] T* find_branchless(const symbol& key) noexcept {
    return const_cast<T*>(std::as_const(*this).find_branchless(key));
  }
  [[nodiscard]] const T* find_branchless(const symbol& key) const noexcept {
    std::size_t i = home(key.hash());
    while (!table_[i].key.is_or_empty(key)) [[unlikely]] i = (i + 1) & mask_;
    const slot& s = table_[i];  // key's, or the free slot that ends its probe
    return detail::select(!s.key.empty(), &s.value, static_cast<const T*>(nullptr));
  }
  [[nodiscard]] bool contains(const symbol& key) const noexcept { return find(key) != nullptr; }

  /// The value for `key`, value-initialised and inserted when absent.
  T& operator[](const symbol& key) { return *try_emplace(key).first; }

  /// Inserts `T(args...)` when `key` is absent. Returns the value and whether it was
  /// inserted. A present key never grows the table, so it moves no value. The key and the
  /// arguments may refer into the table (`m[k]` with `k` read from `m`,
  /// `m.try_emplace(k, *m.find(j))`): both are read before growing frees the old slots.
  template <class... Args>
  std::pair<T*, bool> try_emplace(const symbol& key, Args&&... args) {
    BULWARK_EXPECTS(key.ok());
    if ((size_ + 1) * 2 > slots_.size()) {
      if (T* present = find(key)) return {present, false};
      const symbol kept = key;
      T value(std::forward<Args>(args)...);
      rehash(slots_.empty() ? 8 : slots_.size() * 2);
      return try_emplace(kept, std::move(value));
    }
    for (std::size_t i = home(key.hash());; i = (i + 1) & mask_) {
      slot& s = slots_[i];
      if (s.key == key) return {&s.value, false};
      if (s.key.empty()) {
        s.value = T(std::forward<Args>(args)...);  // first: if it throws, the slot stays free
        s.key = key;
        ++size_;
        return {&s.value, true};
      }
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  /// Entries the table holds before its next reallocation.
  [[nodiscard]] std::size_t capacity() const noexcept { return slots_.size() / 2; }

  /// Removes every entry; keeps the storage.
  void clear() noexcept {
    for (slot& s : slots_) s = slot{};
    size_ = 0;
  }

  template <bool Const>
  class basic_iterator {
    using slot_pointer = std::conditional_t<Const, const slot*, slot*>;
    using value_reference = std::conditional_t<Const, const T&, T&>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using difference_type = std::ptrdiff_t;
    using value_type = std::pair<symbol, T>;
    using reference = std::pair<const symbol&, value_reference>;

    basic_iterator() = default;
    basic_iterator(slot_pointer at, slot_pointer end) noexcept : at_(at), end_(end) { skip(); }

    reference operator*() const noexcept { return {at_->key, at_->value}; }
    basic_iterator& operator++() noexcept {
      ++at_;
      skip();
      return *this;
    }
    basic_iterator operator++(int) noexcept {
      auto copy = *this;
      ++*this;
      return copy;
    }
    friend bool operator==(const basic_iterator&, const basic_iterator&) = default;

   private:
    void skip() noexcept {
      while (at_ != end_ && at_->key.empty()) ++at_;
    }
    slot_pointer at_ = nullptr;
    slot_pointer end_ = nullptr;
  };
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  iterator begin() noexcept { return {slots_.data(), slots_.data() + slots_.size()}; }
  iterator end() noexcept {
    return {slots_.data() + slots_.size(), slots_.data() + slots_.size()};
  }
  const_iterator begin() const noexcept { return {slots_.data(), slots_.data() + slots_.size()}; }
  const_iterator end() const noexcept {
    return {slots_.data() + slots_.size(), slots_.data() + slots_.size()};
  }

 private:
  [[nodiscard]] std::size_t home(std::uint64_t hash) const noexcept {
    return static_cast<std::size_t>(hash) & mask_;
  }

  // Lookups probe `table_`: the slots, or `spare_` (one free slot, mask 0) while there are
  // none, so that they need no test for a table without storage.
  void repoint() noexcept { table_ = slots_.empty() ? &spare_ : slots_.data(); }
  void forget() noexcept {
    slots_.clear();
    mask_ = 0;
    size_ = 0;
    repoint();
  }

  void rehash(std::size_t new_size) {
    std::vector<slot> old(new_size);
    old.swap(slots_);
    repoint();
    mask_ = new_size - 1;
    size_ = 0;
    for (slot& s : old) {
      if (!s.key.empty()) try_emplace(s.key, std::move(s.value));
    }
  }

  std::vector<slot> slots_;
  slot spare_{};  // always free
  const slot* table_ = &spare_;
  // slots_.size() - 1 (a power of two less one) once there are slots, else 0. Kept rather
  // than derived: a slot of, say, 72 bytes makes the size a division by 72 on every lookup.
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace bulwark
