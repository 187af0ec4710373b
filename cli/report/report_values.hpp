// The JSON report's values read without throwing, for the writers that render it (text, HTML):
// a missing key, a null or a value of another type reads as the fallback (an empty list or
// object, 0, false, ""), so a saved or hand-edited report still renders.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pgadvisor {

// The array / object under `key`, or an empty one.
const nlohmann::json& list_at(const nlohmann::json& object, const char* key);
const nlohmann::json& object_at(const nlohmann::json& object, const char* key);
bool flag_at(const nlohmann::json& object, const char* key, bool fallback);
// The value under `key` when it is a number; otherwise nullopt / `fallback`.
std::optional<double> optional_number_at(const nlohmann::json& object, const char* key);
double number_at(const nlohmann::json& object, const char* key, double fallback = 0);
// The whole number under `key` (a fraction cut toward zero); `fallback` when it is no number.
long long integer_at(const nlohmann::json& object, const char* key, long long fallback = 0);
// A string as it is; numbers and booleans as JSON text; "" for null.
std::string text_of(const nlohmann::json& value);
// text_of the value under `key`; "" when missing.
std::string text_at(const nlohmann::json& object, const char* key);

// Whether the log timed its statements: some template has a logged total time (a plain SQL
// log has none), or there is no template.
bool log_has_durations(const nlohmann::json& report);

// How the report's templates are ranked: "by total time in the log", or, when the log has no
// durations, "by replayed time × calls; the log has no durations".
std::string templates_ranking(const nlohmann::json& report);

// The time a template is ranked by: its logged total, or without durations its replayed time
// × calls: the median run's planning + execution, the order the replay put them in (a report
// without median_ms: the execution time), or the timeout's lower bound.
double ranking_time_ms(const nlohmann::json& entry, bool log_has_durations);

}  // namespace pgadvisor
