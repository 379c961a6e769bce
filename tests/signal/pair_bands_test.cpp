// SPDX-License-Identifier: MIT
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "bulwark/signal/pair_bands.hpp"
#include "support/catch.hpp"

namespace pair_bands_test {
using bulwark::signal::band_event;
using bulwark::signal::band_step;
using bulwark::signal::pair_position;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
}  // namespace pair_bands_test

TEST_CASE("bands: enter at 2, hold through the hysteresis, exit at 0.5", "[signal][pair_bands]") {
  using namespace pair_bands_test;
  const std::vector<double> z{0.0, 1.9, 2.0, 1.2, 0.6, 0.5, 0.3, -2.5, -1.0, 0.2, 3.0, -1.0};
  const std::vector<band_step> expected{
      {pair_position::flat, band_event::none},
      {pair_position::flat, band_event::none},                // below entry
      {pair_position::short_spread, band_event::enter_short}, // z >= 2: spread rich
      {pair_position::short_spread, band_event::none},        // between exit and entry: hold
      {pair_position::short_spread, band_event::none},
      {pair_position::flat, band_event::exit},                // |z| <= 0.5
      {pair_position::flat, band_event::none},
      {pair_position::long_spread, band_event::enter_long},   // z <= -2
      {pair_position::long_spread, band_event::none},
      {pair_position::flat, band_event::exit},                // crossed through the band
      {pair_position::short_spread, band_event::enter_short},
      {pair_position::flat, band_event::exit},                // overshot to the other side
  };
  CHECK(bulwark::signal::run_pair_bands(z) == expected);
}

TEST_CASE("bands: stop at 4, then no re-entry until |z| < entry", "[signal][pair_bands]") {
  using namespace pair_bands_test;
  bulwark::signal::pair_band_machine m;
  CHECK(m.update(-2.2).event == band_event::enter_long);
  CHECK(m.update(-3.9).position == pair_position::long_spread);
  const auto stop = m.update(-4.0);
  CHECK(stop == band_step{pair_position::flat, band_event::stop});
  CHECK(m.cooling());
  CHECK(m.update(-3.0).position == pair_position::flat);  // still stretched: no re-entry
  CHECK(m.update(-2.0).position == pair_position::flat);
  CHECK(m.update(-1.99).event == band_event::none);       // back inside the entry band: re-armed
  CHECK(!m.cooling());
  CHECK(m.update(-2.1).event == band_event::enter_long);
  // Short side stop, and a flat machine that sees |z| >= stop does not enter.
  bulwark::signal::pair_band_machine s;
  CHECK(s.update(4.5).position == pair_position::flat);
  CHECK(s.cooling());
  CHECK(s.update(2.5).position == pair_position::flat);
  CHECK(s.update(1.0).position == pair_position::flat);
  CHECK(s.update(2.5).event == band_event::enter_short);
  CHECK(s.update(4.1).event == band_event::stop);
  CHECK(fmt::format("{}", band_step{pair_position::long_spread, band_event::enter_long}) == "long_spread (enter_long)");
}

TEST_CASE("bands: a missing z changes nothing, custom bands, bad bands", "[signal][pair_bands]") {
  using namespace pair_bands_test;
  bulwark::signal::pair_band_machine m{{.entry = 1.5, .exit = 0.0, .stop = std::numeric_limits<double>::infinity()}};
  CHECK(m.update(1.5).event == band_event::enter_short);
  CHECK(m.update(missing) == band_step{pair_position::short_spread, band_event::missing});
  CHECK(m.update(100.0).position == pair_position::short_spread);  // no stop band
  CHECK(m.update(0.1).position == pair_position::short_spread);    // exit only at <= 0
  CHECK(m.update(0.0).event == band_event::exit);
  using bulwark::test::throws_error;
  using bulwark::signal::pair_band_machine;
  CHECK_THROWS_MATCHES(pair_band_machine({.entry = 2.0, .exit = 2.0, .stop = 4.0}), bulwark::config_error,
                       throws_error("bulwark.signal.pair_bands", "entry 2 exit 2 stop 4"));
  CHECK_THROWS_MATCHES(pair_band_machine({.entry = 2.0, .exit = 0.5, .stop = 1.0}), bulwark::config_error,
                       throws_error("bulwark.signal.pair_bands", "0 <= exit < entry < stop"));
  CHECK_THROWS_MATCHES(pair_band_machine({.entry = 2.0, .exit = -0.1, .stop = 4.0}), bulwark::config_error,
                       throws_error("bulwark.signal.pair_bands", "exit -0.1"));
  CHECK_THROWS_MATCHES(bulwark::signal::run_pair_bands(std::vector<double>{0.0, -std::numeric_limits<double>::infinity()}),
                       bulwark::input_error, throws_error("bulwark.signal.pair_bands", "run_pair_bands: z[1] is -inf"));
}
