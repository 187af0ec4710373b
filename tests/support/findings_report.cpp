#include "tests/support/findings_report.hpp"

#include <catch2/catch.hpp>

#include "tests/support/test_database.hpp"

namespace pgadvisor::testing {

nlohmann::json audit_without_rewrites(const std::string& input) {
  CommandResult result =
      run_pgadvisor("audit -q --runs 1 --no-rewrites --format json --db " + shell_quote(test_dsn()) + " " + input);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return nlohmann::json::parse(result.out);
}

std::string normalized_sql_of(const nlohmann::json& report, const std::string& fingerprint) {
  for (const auto& tmpl : report["templates"])
    if (tmpl["fingerprint"] == fingerprint) return tmpl["normalized_sql"];
  return "";
}

const nlohmann::json* finding_on(const nlohmann::json& report, const std::string& kind,
                                 const std::vector<std::string>& parts) {
  for (const auto& f : report["findings"]) {
    if (f["kind"] != kind) continue;
    std::string sql = normalized_sql_of(report, f["templates"][0]);
    bool all = true;
    for (const auto& part : parts) all = all && sql.find(part) != std::string::npos;
    if (all) return &f;
  }
  return nullptr;
}

}  // namespace pgadvisor::testing
