#include "cli/report/report_values.hpp"

#include <algorithm>
#include <cmath>

#include "plans/json_text.hpp"

namespace pgadvisor {

using nlohmann::json;

const json& list_at(const json& object, const char* key) {
  static const json empty = json::array();
  return object.is_object() && object.contains(key) && object[key].is_array() ? object[key] : empty;
}

const json& object_at(const json& object, const char* key) {
  static const json empty = json::object();
  return object.is_object() && object.contains(key) && object[key].is_object() ? object[key] : empty;
}

bool flag_at(const json& object, const char* key, bool fallback) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_boolean()) return fallback;
  return object[key].get<bool>();
}

std::optional<double> optional_number_at(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return std::nullopt;
  return object[key].get<double>();
}

double number_at(const json& object, const char* key, double fallback) {
  return optional_number_at(object, key).value_or(fallback);
}

long long integer_at(const json& object, const char* key, long long fallback) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return fallback;
  const json& value = object[key];
  if (!value.is_number_float()) return value.get<long long>();
  double number = value.get<double>();  // out of range (or NaN) reads as the fallback, never as garbage
  return std::isfinite(number) && std::fabs(number) < 9.2e18 ? static_cast<long long>(number) : fallback;
}

std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return dump_json(value);
}

std::string text_at(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return "";
  return text_of(object[key]);
}

bool log_has_durations(const nlohmann::json& report) {
  const nlohmann::json& templates = list_at(report, "templates");
  return templates.empty() ||
         std::any_of(templates.begin(), templates.end(), [](const nlohmann::json& t) { return number_at(t, "total_ms") > 0; });
}

std::string templates_ranking(const nlohmann::json& report) {
  return log_has_durations(report) ? "by total time in the log" : "by replayed time × calls; the log has no durations";
}

double ranking_time_ms(const nlohmann::json& entry, bool log_has_durations) {
  if (log_has_durations) return number_at(entry, "total_ms");
  const nlohmann::json& replay = object_at(entry, "replay");
  double ms = number_at(replay, "median_ms", number_at(replay, "execution_ms", number_at(replay, "lower_bound_ms")));
  return ms * std::max(number_at(entry, "calls"), 1.0);
}

}  // namespace pgadvisor
