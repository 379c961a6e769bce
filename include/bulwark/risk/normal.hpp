// SPDX-License-Identifier: MIT
/// \file
/// \brief The standard normal distribution: density, distribution function and quantile
/// (Phi^-1), the z of every Gaussian VaR and ES.
///
/// Synopsis
/// \code
/// double normal_pdf(double x);        // phi(x) = exp(-x^2 / 2) / sqrt(2 pi)
/// double normal_cdf(double x);        // Phi(x) = erfc(-x / sqrt 2) / 2
/// double normal_quantile(double p);   // Phi^-1(p), 0 < p < 1 (Wichura's AS 241, as R's qnorm)
/// \endcode
///
/// `normal_quantile` is Wichura's algorithm AS 241, PPND16 ("The percentage points of the
/// normal distribution", Applied Statistics 37(3), 1988, 477-484): rational approximations
/// with a relative error below 1e-16, evaluated in the same order as R's `qnorm` (which
/// PerformanceAnalytics calls) and Python's `statistics.NormalDist.inv_cdf`.
///
/// Bad input: p outside (0, 1) or NaN is an `input_error` (id `bulwark.risk.normal`).
/// `normal_pdf` and `normal_cdf` take any double (NaN gives NaN) and never throw.
#pragma once

#include <cmath>
#include <numbers>

#include "bulwark/core/error.hpp"

namespace bulwark::risk {

/// The standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
[[nodiscard]] inline double normal_pdf(double x) noexcept {
  constexpr double inv_sqrt_2pi = 0.5 * std::numbers::inv_sqrtpi * std::numbers::sqrt2;
  return inv_sqrt_2pi * std::exp(-0.5 * x * x);
}

/// The standard normal distribution function Phi(x) = erfc(-x / sqrt 2) / 2, accurate in
/// the lower tail (no cancellation in 1 - erf).
[[nodiscard]] inline double normal_cdf(double x) noexcept {
  return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

/// Phi^-1(p) for 0 < p < 1: the z with Phi(z) = p (so negative for p < 1/2). Wichura's
/// AS 241 (PPND16), relative error below 1e-16. O(1), one log and one sqrt in the tails.
/// Throws `input_error` (id `bulwark.risk.normal`) when p is not in (0, 1).
[[nodiscard]] inline double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    throw_input_error("bulwark.risk.normal", "normal_quantile: p {} outside (0, 1)", p);
  }
  const double q = p - 0.5;
  if (std::abs(q) <= 0.425) {  // central region: |q| <= 0.425, r = 0.425^2 - q^2
    const double r = 0.180625 - q * q;
    return q *
           (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r +
                 67265.770927008700853) * r + 45921.953931549871457) * r +
               13731.693765509461125) * r + 1971.5909503065514427) * r +
             133.14166789178437745) * r + 3.387132872796366608) /
           (((((((r * 5226.495278852545925 + 28729.085735721942674) * r +
                 39307.89580009271061) * r + 21213.794301586595867) * r +
               5394.1960214247511077) * r + 687.1870074920579083) * r +
             42.313330701600911252) * r + 1.0);
  }
  // Tails: r = sqrt(-ln(min(p, 1 - p))), a function of the smaller tail probability.
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double value = 0.0;
  if (r <= 5.0) {  // 1.4e-11 <= min(p, 1 - p)
    r -= 1.6;
    value = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r +
                  0.24178072517745061177) * r + 1.27045825245236838258) * r +
                3.64784832476320460504) * r + 5.7694972214606914055) * r +
              4.6303378461565452959) * r + 1.42343711074968357734) /
            (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r +
                  0.0151986665636164571966) * r + 0.14810397642748007459) * r +
                0.68976733498510000455) * r + 1.6763848301838038494) * r +
              2.05319162663775882187) * r + 1.0);
  } else {  // far tails, min(p, 1 - p) < 1.4e-11
    r -= 5.0;
    value = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r +
                  0.0012426609473880784386) * r + 0.026532189526576123093) * r +
                0.29656057182850489123) * r + 1.7848265399172913358) * r +
              5.4637849111641143699) * r + 6.6579046435011037772) /
            (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r +
                  1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
                0.0148753612908506148525) * r + 0.13692988092273580531) * r +
              0.59983220655588793769) * r + 1.0);
  }
  return q < 0.0 ? -value : value;
}

}  // namespace bulwark::risk
