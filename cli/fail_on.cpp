#include "cli/fail_on.hpp"

#include <fmt/format.h>

#include <sstream>

#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

int severity_rank(const std::string& severity) {
  return severity == "high" ? 3 : severity == "medium" ? 2 : severity == "low" ? 1 : 0;
}

}  // namespace

FailOn parse_fail_on(const std::string& list) {
  FailOn fail_on;
  std::stringstream words(list);
  std::string word;
  while (std::getline(words, word, ',')) {
    word.erase(0, word.find_first_not_of(' '));
    word.erase(word.find_last_not_of(' ') + 1);
    if (word.empty() || word == "never") continue;
    if (int rank = severity_rank(word)) {
      fail_on.min_severity = fail_on.min_severity == 0 ? rank : std::min(fail_on.min_severity, rank);
    } else if (word == "index") {
      fail_on.index = true;
    } else if (word == "rewrite") {
      fail_on.rewrite = true;
    } else if (word == "regression") {
      fail_on.regression = true;
    } else {
      throw FatalError(FatalKind::Usage, "--fail-on: unknown condition '" + word +
                                             "' (expected a list of high, medium, low, index, rewrite, regression, never)");
    }
  }
  return fail_on;
}

std::vector<std::string> fail_on_reasons(const FailOn& fail_on, const nlohmann::json& report) {
  std::vector<std::string> reasons;
  if (fail_on.min_severity > 0) {
    long long count = 0;
    std::string first;
    for (const auto& finding : report.value("findings", nlohmann::json::array()))
      if (severity_rank(finding.value("severity", "")) >= fail_on.min_severity) {
        if (count++ == 0) first = finding.value("kind", "") + " (" + finding.value("severity", "") + ")";
      }
    if (count > 0) reasons.push_back(fmt::format("{} finding(s) at or above the threshold, first {}", count, first));
  }
  if (fail_on.index) {
    size_t count = report.value("indexes", nlohmann::json::array()).size();
    if (count > 0) reasons.push_back(fmt::format("{} index(es) proposed", count));
  }
  if (fail_on.rewrite) {
    long long count = 0;
    for (const auto& rewrite : report.value("rewrites", nlohmann::json::array()))
      count += rewrite.value("verdict", "") == "proposed";
    if (count > 0) reasons.push_back(fmt::format("{} rewrite(s) proposed", count));
  }
  if (fail_on.regression && report.contains("baseline")) {
    size_t count = report["baseline"].value("regressions", nlohmann::json::array()).size();
    if (count > 0) reasons.push_back(fmt::format("{} regression(s) against the baseline", count));
  }
  return reasons;
}

}  // namespace pgadvisor
