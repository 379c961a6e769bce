// SPDX-License-Identifier: MIT
// The benchmark runner: Google Benchmark's main. Allocations are counted by the operator new
// of tests/support/allocation_counter.cpp, linked into the same binary.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
