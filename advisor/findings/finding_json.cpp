#include "advisor/findings/finding_json.hpp"

#include <stdexcept>

namespace pgadvisor {

nlohmann::json findings_to_json(const std::vector<Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& finding : findings)
    out.push_back({{"kind", finding_kind_name(finding.kind)},
                   {"severity", severity_name(finding.severity)},
                   {"templates", finding.templates},
                   {"summary", finding.summary},
                   {"evidence", finding.evidence},
                   {"fix_sql", finding.fix_sql},
                   {"fix_django", finding.fix_django},
                   {"saving_ms", finding.saving_ms}});
  return out;
}

std::vector<Finding> findings_from_json(const nlohmann::json& document) {
  if (document.is_null()) return {};
  if (!document.is_array()) throw std::runtime_error("findings: not a list");
  std::vector<Finding> findings;
  for (const auto& entry : document) {
    Finding finding;
    const std::string kind = entry.at("kind").get<std::string>();
    std::optional<FindingKind> known = finding_kind_from_name(kind);
    if (!known) throw std::runtime_error("findings: unknown kind '" + kind + "'");
    finding.kind = *known;
    std::string severity = entry.at("severity").get<std::string>();
    finding.severity = severity == "high" ? Severity::High : severity == "low" ? Severity::Low : Severity::Medium;
    finding.templates = entry.at("templates").get<std::vector<std::string>>();
    finding.summary = entry.value("summary", "");
    finding.evidence = entry.value("evidence", nlohmann::json::object());
    finding.fix_sql = entry.value("fix_sql", "");
    finding.fix_django = entry.value("fix_django", "");
    finding.saving_ms = entry.value("saving_ms", 0.0);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace pgadvisor
