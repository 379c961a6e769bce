// SPDX-License-Identifier: MIT
// An estimator whose estimate() is not const is not a CovarianceEstimator:
// estimate_covariance says so by name.
// expect: does not model bulwark::risk::CovarianceEstimator
#include <Eigen/Core>

#include "bulwark/core/panel.hpp"
#include "bulwark/risk/covariance.hpp"
#include "support/archetypes.hpp"

namespace {
struct caching_estimator {  // mutates a cache, so estimate() is not const
  Eigen::MatrixXd estimate(bulwark::panel_view returns) {
    cache = bulwark::risk::sample_covariance(returns);
    return cache;
  }
  Eigen::MatrixXd cache;
};
}  // namespace

Eigen::MatrixXd covariance_of(bulwark::panel_view returns) {
#ifdef BULWARK_COMPILE_FAIL
  caching_estimator estimator;
#else
  bulwark::test::covariance_estimator_archetype estimator;
#endif
  return bulwark::risk::estimate_covariance(estimator, returns);
}
