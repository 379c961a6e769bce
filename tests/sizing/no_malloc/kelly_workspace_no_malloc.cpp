// SPDX-License-Identifier: MIT
// Eigen's own heap check, on: EIGEN_RUNTIME_NO_MALLOC makes every Eigen heap allocation
// call check_that_malloc_is_allowed(), an eigen_assert, and eigen_assert is compiled out
// under NDEBUG, so NDEBUG is lifted here before any include. Eigen allocates with malloc,
// which the operator new counter of the other tests does not see. Its own executable
// (tests/CMakeLists.txt): the check must be compiled into every copy of Eigen's code in
// the program, which a translation unit of the unity-built module executable cannot ensure.
#undef NDEBUG
#define EIGEN_RUNTIME_NO_MALLOC

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <Eigen/Core>

#include "bulwark/core/random.hpp"
#include "bulwark/sizing/kelly_weights.hpp"
#include "support/catch.hpp"

#ifndef EIGEN_RUNTIME_NO_MALLOC
#error "EIGEN_RUNTIME_NO_MALLOC must be on for this test"
#endif
#ifdef EIGEN_NO_DEBUG
#error "eigen_assert must be live for this test"
#endif

namespace {
// While one of these lives, an Eigen heap allocation fails its eigen_assert: the program
// aborts with "heap allocation is forbidden", which Catch and CTest report as a failure.
class malloc_forbidden {
 public:
  malloc_forbidden() { Eigen::internal::set_is_malloc_allowed(false); }
  ~malloc_forbidden() { Eigen::internal::set_is_malloc_allowed(true); }
  malloc_forbidden(const malloc_forbidden&) = delete;
  malloc_forbidden& operator=(const malloc_forbidden&) = delete;
};
}  // namespace

TEST_CASE("a warm kelly_weights call in a workspace makes no heap allocation",
          "[sizing][kelly_weights]") {
  const bulwark::counter_rng rng{31, 1};
  std::uint64_t draw = 0;
  bulwark::sizing::kelly_workspace workspace;
  // 500 is the size, ten 48-column blocks: the factorisation's packed panels must
  // come from the workspace, and Eigen's solves must keep their buffers on the stack.
  for (const Eigen::Index p : {5, 500}) {
    // Kac-Murdock-Szego: 2^-|i-j|, positive definite; mu drawn uniformly.
    Eigen::MatrixXd sigma(p, p);
    for (Eigen::Index j = 0; j < p; ++j) {
      for (Eigen::Index i = 0; i < p; ++i) {
        sigma(i, j) = std::ldexp(1.0, -static_cast<int>(std::abs(i - j)));
      }
    }
    Eigen::VectorXd mu(p);
    for (Eigen::Index i = 0; i < p; ++i) mu(i) = 0.01 * (rng.uniform(draw++) - 0.5);
    const Eigen::VectorXd cold = bulwark::sizing::kelly_weights(mu, sigma, workspace);
    INFO("p = " << p);
    bool finite = false;
    {
      const malloc_forbidden forbid;
      const Eigen::VectorXd& warm = bulwark::sizing::kelly_weights(mu, sigma, workspace);
      finite = warm.allFinite() && (warm.array() == cold.array()).all();
    }
    CHECK(finite);
  }
}
