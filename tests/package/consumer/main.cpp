// SPDX-License-Identifier: MIT
// Uses the core vocabulary through the installed headers and prints one order.
#include <bulwark/bulwark.hpp>
#include <fmt/format.h>

int main() {
  const bulwark::order o{.client_id = 1, .sym = "AAPL", .side = bulwark::side::buy,
                         .type = bulwark::order_type::limit, .quantity = 100, .limit_price = 190.1};
  bulwark::require_well_formed(o);
  fmt::print("bulwark {}: {}\n", bulwark::version_string, o);
}
