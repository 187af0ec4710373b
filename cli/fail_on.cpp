#include "cli/fail_on.hpp"

#include <fmt/format.h>

#include <sstream>

#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

int severity_rank(const std::string& severity) {
  return severity == "high" ? 3 : severity == "medium" ? 2 : severity == "low" ? 1 : 0;
}

// The findings of `findings` at or above `rank`; `first` names the first of them.
long long count_at_or_above(const json& findings, int rank, std::string& first) {
  long long count = 0;
  for (const auto& finding : findings)
    if (finding.is_object() && severity_rank(finding.value("severity", "")) >= rank && count++ == 0)
      first = finding.value("kind", "") + " (" + finding.value("severity", "") + ")";
  return count;
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
    } else if (int new_rank = word.rfind("new-", 0) == 0 ? severity_rank(word.substr(4)) : 0) {
      fail_on.min_new_severity = fail_on.min_new_severity == 0 ? new_rank : std::min(fail_on.min_new_severity, new_rank);
    } else if (word == "index") {
      fail_on.index = true;
    } else if (word == "rewrite") {
      fail_on.rewrite = true;
    } else if (word == "regression") {
      fail_on.regression = true;
    } else {
      throw FatalError(FatalKind::Usage, "--fail-on: unknown condition '" + word +
                                             "' (expected a list of high, medium, low, new-high, new-medium, new-low, "
                                             "index, rewrite, regression, never)");
    }
  }
  return fail_on;
}

std::vector<std::string> fail_on_reasons(const FailOn& fail_on, const nlohmann::json& report) {
  std::vector<std::string> reasons;
  if (fail_on.min_severity > 0) {
    std::string first;
    if (long long count = count_at_or_above(report.value("findings", json::array()), fail_on.min_severity, first))
      reasons.push_back(fmt::format("{} finding(s) at or above the threshold, first {}", count, first));
  }
  if (fail_on.index) {
    size_t count = report.value("indexes", json::array()).size();
    if (count > 0) reasons.push_back(fmt::format("{} index(es) proposed", count));
  }
  if (fail_on.rewrite) {
    long long count = 0;
    for (const auto& rewrite : report.value("rewrites", json::array()))
      count += rewrite.value("verdict", "") == "proposed";
    if (count > 0) reasons.push_back(fmt::format("{} rewrite(s) proposed", count));
  }
  // The comparison new-* and regression read: --baseline's, else the trend's with the previous
  // run of --history (with no previous run, every finding of this one is new).
  const bool against_baseline = report.contains("baseline");
  const json* compared = against_baseline           ? &report.at("baseline")
                         : report.contains("trend") ? &report.at("trend")
                                                    : nullptr;
  if (fail_on.regression && compared) {
    size_t count = compared->value("regressions", json::array()).size();
    if (count > 0)
      reasons.push_back(
          fmt::format("{} regression(s) against {}", count, against_baseline ? "the baseline" : "the previous run"));
  }
  if (fail_on.min_new_severity > 0 && compared) {
    const bool nothing_earlier = !against_baseline && compared->value("previous", json(nullptr)).is_null();
    const json findings = nothing_earlier ? report.value("findings", json::array())
                                          : compared->value("new_findings", json::array());
    std::string first;
    if (long long count = count_at_or_above(findings, fail_on.min_new_severity, first))
      reasons.push_back(fmt::format("{} new finding(s) at or above the threshold ({}), first {}", count,
                                    against_baseline  ? "not in the baseline"
                                    : nothing_earlier ? "no earlier report in --history: every finding is new"
                                                      : "not in the previous run",
                                    first));
  }
  return reasons;
}

}  // namespace pgadvisor
