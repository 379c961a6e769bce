// SPDX-License-Identifier: MIT
// Every concept accepts its archetype (so it asks for no more than documented) and
// rejects types that miss one requirement (so it asks for no less).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <date/date.h>

#include "bulwark/calendar/trading_calendar.hpp"
#include "bulwark/calendar/xnys.hpp"
#include "bulwark/core/broker.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/signal_model.hpp"
#include "bulwark/cost/commission.hpp"
#include "bulwark/cost/cost_model.hpp"
#include "bulwark/data/factor_table.hpp"
#include "bulwark/risk/covariance.hpp"
#include "bulwark/risk/monte_carlo.hpp"
#include "bulwark/risk/streaming.hpp"
#include "bulwark/signal/cross_section.hpp"
#include "bulwark/signal/ensemble.hpp"
#include "bulwark/signal/normalize.hpp"
#include "bulwark/sizing/cost_trim.hpp"
#include "bulwark/sizing/order_size.hpp"
#include "bulwark/sizing/scaling.hpp"
#include "bulwark/sizing/sizer.hpp"
#include "bulwark/sizing/targeting.hpp"
#include "bulwark/validate.hpp"
#include "support/archetypes.hpp"
#include "support/eigen_archetypes.hpp"

namespace concepts_test {
using namespace bulwark;

struct broker_without_fills {
  submit_result submit(const order&);
  bool cancel(order_id);
};
struct broker_with_bool_submit {
  bool submit(const order&);
  bool cancel(order_id);
  std::optional<fill> next_fill();
};
struct broker_with_push_fills {
  submit_result submit(const order&);
  bool cancel(order_id);
  fill next_fill();
};
struct model_without_span {
  void predict(const model_context&);
};
struct step_returning_nothing {
  void apply(std::span<const double>, std::span<double>) const;
};
struct step_not_const {
  signal::cross_section_stats apply(std::span<const double>, std::span<double>);
};
struct step_in_place_only {
  signal::cross_section_stats apply(std::span<double>) const;
};
struct clock_returning_seconds {
  long now() const;
};
struct clock_mutable_now {
  timestamp now();  // not callable on a const clock
};

struct rule_without_noexcept {
  static constexpr std::string_view name = "r";
  static constexpr bool sets_target = false;
  void validate() const {}
  sizing::sizing_reason apply(sizing::sizing_proposal&) const;  // may throw on the hot path
};
struct rule_without_name {
  static constexpr bool sets_target = false;
  void validate() const {}
  sizing::sizing_reason apply(sizing::sizing_proposal&) const noexcept;
};
struct rule_with_runtime_flag {
  static constexpr std::string_view name = "r";
  static inline bool sets_target = false;  // not a constant: the sizer's layout is static
  void validate() const {}
  sizing::sizing_reason apply(sizing::sizing_proposal&) const noexcept;
};
struct rule_returning_bool {
  static constexpr std::string_view name = "r";
  static constexpr bool sets_target = false;
  void validate() const {}
  bool apply(sizing::sizing_proposal&) const noexcept;
};
struct rule_mutating_apply {
  static constexpr std::string_view name = "r";
  static constexpr bool sets_target = false;
  void validate() const {}
  sizing::sizing_reason apply(sizing::sizing_proposal&) noexcept;  // not const
};
struct convention_without_name {
  double reference_price(const data::dividend_context&) const noexcept;
};
struct convention_that_may_throw {
  static constexpr std::string_view name = "x";
  double reference_price(const data::dividend_context&) const;  // not noexcept
};
struct convention_returning_float {
  static constexpr std::string_view name = "x";
  float reference_price(const data::dividend_context&) const noexcept;
};

static_assert(Broker<test::broker_archetype>);
static_assert(!Broker<int>);
static_assert(!Broker<broker_without_fills>);
static_assert(!Broker<broker_with_bool_submit>);
static_assert(!Broker<broker_with_push_fills>);

static_assert(SignalModel<test::signal_model_archetype>);
static_assert(!SignalModel<int>);
static_assert(!SignalModel<model_without_span>);

static_assert(signal::CrossSectionStep<test::cross_section_step_archetype>);
static_assert(signal::CrossSectionStep<signal::zscore>);
static_assert(!signal::CrossSectionStep<int>);
static_assert(!signal::CrossSectionStep<step_returning_nothing>);
static_assert(!signal::CrossSectionStep<step_not_const>);
static_assert(!signal::CrossSectionStep<step_in_place_only>);
// An ensemble is itself a SignalModel, whether it owns its members or refers to them.
static_assert(SignalModel<signal::ensemble<test::signal_model_archetype&>>);
static_assert(SignalModel<signal::ensemble<signal::ensemble<test::signal_model_archetype&>&>>);

static_assert(Clock<test::clock_archetype>);
static_assert(Clock<manual_clock>);
static_assert(Clock<system_clock_source>);
static_assert(!Clock<clock_returning_seconds>);
static_assert(!Clock<clock_mutable_now>);

struct calendar_without_count {
  bool contains(date::sys_days) const;
  bool is_session(date::sys_days) const;
  date::sys_days next_session(date::sys_days) const;
  timestamp close(date::sys_days) const;
};
struct calendar_with_seconds_close {
  bool contains(date::sys_days) const;
  bool is_session(date::sys_days) const;
  date::sys_days next_session(date::sys_days) const;
  std::size_t session_count(date::sys_days, date::sys_days) const;
  long close(date::sys_days) const;
};
static_assert(calendar::TradingCalendar<test::trading_calendar_archetype>);
static_assert(calendar::TradingCalendar<calendar::xnys>);
static_assert(!calendar::TradingCalendar<int>);
static_assert(!calendar::TradingCalendar<calendar_without_count>);
static_assert(!calendar::TradingCalendar<calendar_with_seconds_close>);

static_assert(sizing::SizingRule<test::sizing_rule_archetype>);
static_assert(sizing::SizingRule<sizing::target_fraction_of_equity>);
static_assert(sizing::SizingRule<sizing::fixed_fractional_risk>);
static_assert(sizing::SizingRule<sizing::volatility_target>);
static_assert(sizing::SizingRule<sizing::fractional_kelly>);
static_assert(sizing::SizingRule<sizing::drawdown_constrained_kelly>);
static_assert(sizing::SizingRule<sizing::cash_buffer>);
static_assert(sizing::SizingRule<sizing::lot_size>);
static_assert(sizing::SizingRule<sizing::min_order>);
static_assert(!sizing::SizingRule<int>);
static_assert(!sizing::SizingRule<rule_without_noexcept>);
static_assert(!sizing::SizingRule<rule_without_name>);
static_assert(!sizing::SizingRule<rule_with_runtime_flag>);
static_assert(!sizing::SizingRule<rule_returning_bool>);
static_assert(!sizing::SizingRule<rule_mutating_apply>);
static_assert(sizing::SizingRule<sizing::cost_trim<cost::cost_model<cost::per_share_commission>>>);
static_assert(sizing::ExpectedCostModel<cost::cost_model<cost::per_share_commission>>);
static_assert(!sizing::ExpectedCostModel<cost::per_share_commission>);  // a part, not a model
static_assert(sizing::ExpectedCostModel<test::expected_cost_model_archetype>);
static_assert(sizing::SizingRule<sizing::cost_trim<test::expected_cost_model_archetype>>);
struct cost_model_that_throws {
  std::optional<double> try_cost(const cost::fill_context&) const;  // not noexcept
};
struct cost_model_returning_double {
  double try_cost(const cost::fill_context&) const noexcept;  // no way to say "unknown"
};
static_assert(!sizing::ExpectedCostModel<cost_model_that_throws>);
static_assert(!sizing::ExpectedCostModel<cost_model_returning_double>);
// A sizer accepts the archetype after a targeting rule.
static_assert(sizing::sizer<sizing::target_fraction_of_equity, test::sizing_rule_archetype>::steps == 2);
static_assert(data::DividendConvention<test::dividend_convention_archetype>);
static_assert(data::DividendConvention<data::prior_close>);
static_assert(data::DividendConvention<data::ex_date_close>);
static_assert(!data::DividendConvention<int>);
static_assert(!data::DividendConvention<convention_without_name>);
static_assert(!data::DividendConvention<convention_that_may_throw>);
static_assert(!data::DividendConvention<convention_returning_float>);

// The entry point asks no more of a convention than the concept (not even copying).
[[maybe_unused]] inline data::factor_table table_with_archetype() {
  return data::make_factor_table({}, {}, {}, test::dividend_convention_archetype{});
}

struct check_without_id {
  void scan(validate::bar_scan&) const;
};
struct check_with_mutable_scan {
  static constexpr std::string_view id = "x";
  void scan(validate::bar_scan&);  // not callable on a const check
};
struct check_returning_count {
  static constexpr std::string_view id = "x";
  int scan(validate::bar_scan&) const;
};
static_assert(validate::BarCheck<test::bar_check_archetype>);
static_assert(!validate::QuoteCheck<test::bar_check_archetype>);
static_assert(validate::QuoteCheck<test::quote_check_archetype>);
static_assert(!validate::BarCheck<int>);
static_assert(!validate::BarCheck<check_without_id>);
static_assert(!validate::BarCheck<check_with_mutable_scan>);
static_assert(!validate::BarCheck<check_returning_count>);
static_assert(validate::BarCheck<validate::bad_tick>);
static_assert(validate::BarCheck<validate::missing_sessions<calendar::xnys>>);
static_assert(validate::BarCheck<validate::stale_after<manual_clock>>);
static_assert(validate::QuoteCheck<validate::crossed_quote>);

// The composer asks no more of a check than the concept (not even copying it).
[[maybe_unused]] inline validate::report validate_with_archetype(const bar_series& s) {
  const validate::validator<test::bar_check_archetype> v{};
  return v.run(s);
}
struct estimator_returning_array {
  Eigen::ArrayXXd estimate(panel_view) const;
};
struct estimator_mutable_estimate {
  Eigen::MatrixXd estimate(panel_view);  // not callable on a const estimator
};
struct estimator_of_eigen_matrix {
  Eigen::MatrixXd estimate(const Eigen::MatrixXd&) const;  // takes no panel_view
};
static_assert(risk::CovarianceEstimator<test::covariance_estimator_archetype>);
static_assert(risk::CovarianceEstimator<risk::sample_covariance_estimator>);
static_assert(risk::CovarianceEstimator<risk::ledoit_wolf_estimator>);
static_assert(risk::CovarianceEstimator<risk::diagonal_loading<risk::ledoit_wolf_estimator>>);
static_assert(
    risk::CovarianceEstimator<risk::diagonal_loading<test::covariance_estimator_archetype>>);
static_assert(!risk::CovarianceEstimator<int>);
static_assert(!risk::CovarianceEstimator<estimator_returning_array>);
static_assert(!risk::CovarianceEstimator<estimator_mutable_estimate>);
static_assert(!risk::CovarianceEstimator<estimator_of_eigen_matrix>);
}  // namespace concepts_test

// Risk metrics: streaming statistics and Monte Carlo return models.
namespace concepts_test {
struct statistic_that_may_throw {
  static constexpr std::string_view name = "throws";
  void add(double);
  std::size_t count() const noexcept;
};
struct statistic_without_name {
  void add(double) noexcept;
  std::size_t count() const noexcept;
};
struct sampler_that_may_throw {
  double draw(const bulwark::counter_rng&, std::uint64_t) const;
};
struct model_of_floats {
  struct sampler {
    float draw(const bulwark::counter_rng&, std::uint64_t) const noexcept;
  };
  sampler fit(std::span<const double>) const;
};

static_assert(risk::StreamingStatistic<test::streaming_statistic_archetype>);
static_assert(risk::StreamingStatistic<risk::rolling_var_es>);
static_assert(!risk::StreamingStatistic<int>);
static_assert(!risk::StreamingStatistic<statistic_that_may_throw>);
static_assert(!risk::StreamingStatistic<statistic_without_name>);
// The composer asks no more of a statistic than the concept: not even a copy.
inline void fold_archetype() {
  risk::accumulator_set<test::streaming_statistic_archetype> set;
  set.add(0.01);
}

static_assert(risk::ReturnSampler<test::return_sampler_archetype>);
static_assert(!risk::ReturnSampler<sampler_that_may_throw>);
static_assert(risk::ReturnModel<test::return_model_archetype>);
static_assert(risk::ReturnModel<risk::bootstrap_model>);
static_assert(!risk::ReturnModel<model_of_floats>);
static_assert(!risk::ReturnModel<int>);
inline risk::var_es simulate_archetype(std::span<const double> r) {
  return risk::monte_carlo_var_es(r, 0.95, test::return_model_archetype{});
}
}  // namespace concepts_test
