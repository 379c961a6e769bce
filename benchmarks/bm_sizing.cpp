// SPDX-License-Identifier: MIT
// Sizing kernels:
//   sizing/kelly_weights  bulwark::sizing::kelly_weights(mu, Sigma, workspace) for n assets,
//                         the warm path: one kelly_workspace reused, so no allocation (the
//                         plain overload adds about p^2 + 97 p doubles of malloc per call);
//                         validation included; flop-bound (Cholesky n^3/3 + two triangular
//                         solves 2 n^2), so read against the peak of the instructions
//                         its factorisation runs: roofline/fma_avx2 where the processor
//                         has AVX2 and FMA (the kernel chosen at run time), else
//                         roofline/fma. Sigma is the
//                         Kac-Murdock-Szego matrix 0.5^|i-j| (symmetric positive definite,
//                         exact in binary, so the numpy peer sees the same bits); mu =
//                         uniform_returns(n, 7). Peer: numpy.linalg.solve(Sigma, mu).
//   sizing/kelly_factorisation
//                         the factorisation alone, as it runs inside kelly_weights: the
//                         blocked Cholesky of Sigma's lower triangle into the workspace's
//                         factor (detail::factorise_into); n^3/3 flops against the same
//                         roofline as kelly_weights. No peer.
//   sizing/kelly_factorisation_build_lanes
//                         the same with the kernel of the build's own lanes (SSE2 at the
//                         default flags), against roofline/fma. No peer.
//   sizing/sizer          a 500-symbol book through target_fraction_of_equity, fractional
//                         Kelly, lot size and a minimum notional at live prices, into a
//                         reused result: latency per symbol, allocations (must be 0). No peer.
//   sizing/apply_caps     per-asset, gross and net caps on n weights that all bind. No peer.
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <Eigen/Core>
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bulwark/core/market.hpp"
#include "bulwark/core/random.hpp"
#include "bulwark/sizing/caps.hpp"
#include "bulwark/sizing/kelly_weights.hpp"
#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/scaling.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"
#include "support/bench.hpp"

namespace {

Eigen::MatrixXd kms_covariance(Eigen::Index n) {
  Eigen::MatrixXd s(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) s(i, j) = std::ldexp(1.0, -static_cast<int>(std::abs(i - j)));
  }
  return s;
}

// The roofline a factorisation with `kernel` is read against: the FP64 peak of the
// instructions it runs.
const char* roofline_of(bulwark::detail::cholesky_kernel kernel) {
#if defined(__AVX2__) && defined(__FMA__)
  static_cast<void>(kernel);
  return "fma_avx2";  // built for AVX2 + FMA (-march=native): the build's own kernels use them
#else
  return kernel == bulwark::detail::cholesky_kernel::avx2_fma ? "fma_avx2" : "fma";
#endif
}

void kelly_weights(benchmark::State& state) {
  const auto n = static_cast<Eigen::Index>(state.range(0));
  const Eigen::MatrixXd sigma = kms_covariance(n);
  const std::vector<double> mu_values = bulwark::bench::uniform_returns(static_cast<std::size_t>(n), 7);
  const Eigen::Map<const Eigen::VectorXd> mu(mu_values.data(), n);
  bulwark::sizing::kelly_workspace workspace{n};
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    const Eigen::VectorXd& w = bulwark::sizing::kelly_weights(mu, sigma, workspace);
    benchmark::DoNotOptimize(w.data());
    benchmark::ClobberMemory();
  }
  probe.report(state);
  const double size = static_cast<double>(n);
  const double flops = size * size * size / 3.0 + 2.0 * size * size;
  state.counters["flops"] = benchmark::Counter(static_cast<double>(state.iterations()) * flops,
                                               benchmark::Counter::kIsRate);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, roofline_of(bulwark::detail::fastest_cholesky_kernel()));
}

void kelly_factorisation(benchmark::State& state, bulwark::detail::cholesky_kernel kernel) {
  const auto n = static_cast<Eigen::Index>(state.range(0));
  const Eigen::MatrixXd sigma = kms_covariance(n);
  Eigen::MatrixXd factor(n, n);
  Eigen::VectorXd packed;
  for (auto _ : state) {
    const bool ok = bulwark::sizing::detail::factorise_into(factor, packed, sigma, kernel);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(factor.data());
    benchmark::ClobberMemory();
  }
  const double size = static_cast<double>(n);
  state.counters["flops"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * size * size * size / 3.0,
      benchmark::Counter::kIsRate);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  bulwark::bench::roofline(state, roofline_of(kernel));
}

void sizer(benchmark::State& state) {
  using namespace std::chrono_literals;
  using namespace bulwark::sizing;
  const auto n = static_cast<std::size_t>(state.range(0));
  const bulwark::timestamp now = bulwark::from_unix_seconds(1'717'425'000);
  bulwark::market_snapshot market{n};
  bulwark::symbol_map<double> held{n};
  std::vector<target_weight> book;
  const bulwark::counter_rng rng{9, 0};
  for (std::size_t j = 0; j < n; ++j) {
    const bulwark::symbol sym{std::string_view{fmt::format("SYM{}", j)}};
    const double mid = 10.0 + 200.0 * rng.uniform(3 * j);
    market.set_quote(sym, mid - 0.01, mid + 0.01, now - 1s);
    held[sym] = std::floor(100.0 * (rng.uniform(3 * j + 1) - 0.5));
    book.push_back({sym, 0.004 * (rng.uniform(3 * j + 2) - 0.5)});
  }
  const bulwark::sizing::sizer s{5s, target_fraction_of_equity{},
                                 fractional_kelly{.multiplier = 0.5}, lot_size{.lot = 1.0},
                                 min_order{.notional = 100.0}};
  decltype(s)::result_type result;
  result.reserve(n);
  const sizing_request request{.targets = book, .equity = 1e7, .positions = held,
                               .market = market, .now = now, .first_client_id = 1};
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    s.size(request, result);
    benchmark::DoNotOptimize(result.orders.data());
    benchmark::ClobberMemory();
  }
  probe.report(state);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void apply_caps(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<double> input = bulwark::bench::uniform_returns(n, 5);
  std::vector<double> w(n);
  // Per asset at 80 % of the largest |w|, gross at half the book, net at 1 % of gross.
  const bulwark::sizing::exposure_caps caps{.per_asset = 0.016, .gross = 0.0025 * static_cast<double>(n),
                                            .net = 0.0001 * static_cast<double>(n)};
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    w = input;
    benchmark::DoNotOptimize(bulwark::sizing::apply_caps(w, caps));
  }
  probe.report(state);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

}  // namespace

BENCHMARK(kelly_weights)
    ->Name("sizing/kelly_weights")
    ->Arg(bulwark::bench::size(500))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(kelly_factorisation, fastest, bulwark::detail::fastest_cholesky_kernel())
    ->Name("sizing/kelly_factorisation")
    ->Arg(bulwark::bench::size(500))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(kelly_factorisation, build, bulwark::detail::cholesky_kernel::build)
    ->Name("sizing/kelly_factorisation_build_lanes")
    ->Arg(bulwark::bench::size(500))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(sizer)->Name("sizing/sizer")->Arg(bulwark::bench::size(500));
BENCHMARK(apply_caps)->Name("sizing/apply_caps")->Arg(bulwark::bench::size(500));
