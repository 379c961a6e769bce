// SPDX-License-Identifier: MIT
// Every concept accepts its archetype (so it asks for no more than documented) and
// rejects types that miss one requirement (so it asks for no less).
#include <optional>
#include <span>

#include "bulwark/core/broker.hpp"
#include "bulwark/core/clock.hpp"
#include "bulwark/core/signal_model.hpp"
#include "bulwark/risk/covariance.hpp"
#include "support/archetypes.hpp"

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
struct clock_returning_seconds {
  long now() const;
};
struct clock_mutable_now {
  timestamp now();  // not callable on a const clock
};

static_assert(Broker<test::broker_archetype>);
static_assert(!Broker<int>);
static_assert(!Broker<broker_without_fills>);
static_assert(!Broker<broker_with_bool_submit>);
static_assert(!Broker<broker_with_push_fills>);

static_assert(SignalModel<test::signal_model_archetype>);
static_assert(!SignalModel<int>);
static_assert(!SignalModel<model_without_span>);

static_assert(Clock<test::clock_archetype>);
static_assert(Clock<manual_clock>);
static_assert(Clock<system_clock_source>);
static_assert(!Clock<clock_returning_seconds>);
static_assert(!Clock<clock_mutable_now>);

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
