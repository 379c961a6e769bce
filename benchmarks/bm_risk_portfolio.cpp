// SPDX-License-Identifier: MIT
// Portfolio risk kernels, on a panel of 2520 periods (ten years of daily returns) x p
// assets of uniform returns (bench::uniform_returns(2520 p), row-major); the argument is p.
//   risk/sample_covariance         sample_covariance: a symmetric rank-2520 update,
//                                  2520 p (p + 1) flops; roofline=fma. peer: numpy.cov
//   risk/ledoit_wolf               ledoit_wolf: the same update plus O(n p) terms;
//                                  roofline=fma. peer: scikit-learn's ledoit_wolf, transcribed
//                                  in numpy (it also forms (X^2)'(X^2), an O(n p^2) product)
//   risk/component_var             gaussian_portfolio{w, S, mu} + var_contributions(0.99):
//                                  Sigma w, 2 p^2 flops over p^2 doubles; roofline=fma (the
//                                  matrix, 2 MB at p = 500, streams from L3, so this reads
//                                  low against the flop roofline). peer: PerformanceAnalytics'
//                                  formula in numpy
//   risk/historical_portfolio_var  historical_portfolio_var(R, w, 0.99): R w, then the type-7
//                                  quantile; roofline=sum (R read once). peer: -np.quantile(R @ w)
// Items are assets (p), as for the peers, so compare.py's per-item times divide the same
// way; bytes are the panel (or covariance) read once. Smoke runs (BULWARK_BENCH_SMOKE=1)
// use 64 periods. These are batch functions that return new matrices: allocs_per_iter
// counts operator new only, and Eigen allocates with malloc, so it shows the std::vector
// allocations of the historical kernel (the portfolio returns and the selection copy) but
// not the Eigen ones (the centred n x p copy, the p x p result and O(p) vectors of the
// covariance kernels; three O(p) vectors in gaussian_portfolio and two in its
// contributions).
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>
#include <benchmark/benchmark.h>

#include "bulwark/core/panel.hpp"
#include "bulwark/risk/covariance.hpp"
#include "bulwark/risk/portfolio_var.hpp"
#include "support/bench.hpp"

namespace {

std::size_t periods() { return bulwark::bench::smoke() ? 64 : 2520; }

// The seeded panel and weights the numpy peers regenerate (peers/risk_portfolio.py).
struct portfolio_inputs {
  std::size_t rows;
  std::size_t cols;
  std::vector<double> values;
  Eigen::VectorXd weights;  // 1/p + uniform_returns(p, 1, 1): long-short around equal weight

  explicit portfolio_inputs(std::size_t p)
      : rows(periods()), cols(p), values(bulwark::bench::uniform_returns(rows * p, 1, 0)) {
    const std::vector<double> tilt = bulwark::bench::uniform_returns(p, 1, 1);
    weights = Eigen::Map<const Eigen::VectorXd>(tilt.data(), static_cast<Eigen::Index>(p)).array() +
              1.0 / static_cast<double>(p);
  }
  [[nodiscard]] bulwark::panel_view panel() const { return {values, rows, cols}; }
};

// Per iteration: `assets` items, `bytes` read, and `flops` (0: none reported).
void report(benchmark::State& state, const bulwark::bench::allocation_probe& probe,
            std::size_t assets, std::size_t bytes, double flops, const char* roofline) {
  probe.report(state);
  if (flops > 0.0) {
    state.counters["flops"] = benchmark::Counter(static_cast<double>(state.iterations()) * flops,
                                                 benchmark::Counter::kIsRate);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(assets));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  bulwark::bench::roofline(state, roofline);
}

template <bool Shrink>
void covariance(benchmark::State& state) {
  const portfolio_inputs in(static_cast<std::size_t>(state.range(0)));
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    if constexpr (Shrink) {
      benchmark::DoNotOptimize(bulwark::risk::ledoit_wolf(in.panel()).covariance.data());
    } else {
      benchmark::DoNotOptimize(bulwark::risk::sample_covariance(in.panel()).data());
    }
    benchmark::ClobberMemory();
  }
  const auto n = static_cast<double>(in.rows);
  const auto p = static_cast<double>(in.cols);
  report(state, probe, in.cols, in.values.size() * sizeof(double), n * p * (p + 1.0), "fma");
}

void component_var(benchmark::State& state) {
  const portfolio_inputs in(static_cast<std::size_t>(state.range(0)));
  const Eigen::MatrixXd covariance = bulwark::risk::sample_covariance(in.panel());
  const Eigen::VectorXd mean = bulwark::detail::matrix_of(in.panel()).colwise().mean().transpose();
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    const bulwark::risk::gaussian_portfolio g{in.weights, covariance, mean};
    const auto c = g.var_contributions(0.99);
    benchmark::DoNotOptimize(c.component.data());
    benchmark::ClobberMemory();
  }
  const auto p = static_cast<double>(in.cols);
  report(state, probe, in.cols, in.cols * in.cols * sizeof(double), 2.0 * p * p, "fma");
}

void historical_portfolio_var(benchmark::State& state) {
  const portfolio_inputs in(static_cast<std::size_t>(state.range(0)));
  bulwark::bench::allocation_probe probe;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bulwark::risk::historical_portfolio_var(in.panel(), in.weights, 0.99));
  }
  report(state, probe, in.cols, in.values.size() * sizeof(double), 0.0, "sum");
}

}  // namespace

BENCHMARK(covariance<false>)
    ->Name("risk/sample_covariance")
    ->Arg(bulwark::bench::size(500))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(covariance<true>)
    ->Name("risk/ledoit_wolf")
    ->Arg(bulwark::bench::size(500))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(component_var)
    ->Name("risk/component_var")
    ->Arg(bulwark::bench::size(500))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(historical_portfolio_var)
    ->Name("risk/historical_portfolio_var")
    ->Arg(bulwark::bench::size(500))
    ->Unit(benchmark::kMicrosecond);
