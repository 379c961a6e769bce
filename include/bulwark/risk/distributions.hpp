// SPDX-License-Identifier: MIT
/// \file
/// \brief The distribution functions risk metrics need: the standard normal pdf, cdf and
/// quantile, the regularised incomplete gamma function and the chi-square distribution
/// (p-values of likelihood-ratio tests), and gamma and Student-t variates drawn from
/// `counter_rng`.
///
/// Synopsis
/// \code
/// double normal_pdf(double x);                   // phi(x) = exp(-x^2/2) / sqrt(2 pi)
/// double normal_cdf(double x);                   // Phi(x)
/// double normal_quantile(double p);              // Phi^-1(p), Wichura's AS241 (PPND16)
/// double regularized_gamma_p(double a, double x);   // P(a, x) = gamma(a, x) / Gamma(a)
/// double regularized_gamma_q(double a, double x);   // Q(a, x) = 1 - P(a, x)
/// double chi_square_cdf(double x, double dof);   // P(dof/2, x/2)
/// double chi_square_sf(double x, double dof);    // 1 - cdf, computed without cancellation
/// double gamma_variate(const counter_rng&, std::uint64_t i, double shape);  // scale 1
/// double student_t_variate(const counter_rng&, std::uint64_t i, double dof);
/// \endcode
///
/// These are mathematical functions, not batch functions: they never throw. Outside their
/// domain they return NaN (a probability outside [0, 1], a negative shape), and at its edge
/// the limit (`normal_quantile(0)` is -inf), as scipy.stats does.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

#include "bulwark/core/random.hpp"

namespace bulwark::risk {

/// The standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
[[nodiscard]] inline double normal_pdf(double x) noexcept {
  return std::exp(-0.5 * x * x) * (0.5 * std::numbers::sqrt2 * std::numbers::inv_sqrtpi);
}

/// The standard normal distribution function Phi(x) = erfc(-x / sqrt 2) / 2. Through erfc
/// (not 1 + erf) so that the lower tail keeps its relative precision down to Phi ~ 1e-308.
/// The argument u = -x / sqrt 2 is carried as u_hi + u_lo (an fma gives the rounding error
/// of the product) and erfc corrected to first order, erfc(u) = erfc(u_hi) - u_lo (2 /
/// sqrt pi) exp(-u_hi^2): rounding u alone would cost a relative error of 2 u^2 eps in the
/// tail (1e-14 at x = -10).
[[nodiscard]] inline double normal_cdf(double x) noexcept {
  constexpr double inv_sqrt2 = 0.5 * std::numbers::sqrt2;
  constexpr double inv_sqrt2_lo = -4.8336466567264567e-17;  // 1/sqrt(2) - inv_sqrt2
  const double u = -x * inv_sqrt2;
  const double u_lo = std::fma(-x, inv_sqrt2, -u) - x * inv_sqrt2_lo;
  const double tail = std::erfc(u);
  return 0.5 * (tail - u_lo * std::numbers::inv_sqrtpi * 2.0 * std::exp(-u * u));
}

/// The standard normal quantile Phi^-1(p): Wichura, "Algorithm AS 241: The percentage
/// points of the normal distribution", Applied Statistics 37(3), 1988 (PPND16), accurate
/// to about 1 part in 10^16 (the same algorithm as R's qnorm). -inf at 0, +inf at 1, NaN
/// outside [0, 1].
[[nodiscard]] inline double normal_quantile(double p) noexcept {
  // No fused multiply-adds in the rational functions. Clang contracts `c * r + d` by
  // default, and when it folds a call with a constant argument it fuses even for a target
  // without FMA: normal_quantile(0.05) then differed in its last bits (2 ulp) between an
  // optimised and a debug build, and from the same p read at run time. Unfused, Clang's
  // result is the same in every build at the default flags, and the same as GCC's. (A
  // build that lets GCC fuse, with FMA in -march, or Clang, with -ffp-contract=fast, may
  // still differ in the last bits.)
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
  if (!(p >= 0.0 && p <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  const double q = p - 0.5;
  if (std::abs(q) <= 0.425) {  // central region: rational function in r = 0.180625 - q^2
    const double r = 0.180625 - q * q;
    return q *
           (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r +
                 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r +
               1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r +
             1.3314166789178437745e2) * r + 3.3871328727963666080e0) /
           (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r +
                 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r +
               5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r +
             4.2313330701600911252e1) * r + 1.0);
  }
  // Tails: rational functions in r = sqrt(-ln(min(p, 1 - p))).
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double value = 0.0;
  if (r <= 5.0) {
    r -= 1.6;
    value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r +
                  2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r +
                3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r +
              4.63033784615654529590e0) * r + 1.42343711074968357734e0) /
            (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r +
                  1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r +
                6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r +
              2.05319162663775882187e0) * r + 1.0);
  } else {
    r -= 5.0;
    value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
                  1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r +
                2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r +
              5.46378491116411436990e0) * r + 6.65790464350110377720e0) /
            (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r +
                  1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r +
                1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
              5.99832206555887937690e-1) * r + 1.0);
  }
  return q < 0.0 ? -value : value;
}

namespace detail {

// exp(a ln x - x - ln Gamma(a)): the common factor of the series and the continued fraction.
[[nodiscard]] inline double gamma_prefactor(double a, double x) noexcept {
  return std::exp(a * std::log(x) - x - std::lgamma(a));
}

// P(a, x) by its power series, for x < a + 1 where it converges fast (Abramowitz and Stegun
// 6.5.29; Press et al., Numerical Recipes, 3rd ed., section 6.2, "gser").
[[nodiscard]] inline double gamma_p_series(double a, double x) noexcept {
  double term = 1.0 / a;
  double sum = term;
  for (int k = 1; k < 1000; ++k) {
    term *= x / (a + k);
    sum += term;
    if (std::abs(term) < std::abs(sum) * 1e-17) break;
  }
  return sum * gamma_prefactor(a, x);
}

// Q(a, x) by its continued fraction (A&S 6.5.31), evaluated with the modified Lentz method
// (Numerical Recipes, section 6.2, "gcf"), for x >= a + 1.
[[nodiscard]] inline double gamma_q_continued_fraction(double a, double x) noexcept {
  constexpr double tiny = 1e-300;
  double b = x + 1.0 - a;
  double c = 1.0 / tiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < 1e-16) break;
  }
  return gamma_prefactor(a, x) * h;
}

}  // namespace detail

/// The regularised lower incomplete gamma function P(a, x) = (1 / Gamma(a)) int_0^x
/// t^(a-1) e^-t dt, for a > 0 and x >= 0 (NaN otherwise). Relative accuracy ~1e-15.
[[nodiscard]] inline double regularized_gamma_p(double a, double x) noexcept {
  if (!(a > 0.0 && x >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return 0.0;
  if (std::isinf(x)) return 1.0;
  return x < a + 1.0 ? detail::gamma_p_series(a, x)
                     : 1.0 - detail::gamma_q_continued_fraction(a, x);
}

/// The regularised upper incomplete gamma function Q(a, x) = 1 - P(a, x), computed
/// directly in the upper tail so that small values keep their relative precision.
[[nodiscard]] inline double regularized_gamma_q(double a, double x) noexcept {
  if (!(a > 0.0 && x >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return x < a + 1.0 ? 1.0 - detail::gamma_p_series(a, x)
                     : detail::gamma_q_continued_fraction(a, x);
}

/// The chi-square distribution function with `dof` > 0 degrees of freedom at x >= 0:
/// P(dof / 2, x / 2). 0 for x < 0; NaN for a NaN x or dof <= 0.
[[nodiscard]] inline double chi_square_cdf(double x, double dof) noexcept {
  if (x < 0.0 && dof > 0.0) return 0.0;
  return regularized_gamma_p(0.5 * dof, 0.5 * x);
}

/// The chi-square survival function 1 - cdf (a likelihood-ratio test's p-value), without
/// the cancellation of 1 - cdf in the upper tail. 1 for x < 0.
[[nodiscard]] inline double chi_square_sf(double x, double dof) noexcept {
  if (x < 0.0 && dof > 0.0) return 1.0;
  return regularized_gamma_q(0.5 * dof, 0.5 * x);
}

/// Blocks of the counter space that one gamma or Student-t variate owns: variate i reads
/// only blocks [i * variate_blocks, (i + 1) * variate_blocks) of its `counter_rng`, so each
/// variate is a pure function of (seed, stream, i) however many proposals it rejects.
inline constexpr std::uint64_t variate_blocks = std::uint64_t{1} << 16;

namespace detail {

// Marsaglia and Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3),
// 2000, for shape >= 1, with proposals from counter blocks first_block, first_block + 1, ...:
// block b gives the normal from words 0-1 (rng.normal(4b)) and the uniform from word 2
// (rng.uniform_open(4b + 2)), so the two never share a word. The acceptance rate exceeds
// 0.95, so a variate reads about one block; running past its 2^16 - 1 blocks has
// probability below 0.05^65535.
[[nodiscard]] inline double marsaglia_tsang(const counter_rng& rng, std::uint64_t first_block,
                                            double shape) noexcept {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (std::uint64_t b = first_block;; ++b) {
    const double z = rng.normal(4 * b);
    const double v = 1.0 + c * z;
    if (v <= 0.0) continue;
    const double v3 = v * v * v;
    const double u = rng.uniform_open(4 * b + 2);
    if (std::log(u) < 0.5 * z * z + d - d * v3 + d * std::log(v3)) return d * v3;
  }
}

}  // namespace detail

/// Variate i of the gamma distribution with the given shape > 0 and scale 1, drawn from
/// `rng` by Marsaglia and Tsang's method (shape < 1 by their boost: Gamma(a) =
/// Gamma(a + 1) U^(1/a)). Reads only counter blocks [i * variate_blocks, (i + 1) *
/// variate_blocks). NaN for a shape that is not finite and > 0.
[[nodiscard]] inline double gamma_variate(const counter_rng& rng, std::uint64_t i,
                                          double shape) noexcept {
  if (!(shape > 0.0 && std::isfinite(shape))) return std::numeric_limits<double>::quiet_NaN();
  const std::uint64_t first = i * variate_blocks;
  if (shape >= 1.0) return detail::marsaglia_tsang(rng, first + 1, shape);
  // word 3 of the variate's first block is never used by a proposal
  const double u = rng.uniform_open(4 * first + 3);
  return detail::marsaglia_tsang(rng, first + 1, shape + 1.0) * std::pow(u, 1.0 / shape);
}

/// Variate i of Student's t distribution with `dof` > 0 degrees of freedom (location 0,
/// scale 1): T = Z / sqrt(V / dof), with Z standard normal (rng.normal of the variate's
/// first block) and V = 2 Gamma(dof / 2) chi-square with dof degrees of freedom, so any
/// real dof works. Reads only the variate's own counter blocks (see gamma_variate). NaN for
/// a dof that is not finite and > 0.
[[nodiscard]] inline double student_t_variate(const counter_rng& rng, std::uint64_t i,
                                              double dof) noexcept {
  const double chi_square = 2.0 * gamma_variate(rng, i, 0.5 * dof);
  const double z = rng.normal(4 * (i * variate_blocks));
  return z / std::sqrt(chi_square / dof);
}

}  // namespace bulwark::risk
