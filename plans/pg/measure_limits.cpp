#include "plans/pg/measure_limits.hpp"

#include <fmt/format.h>

namespace pgadvisor {
namespace {

thread_local MeasureLimits current_limits;

std::chrono::steady_clock::duration duration_of(double seconds) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

MeasureBudget::MeasureBudget(std::string stage, std::optional<double> seconds)
    : stage_(std::move(stage)),
      seconds_(seconds),
      deadline_(std::chrono::steady_clock::now() + duration_of(seconds.value_or(0))) {}

bool MeasureBudget::spent() const { return seconds_ && std::chrono::steady_clock::now() >= deadline_; }

void MeasureBudget::start_measurement() {
  if (spent()) {
    ++unmeasured_;
    throw MeasureBudgetExhausted(*this);
  }
  ++measured_;
}

// No SQLSTATE: nothing ran, so no caller takes it for a timeout or a lost connection.
MeasureBudgetExhausted::MeasureBudgetExhausted(const MeasureBudget& budget)
    : DatabaseError(fmt::format("the {} stage's time budget of {:g} s ran out (--stage-budget)",
                                budget.stage(), budget.seconds().value_or(0)),
                    "") {}

const MeasureLimits& current_measure_limits() { return current_limits; }

MeasureScope::MeasureScope(const MeasureLimits& limits) : previous_(current_limits) { current_limits = limits; }

MeasureScope::~MeasureScope() { current_limits = previous_; }

}  // namespace pgadvisor
