// SPDX-License-Identifier: MIT
#include <chrono>
#include <cmath>
#include <limits>
#include <vector>

#include "bulwark/core/atr.hpp"
#include "support/catch.hpp"

using bulwark::bar;
using bulwark::test::throws_error;
using bulwark::test::WithinRel;

namespace atr_test {
// Six bars; true ranges by hand (TA-Lib convention, bar 0 has none):
// bar 1: max(11-10, |11-9.5|, |10-9.5|) = 1.5     bar 2: max(1.5, |12-10.8|, |10.5-10.8|) = 1.5
// bar 3: max(1.5, |11.5-11|, |10-11|) = 1.5       bar 4: max(1.5, |13-10.2|, |11.5-10.2|) = 2.8
// bar 5: max(1.5, |12.5-12.9|, |11-12.9|) = 1.9
// Window 3: ATR_3 = (1.5+1.5+1.5)/3 = 1.5, ATR_4 = (2*1.5+2.8)/3 = 29/15,
// ATR_5 = (2*29/15+1.9)/3 = 86.5/45.
bulwark::bar_series six_bars() {
  const double h[] = {10, 11, 12, 11.5, 13, 12.5};
  const double l[] = {9, 10, 10.5, 10, 11.5, 11};
  const double c[] = {9.5, 10.8, 11.0, 10.2, 12.9, 11.2};
  bulwark::bar_series s{"X"};
  for (int i = 0; i < 6; ++i) s.push_back({.open = c[i], .high = h[i], .low = l[i], .close = c[i], .volume = 1});
  return s;
}
}  // namespace atr_test

TEST_CASE("Wilder's ATR matches the hand computation", "[core][atr]") {
  const auto atr = bulwark::average_true_range(atr_test::six_bars(), 3);
  REQUIRE(atr.size() == 6);
  CHECK(std::isnan(atr[0]));
  CHECK(std::isnan(atr[1]));
  CHECK(std::isnan(atr[2]));
  CHECK_THAT(atr[3], WithinRel(1.5, 1e-15));
  CHECK_THAT(atr[4], WithinRel(29.0 / 15.0, 1e-14));
  CHECK_THAT(atr[5], WithinRel(86.5 / 45.0, 1e-14));
  CHECK(bulwark::true_range(bar{.open = 10, .high = 13, .low = 11.5, .close = 12.9}, 10.2) == 13 - 10.2);
}

TEST_CASE("the streaming ATR equals the batch one and never hides a bad bar", "[core][atr]") {
  const auto series = atr_test::six_bars();
  bulwark::wilder_atr atr{3};
  const auto batch = bulwark::average_true_range(series, 3);
  for (std::size_t i = 0; i < series.size(); ++i) {
    const double v = atr.update(series[i]);
    if (std::isnan(batch[i])) {
      CHECK(std::isnan(v));
    } else {
      CHECK(v == batch[i]);
    }
  }
  CHECK(atr.ready());
  bar bad = series[5];
  bad.low = std::numeric_limits<double>::quiet_NaN();
  CHECK(std::isnan(atr.update(bad)));
  CHECK(std::isnan(atr.update(series[5])));  // stays NaN: the series is no longer trustworthy
  CHECK_FALSE(atr.ready());
}

TEST_CASE("ATR rejects a zero window and names a bad bar", "[core][atr]") {
  CHECK_THROWS_MATCHES(bulwark::wilder_atr{0}, bulwark::config_error,
                       throws_error("bulwark.core.atr", "window 0"));
  auto series = atr_test::six_bars();
  series.push_back({.open = 10, .high = 9, .low = 11, .close = 10, .volume = 1});  // high < low
  CHECK_THROWS_MATCHES(bulwark::average_true_range(series, 3), bulwark::input_error,
                       throws_error("bulwark.core.atr", "bar 6 of X is not a valid bar"));
}

TEST_CASE("ATR refuses a bar stamped before the one it follows", "[core][atr]") {
  // Bar 3's true range against bar 2's close would use a close from its future.
  auto series = atr_test::six_bars();
  bulwark::bar_series stamped{"X"};
  const auto t = [](int minute) { return bulwark::from_unix_seconds(1'717'425'000 + 60 * minute); };
  const int minutes[] = {0, 1, 2, 1, 4, 5};  // bar 3 is stamped before bar 2
  for (std::size_t i = 0; i < series.size(); ++i) {
    bar b = series[i];
    b.time = t(minutes[i]);
    stamped.push_back(b);
  }
  CHECK_THROWS_MATCHES(bulwark::average_true_range(stamped, 3), bulwark::input_error,
                       throws_error("bulwark.core.atr", "bar 3 of X at 2024-06-03T14:31:00Z is "
                                                        "stamped before bar 2 at "
                                                        "2024-06-03T14:32:00Z"));
  // The streaming ATR skips it (a feed replaying bars): the ATR after bars 0, 1, 2, 4, 5
  // is the batch ATR of those five bars.
  bulwark::bar_series in_order{"X"};
  for (const std::size_t i : {0U, 1U, 2U, 4U, 5U}) in_order.push_back(stamped[i]);
  const auto expected = bulwark::average_true_range(in_order, 2);
  bulwark::wilder_atr atr{2};
  for (std::size_t i = 0; i < 3; ++i) atr.update(stamped[i]);
  REQUIRE(atr.value() == expected[2]);
  CHECK(atr.is_replay(stamped[3]));
  CHECK(atr.update(stamped[3]) == expected[2]);  // unchanged
  CHECK(atr.update(stamped[4]) == expected[3]);
  CHECK(atr.update(stamped[5]) == expected[4]);
  // Bars not stamped are taken in the order given, even equal ones.
  bulwark::wilder_atr unstamped{3};
  for (std::size_t i = 0; i < series.size(); ++i) unstamped.update(series[i]);
  CHECK_THAT(unstamped.value(), WithinRel(86.5 / 45.0, 1e-14));
  CHECK_FALSE(unstamped.is_replay(series[5]));
}

TEST_CASE("ATR refuses a bar repeated, and the streaming ATR skips it", "[core][atr]") {
  // Bars 0-5 stamped a minute apart, bar 4 sent twice: the batch names the copy, and the
  // streaming ATR of the seven is the ATR of the six. Window 2, by hand from the true
  // ranges above: 1.5 at bar 2, 1.5, (1.5 + 2.8) / 2 = 2.15, (2.15 + 1.9) / 2 = 2.025.
  // Counted again, the copy's true range (against its own close, 1.5) would make it
  // (2.15 + 1.5) / 2 = 1.825 before bar 5.
  const auto series = atr_test::six_bars();
  bulwark::bar_series once{"X"};
  bulwark::bar_series twice{"X"};
  for (std::size_t i = 0; i < series.size(); ++i) {
    bar b = series[i];
    b.time = bulwark::from_unix_seconds(1'717'425'000 + 60 * static_cast<int>(i));
    once.push_back(b);
    twice.push_back(b);
    if (i == 4) twice.push_back(b);
  }
  CHECK_THROWS_MATCHES(bulwark::average_true_range(twice, 2), bulwark::input_error,
                       throws_error("bulwark.core.atr", "bar 5 of X at 2024-06-03T14:34:00Z "
                                                        "repeats bar 4 at 2024-06-03T14:34:00Z"));
  CHECK_THAT(bulwark::average_true_range(once, 2).back(), WithinRel(2.025, 1e-14));
  bulwark::wilder_atr atr{2};
  for (std::size_t i = 0; i < twice.size(); ++i) atr.update(twice[i]);
  CHECK_THAT(atr.value(), WithinRel(2.025, 1e-14));
  // Another bar with bar 5's stamp (an update of a forming bar) takes bar 5's place: its
  // range, max(13.5 - 11, |13.5 - 12.9|, |11 - 12.9|) = 2.5 against bar 4's close, is
  // averaged with the ATR after bar 4: (2.15 + 2.5) / 2. Taken as a new bar it would
  // give (2.025 + 2.5) / 2.
  bar revised = once[5];
  revised.high += 1.0;
  CHECK_FALSE(atr.is_replay(revised));
  CHECK(atr.is_revision(revised));
  CHECK(atr.next_true_range(revised) == 2.5);
  CHECK_THAT(atr.value_before(revised), WithinRel(2.15, 1e-14));
  CHECK_THAT(atr.update(revised), WithinRel((2.15 + 2.5) / 2, 1e-14));
  // A second update replaces the first: bar 5 as first sent again, ATR 2.025.
  CHECK(atr.is_revision(once[5]));
  CHECK_THAT(atr.update(once[5]), WithinRel(2.025, 1e-14));
  CHECK(std::isnan(bulwark::wilder_atr{2}.next_true_range(once[0])));
  // The batch takes each interval once.
  bulwark::bar_series updated{"X"};
  for (std::size_t i = 0; i < once.size(); ++i) updated.push_back(once[i]);
  updated.push_back(revised);
  CHECK_THROWS_MATCHES(bulwark::average_true_range(updated, 2), bulwark::input_error,
                       throws_error("bulwark.core.atr", "bar 6 of X at 2024-06-03T14:35:00Z "
                                                        "has the stamp of bar 5"));
}

TEST_CASE("the ATR's questions about a bad bar answer no and NaN", "[core][atr]") {
  // A bar that is not ok() (high below low) breaks the ATR in update: it is neither a
  // replay nor a revision, and it has no true range, even with the last bar's stamp.
  bulwark::wilder_atr atr{1};
  bar first{.time = bulwark::from_unix_seconds(1'717'425'000), .open = 10, .high = 11,
            .low = 9, .close = 10, .volume = 1};
  atr.update(first);
  first.time += std::chrono::minutes{1};
  atr.update(first);
  REQUIRE(atr.value() == 2);
  CHECK(atr.value_before(first) == 2);  // a good bar, for contrast
  bar bad = first;
  bad.high = 8;
  CHECK_FALSE(atr.is_replay(bad));
  CHECK_FALSE(atr.is_revision(bad));
  CHECK(std::isnan(atr.next_true_range(bad)));
  bad.time -= std::chrono::minutes{1};
  CHECK_FALSE(atr.is_replay(bad));
  CHECK(std::isnan(atr.value_before(bad)));
}

TEST_CASE("a restarted ATR warms up again and still skips replays", "[core][atr]") {
  bulwark::bar_series stamped{"X"};
  const auto series = atr_test::six_bars();
  for (std::size_t i = 0; i < series.size(); ++i) {
    bar b = series[i];
    b.time = bulwark::from_unix_seconds(1'717'425'000 + 60 * static_cast<int>(i));
    stamped.push_back(b);
  }
  bulwark::wilder_atr atr{2};
  for (std::size_t i = 0; i < 4; ++i) atr.update(stamped[i]);
  atr.update({.open = 10, .high = 9, .low = 11, .close = 10});  // high < low: broken
  REQUIRE(std::isnan(atr.value()));
  atr.restart();
  CHECK_FALSE(atr.ready());
  CHECK(atr.is_replay(stamped[2]));  // from before the restart
  atr.update(stamped[2]);
  atr.update(stamped[3]);
  CHECK_FALSE(atr.ready());
  // Bars 4 and 5, measured against bar 3's close: ranges 2.8 and 1.9.
  atr.update(stamped[4]);
  CHECK(std::isnan(atr.value()));
  CHECK_THAT(atr.update(stamped[5]), WithinRel((2.8 + 1.9) / 2, 1e-14));

  // A revision of the last bar right after a restart adds no range from before it: the
  // restart would have dropped the bar it revises.
  bulwark::wilder_atr fresh{2};
  for (std::size_t i = 0; i < 4; ++i) fresh.update(stamped[i]);
  fresh.restart();
  bar revised = stamped[3];
  revised.high += 2.0;
  CHECK(fresh.is_revision(revised));
  CHECK(std::isnan(fresh.next_true_range(revised)));
  fresh.update(revised);
  fresh.update(stamped[4]);  // one range since the restart
  CHECK_FALSE(fresh.ready());
}
