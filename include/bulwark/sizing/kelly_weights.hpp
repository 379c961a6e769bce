// SPDX-License-Identifier: MIT
/// \file
/// \brief Multivariate Kelly: the growth-optimal weights of a book of correlated assets,
/// w* = Sigma^-1 mu, by Cholesky factorisation.
///
/// Synopsis
/// \code
/// Eigen::VectorXd kelly_weights(mean_excess, covariance);   // Sigma^-1 mu
/// \endcode
#pragma once

#include <string_view>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "bulwark/core/error.hpp"

namespace bulwark::sizing {

namespace detail {
inline constexpr std::string_view kelly_weights_id = "bulwark.sizing.kelly_weights";
}  // namespace detail

[[nodiscard]] inline Eigen::VectorXd kelly_weights(
    const Eigen::Ref<const Eigen::VectorXd>& mean_excess,
    const Eigen::Ref<const Eigen::MatrixXd>& covariance) {
  const Eigen::LLT<Eigen::MatrixXd> cholesky(covariance);
  if (cholesky.info() != Eigen::Success) {
    throw_input_error(detail::kelly_weights_id, "kelly_weights: covariance is not positive definite");
  }
  return cholesky.solve(mean_excess);
}

}  // namespace bulwark::sizing
