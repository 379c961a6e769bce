// SPDX-License-Identifier: MIT
// libFuzzer target for the CSV readers: any bytes either parse into columns of equal
// length or raise bulwark::input_error; anything else (a crash, a sanitizer report, another
// exception, an inconsistent result) is a finding. The first input byte picks the reader
// and format so one corpus covers them all.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "bulwark/data/bar_reader.hpp"
#include "bulwark/data/quote_bar_reader.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void fuzz(std::uint8_t selector, std::string_view text) {
  using namespace bulwark::data;
  const csv_format format{.delimiter = (selector & 1) != 0 ? ';' : ',',
                          .time = static_cast<time_format>((selector >> 1) % 4),
                          .naive_times_are_utc = (selector & 8) != 0};
  switch ((selector >> 4) % 3) {
    case 0: {
      const bar_table t = parse_bars(text, {.sym = {}, .columns = {}, .extra = {"adjusted_close"}, .format = format});
      require(t.bars.size() == t.table.size() && t.table.column("adjusted_close").size() == t.bars.size());
      require(t.bars.size() > 0);
      break;
    }
    case 1: {
      const quote_bar_table q = parse_quote_bars(text, {.sym = {}, .columns = {}, .extra = {}, .format = format});
      require(q.bid.size() == q.ask.size() && q.bid.size() == q.table.size());
      break;
    }
    default: {
      const numeric_table t = parse_table(text, {.time_column = "", .columns = {"close"}, .format = format});
      require(t.column("close").size() == t.size() && t.utc_offsets().size() == t.size());
      for (std::size_t i = 0; i < t.size(); ++i) static_cast<void>(t.local_date(i));
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  try {
    fuzz(data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  } catch (const bulwark::input_error&) {
    // The documented outcome for malformed input.
  }
  return 0;
}
