// SPDX-License-Identifier: MIT
// Archetypes of the concepts whose signatures use Eigen types. Kept apart from
// archetypes.hpp so the tests that do not need Eigen do not compile it.
#pragma once

#include "bulwark/risk/covariance.hpp"
#include "support/archetypes.hpp"

namespace bulwark::test {

/// Models risk::CovarianceEstimator.
// [covariance-estimator-archetype]
struct covariance_estimator_archetype : non_copyable {
  Eigen::MatrixXd estimate(panel_view) const { return {}; }
};
// [covariance-estimator-archetype]

}  // namespace bulwark::test
