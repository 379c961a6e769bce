// SPDX-License-Identifier: MIT
/// \file
/// \brief Value at risk and expected shortfall of a return series: historical (exact
/// type-7 quantile), Gaussian, and Cornish-Fisher ("modified").
///
/// Synopsis
/// \code
/// double historical_var(r, confidence, convention = quantile_convention::numpy);  // -Q(r, a)
/// double historical_es(r, confidence, convention = ...);   // -mean(r[r < Q(r, a)])
/// var_es historical_var_es(r, confidence, convention = ...);   // both, one pass
/// double gaussian_var(r, confidence);        // -mean - z sqrt(m2),  z = Phi^-1(a)
/// double gaussian_es(r, confidence);         // -mean + phi(z) sqrt(m2) / a
/// double cornish_fisher_var(r, confidence);  // PA VaR(method = "modified")
/// double cornish_fisher_es(r, confidence, cornish_fisher_floor = at_var);
/// double interpolate_quantile(a, b, n, q, convention);  // type 7 from its order statistics
/// \endcode
///
/// a = 1 - confidence (computed in double: 1 - 0.95 = 0.050000000000000044, as numpy, pandas
/// and R compute it), m2 the population variance (PA's convention for parametric VaR). VaR and
/// ES are positive numbers for losses (PA and empyrical return them negative): a 95 % VaR of
/// 0.031 means a loss of more than 3.1 % happens one period in twenty.
///
/// Bad input (`input_error`, id `bulwark.risk.var`, naming the function): empty input, a NaN
/// or infinite value (by index), a confidence outside (0, 1), returns that do not vary where
/// a moment ratio needs them to.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "bulwark/core/error.hpp"
#include "bulwark/core/stats.hpp"
#include "bulwark/detail/format.hpp"
#include "bulwark/detail/require.hpp"
#include "bulwark/risk/distributions.hpp"

namespace bulwark::risk {

/// How a type-7 (linear) quantile interpolates between its two order statistics a <= b at
/// position h = (n - 1) q. All three give the same number up to the last bit or two.
enum class quantile_convention {
  numpy,   ///< numpy >= 1.22 "linear": t = h - floor(h); t < 0.5 ? a + (b - a) t : b - (b - a)(1 - t)
  pandas,  ///< pandas rolling().quantile: a + (b - a)(h - floor(h)), a alone when h is whole
  r,       ///< R quantile(type = 7), as PA: i = 1 + (n - 1) q; t = i - floor(i); (1 - t) a + t b
};

[[nodiscard]] constexpr std::string_view to_string(quantile_convention c) noexcept {
  switch (c) {
    case quantile_convention::numpy: return "numpy";
    case quantile_convention::pandas: return "pandas";
    case quantile_convention::r: return "r";
  }
  return "?";
}

/// A value at risk and the expected shortfall beyond it, both positive for losses.
struct var_es {
  double var = 0.0;
  double es = 0.0;
  friend bool operator==(const var_es&, const var_es&) = default;
};

namespace detail {

inline constexpr auto var_id = "bulwark.risk.var";

// The 0-based rank of the lower order statistic of the type-7 quantile q of n values, as
// the convention computes it (R's 1-based index 1 + (n - 1) q can round across an integer
// differently from numpy's (n - 1) q).
[[nodiscard]] inline std::size_t lower_rank(std::size_t n, double q,
                                            quantile_convention c) noexcept {
  const double last = static_cast<double>(n - 1);
  if (c == quantile_convention::r) {
    const double index = 1.0 + last * q;
    return static_cast<std::size_t>(std::clamp(std::floor(index), 1.0, last + 1.0)) - 1;
  }
  return static_cast<std::size_t>(std::clamp(std::floor(last * q), 0.0, last));
}

}  // namespace detail

/// The type-7 quantile q of n values from its two order statistics a = x_(k) and b =
/// x_(k+1) (b = a when k = n - 1), k = the convention's lower rank, computed with that
/// convention's arithmetic. With `numpy` it equals bulwark::quantile (and numpy.quantile) bit
/// for bit.
[[nodiscard]] inline double interpolate_quantile(double a, double b, std::size_t n, double q,
                                                 quantile_convention c) noexcept {
  const double last = static_cast<double>(n - 1);
  switch (c) {
    case quantile_convention::numpy: {
      const double h = last * q;
      const double t = h - std::floor(h);
      return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
    }
    case quantile_convention::pandas: {
      const double h = q * last;
      const double whole = std::floor(h);
      return h == whole ? a : a + (b - a) * (h - whole);
    }
    case quantile_convention::r: {
      const double index = 1.0 + last * q;
      const double t = index - std::floor(index);
      return t > 0.0 && b != a ? (1.0 - t) * a + t * b : a;
    }
  }
  return a;
}

namespace detail {

// The two order statistics around a quantile and what expected shortfall needs below them.
struct order_pair {
  double a = 0.0;                 // x_(k)
  double b = 0.0;                 // x_(k+1), or a when k = n - 1
  double sum_below = 0.0;         // sum of the x < a
  std::size_t count_below = 0;    // how many x < a
  std::size_t count_at = 0;       // how many x == a among the k + 1 smallest
};

// Adds the sum and count of v[0 .. k) below a to p, given v[k] = a and v[0 .. k) <= a (as
// nth_element leaves them).
inline void tally_below(std::span<const double> v, std::size_t k, order_pair& p) noexcept {
  double sum = 0.0;
  std::size_t below = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const bool lt = v[i] < p.a;
    sum += lt ? v[i] : 0.0;
    below += lt ? 1 : 0;
  }
  p.sum_below += sum;
  p.count_below += below;
}

// Selection on a copy: std::nth_element, then the minimum of the upper part. O(n) expected.
[[nodiscard]] inline order_pair select_by_copy(std::span<const double> x, std::size_t k) {
  std::vector<double> v(x.begin(), x.end());
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  order_pair p;
  p.a = v[k];
  p.b = k + 1 < v.size() ? *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(k) + 1, v.end())
                         : p.a;
  tally_below(v, k, p);
  p.count_at = k + 1 - p.count_below;
  return p;
}

// Exact selection in one streaming pass for large n (Floyd and Rivest, "Expected time
// bounds for selection", CACM 18(3), 1975, with a sample of contiguous chunks so the sample
// costs no random access): the sample's order statistics give a bracket [lo, hi] that holds
// x_(k) and x_(k+1) with overwhelming probability; one branch-free pass sums and counts what
// lies below the bracket and copies what lies inside; selection then runs on the small
// copy. If the bracket missed (the data are far from exchangeable, e.g. sorted) the result
// is computed by select_by_copy instead, so it is exact for every input. `finite` is false
// when the pass saw a NaN or an infinity.
struct bracketed {
  order_pair pair;
  bool finite = true;
};

[[nodiscard]] inline bracketed select_bracketed(std::span<const double> x, std::size_t k) {
  const std::size_t n = x.size();
  constexpr std::size_t chunks = 64;
  const std::size_t chunk = std::min<std::size_t>(512, n / chunks / 8);
  std::vector<double> sample;
  sample.reserve(chunks * chunk);
  const std::size_t stride = n / chunks;
  for (std::size_t c = 0; c < chunks; ++c) {
    sample.insert(sample.end(), x.begin() + static_cast<std::ptrdiff_t>(c * stride),
                  x.begin() + static_cast<std::ptrdiff_t>(c * stride + chunk));
  }
  const double s = static_cast<double>(sample.size());
  const double p = static_cast<double>(k) / static_cast<double>(n - 1);
  const double centre = p * (s - 1.0);
  const double spread = 5.0 * std::sqrt(s * p * (1.0 - p)) + 16.0;
  // Without a sample bound the bracket opens to the lowest finite value, not -inf, so a
  // -inf in the data lies below it, is summed, and turns the sum (and `bad`) non-finite.
  double lo = std::numeric_limits<double>::lowest();
  double hi = HUGE_VAL;
  if (centre - spread >= 0.0) {
    const auto r = static_cast<std::ptrdiff_t>(centre - spread);
    std::nth_element(sample.begin(), sample.begin() + r, sample.end());
    // A sample full of -inf gives a bound of -inf; keep it finite so they are summed.
    lo = std::max(sample[static_cast<std::size_t>(r)], std::numeric_limits<double>::lowest());
  }
  if (centre + spread + 1.0 <= s - 1.0) {
    const auto r = static_cast<std::ptrdiff_t>(centre + spread + 1.0);
    std::nth_element(sample.begin(), sample.begin() + r, sample.end());
    hi = sample[static_cast<std::size_t>(r)];
  }
  const double inside_fraction = std::min(1.0, (2.0 * spread + 2.0) / s);
  const std::size_t limit = std::min(
      n, static_cast<std::size_t>(2.0 * inside_fraction * static_cast<double>(n)) + 8192);
  constexpr std::size_t block = 512;  // the capacity is checked once per block
  const auto kept = std::make_unique_for_overwrite<double[]>(limit + block);

  // The pass: branch-free (a store to the copy on every element, its index advanced only
  // for values inside), with two lanes of sums. Non-finite values cost no extra work: NaN
  // fails v >= lo and is summed as below (the sum turns NaN), -inf lies below every bound
  // and is summed too, and +inf shows in the running maximum.
  const double* __restrict v = x.data();
  double* __restrict dst = kept.get();
  double sum0 = 0.0, sum1 = 0.0, top = -HUGE_VAL;
  std::size_t below = 0, m = 0, i = 0;
  bool overflow = false;
  const auto visit = [&](double value, double& sum) {
    const bool not_below = value >= lo;
    sum += not_below ? 0.0 : value;
    below += static_cast<std::size_t>(!not_below);
    top = std::max(top, value);
    dst[m] = value;
    m += static_cast<std::size_t>(not_below && value <= hi);
  };
  for (; i + block <= n && !overflow; i += block) {
    for (std::size_t j = i; j < i + block; j += 2) {
      visit(v[j], sum0);
      visit(v[j + 1], sum1);
    }
    overflow = m > limit;
  }
  for (; i < n && !overflow; ++i) visit(v[i], sum0);
  const double bad = ((sum0 + sum1) - (sum0 + sum1)) + (top - top);

  bracketed out;
  if (!(bad == 0.0)) {
    out.finite = false;
    return out;
  }
  const bool holds_pair = below <= k && (k + 1 < n ? k + 1 < below + m : k < below + m);
  if (overflow || !holds_pair) {
    if (overflow && !bulwark::detail::all_finite(x)) {  // the pass stopped early
      out.finite = false;
      return out;
    }
    out.pair = select_by_copy(x, k);
    return out;
  }
  const std::span<double> in{kept.get(), m};
  const std::size_t kk = k - below;
  std::nth_element(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(kk), in.end());
  out.pair.a = in[kk];
  out.pair.b = k + 1 < n ? *std::min_element(in.begin() + static_cast<std::ptrdiff_t>(kk) + 1, in.end())
                         : out.pair.a;
  out.pair.sum_below = sum0 + sum1;
  out.pair.count_below = below;
  tally_below(in, kk, out.pair);
  out.pair.count_at = k + 1 - out.pair.count_below;
  return out;
}

// Order statistics k and k + 1 of the validated sample x.
[[nodiscard]] inline order_pair select_pair(std::span<const double> x, std::size_t k,
                                            std::string_view name) {
  if (x.size() >= (std::size_t{1} << 18)) {
    const bracketed r = select_bracketed(x, k);
    if (!r.finite) bulwark::detail::require_finite(x, var_id, name);
    return r.pair;
  }
  bulwark::detail::require_finite(x, var_id, name);
  return select_by_copy(x, k);
}

// VaR and ES from the order statistics: ES is the mean of the values strictly below the
// quantile Q, which are the k + 1 smallest when Q > a and those below a when Q == a (ties).
[[nodiscard]] inline var_es var_es_from(const order_pair& p, std::size_t n, double q,
                                        quantile_convention c) noexcept {
  const double quantile = interpolate_quantile(p.a, p.b, n, q, c);
  var_es out;
  out.var = -quantile;
  double sum = p.sum_below;
  std::size_t count = p.count_below;
  if (quantile > p.a) {
    sum += static_cast<double>(p.count_at) * p.a;
    count += p.count_at;
  }
  out.es = count > 0 ? -(sum / static_cast<double>(count)) : out.var;
  return out;
}

[[nodiscard]] inline var_es checked_historical(std::span<const double> r, double confidence,
                                               quantile_convention c, std::string_view function,
                                               std::string_view name) {
  bulwark::detail::require_size_at_least(r, 1, var_id, name);
  bulwark::detail::require_confidence(confidence, var_id, function);
  const double q = 1.0 - confidence;
  const std::size_t k = lower_rank(r.size(), q, c);
  return var_es_from(select_pair(r, k, name), r.size(), q, c);
}

}  // namespace detail

/// Historical VaR and ES in one pass. VaR = -Q(r, 1 - confidence), the type-7 quantile
/// (equal to `-numpy.quantile(r, 1 - confidence)` bit for bit with the default convention;
/// PA's VaR(method = "historical") uses R's arithmetic, `quantile_convention::r`). ES = the
/// negated mean of the returns strictly below Q (PA ES(method = "historical")), or the VaR
/// when none is (empyrical's conditional_value_at_risk instead averages the
/// floor((n - 1) a) + 1 smallest, which includes Q itself when it is a data point).
/// Exact, O(n) expected; large inputs take one streaming pass (see select_bracketed).
[[nodiscard]] inline var_es historical_var_es(
    std::span<const double> r, double confidence,
    quantile_convention convention = quantile_convention::numpy) {
  return detail::checked_historical(r, confidence, convention, "historical_var_es",
                                    "historical_var_es: r");
}

/// The historical VaR -Q(r, 1 - confidence); see historical_var_es.
[[nodiscard]] inline double historical_var(std::span<const double> r, double confidence,
                                           quantile_convention convention = quantile_convention::numpy) {
  return detail::checked_historical(r, confidence, convention, "historical_var",
                                    "historical_var: r").var;
}

/// The historical ES -mean(r[r < Q(r, 1 - confidence)]); see historical_var_es.
[[nodiscard]] inline double historical_es(std::span<const double> r, double confidence,
                                          quantile_convention convention = quantile_convention::numpy) {
  return detail::checked_historical(r, confidence, convention, "historical_es",
                                    "historical_es: r").es;
}

namespace detail {

[[nodiscard]] inline moments checked_var_moments(std::span<const double> r, double confidence,
                                                 std::string_view function, std::string_view name) {
  bulwark::detail::require_sample(r, 1, var_id, name);
  bulwark::detail::require_confidence(confidence, var_id, function);
  return central_moments(r);
}

}  // namespace detail

/// The Gaussian VaR -mean - z sqrt(m2), z = Phi^-1(1 - confidence), with the population
/// variance m2 as PA's VaR(method = "gaussian") (not the sample variance). O(n).
[[nodiscard]] inline double gaussian_var(std::span<const double> r, double confidence) {
  const moments m = detail::checked_var_moments(r, confidence, "gaussian_var", "gaussian_var: r");
  return -m.mean - normal_quantile(1.0 - confidence) * std::sqrt(m.m2);
}

/// The Gaussian ES -mean + phi(z) sqrt(m2) / a (PA ES(method = "gaussian")). O(n).
[[nodiscard]] inline double gaussian_es(std::span<const double> r, double confidence) {
  const moments m = detail::checked_var_moments(r, confidence, "gaussian_es", "gaussian_es: r");
  const double a = 1.0 - confidence;
  return -m.mean + normal_pdf(normal_quantile(a)) * std::sqrt(m.m2) / a;
}

namespace detail {

struct cornish_fisher_terms {
  double mean, sd, h, skew, kurt;
};

// The Cornish-Fisher expansion of the a-quantile of the standardised returns (Cornish and
// Fisher 1938; Zangari 1996; PA VaR.CornishFisher): with S the skewness and K the excess
// kurtosis (population moments),
//   h = z + (z^2 - 1) S / 6 + (z^3 - 3z) K / 24 - (2z^3 - 5z) S^2 / 36.
[[nodiscard]] inline cornish_fisher_terms cornish_fisher(std::span<const double> r,
                                                         double confidence,
                                                         std::string_view function,
                                                         std::string_view name) {
  const moments m = checked_var_moments(r, confidence, function, name);
  if (!(m.m2 > 0.0)) {
    throw_input_error(var_id, "{}: undefined for returns that do not vary (m2 = 0)", function);
  }
  const double z = normal_quantile(1.0 - confidence);
  const double skew = m.m3 / (m.m2 * std::sqrt(m.m2));
  const double kurt = m.m4 / (m.m2 * m.m2) - 3.0;
  const double z2 = z * z;
  const double z3 = z2 * z;
  const double h = z + (z2 - 1.0) * skew / 6.0 + (z3 - 3.0 * z) * kurt / 24.0 -
                   (2.0 * z3 - 5.0 * z) * skew * skew / 36.0;
  return {m.mean, std::sqrt(m.m2), h, skew, kurt};
}

}  // namespace detail

/// The Cornish-Fisher ("modified") VaR -mean - h sqrt(m2) (PA VaR(method = "modified")).
/// Needs returns that vary. O(n).
[[nodiscard]] inline double cornish_fisher_var(std::span<const double> r, double confidence) {
  const auto t = detail::cornish_fisher(r, confidence, "cornish_fisher_var", "cornish_fisher_var: r");
  return -t.mean - t.h * t.sd;
}

/// Whether the Cornish-Fisher ES is floored at the Cornish-Fisher VaR.
enum class cornish_fisher_floor {
  at_var,  ///< ES = -mean - sqrt(m2) min(-E / a, h): never below the VaR (PA's default)
  none,    ///< ES = -mean + sqrt(m2) E / a, the expansion alone
};

[[nodiscard]] constexpr std::string_view to_string(cornish_fisher_floor f) noexcept {
  return f == cornish_fisher_floor::at_var ? "at_var" : "none";
}

/// The Cornish-Fisher ("modified") ES of Boudt, Peterson and Croux, "Estimation and
/// decomposition of downside risk for portfolios with non-normal returns", Journal of Risk
/// 11(2), 2008 (PA ES(method = "modified")): with h the Cornish-Fisher quantile,
///   E = phi(h) [1 + h^3 S / 6 + (h^6 - 9h^4 + 9h^2 + 3) S^2 / 72 + (h^4 - 2h^2 - 1) K / 24],
/// ES = -mean - sqrt(m2) min(-E / a, h) by default, or -mean + sqrt(m2) E / a unfloored.
/// Needs returns that vary. O(n).
[[nodiscard]] inline double cornish_fisher_es(std::span<const double> r, double confidence,
                                              cornish_fisher_floor floor = cornish_fisher_floor::at_var) {
  const auto t = detail::cornish_fisher(r, confidence, "cornish_fisher_es", "cornish_fisher_es: r");
  const double a = 1.0 - confidence;
  const double h = t.h;
  const double h2 = h * h;
  const double h3 = h2 * h;
  const double h4 = h2 * h2;
  const double h6 = h3 * h3;
  const double e = normal_pdf(h) * (1.0 + h3 * t.skew / 6.0 +
                                    (h6 - 9.0 * h4 + 9.0 * h2 + 3.0) * t.skew * t.skew / 72.0 +
                                    (h4 - 2.0 * h2 - 1.0) * t.kurt / 24.0);
  if (floor == cornish_fisher_floor::none) return -t.mean + t.sd * e / a;
  return -t.mean - t.sd * std::min(-e / a, h);
}

}  // namespace bulwark::risk

BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::quantile_convention)
BULWARK_DETAIL_ENUM_FORMATTER(bulwark::risk::cornish_fisher_floor)

/// Formats as `VaR 0.0312 ES 0.0457`.
template <>
struct fmt::formatter<bulwark::risk::var_es> : bulwark::detail::plain_formatter {
  template <class FormatContext>
  auto format(const bulwark::risk::var_es& v, FormatContext& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "VaR {:.6g} ES {:.6g}", v.var, v.es);
  }
};
