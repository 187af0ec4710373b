// Test support for the plan findings: recorded plans of fixtures/plans, templates made from SQL,
// analyzed replays, hand-built plan nodes and look-ups in the findings.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "advisor/findings/plan_findings.hpp"
#include "plans/sql/pg_query_api.hpp"
#include "tests/support/test_database.hpp"

namespace pgadvisor::testing {

inline Plan recorded_plan(const std::string& name) {
  std::ifstream in(pgadvisor::testing::fixture_path("plans/" + name + ".json"));
  REQUIRE(in);
  return parse_explain_json(nlohmann::json::parse(in));
}

inline QueryTemplate make_template(const std::string& sql, long long calls, double total_ms) {
  QueryTemplate tmpl;
  tmpl.fingerprint = fingerprint_sql(sql);
  tmpl.normalized_sql = sql;
  tmpl.calls = calls;
  tmpl.total_ms = total_ms;
  ParsedSql parsed = parse_sql(sql);
  tmpl.statement_class = classify_statement(parsed);
  tmpl.facts = extract_query_facts(parsed);
  return tmpl;
}

inline ReplayResult analyzed(Plan plan) {
  ReplayResult replay;
  replay.status = ReplayStatus::Analyzed;
  replay.plan = std::move(plan);
  return replay;
}

inline std::set<std::string> kinds(const std::vector<Finding>& findings) {
  std::set<std::string> names;
  for (const auto& finding : findings) names.insert(finding_kind_name(finding.kind));
  return names;
}

inline const Finding& finding_of(const std::vector<Finding>& findings, const std::string& kind) {
  auto found = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return finding_kind_name(f.kind) == kind; });
  REQUIRE(found != findings.end());
  return *found;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline PlanNode node(const std::string& type, const std::string& relation, double plan_rows, double rows, double loops,
              double time_ms) {
  PlanNode n;
  n.node_type = type;
  n.relation = relation;
  n.plan_rows = plan_rows;
  n.actual_rows = rows;
  n.actual_loops = loops;
  n.actual_total_ms = time_ms;
  return n;
}

inline Plan plan_of(PlanNode root, double execution_ms) {
  Plan plan;
  plan.root = std::move(root);
  plan.execution_ms = execution_ms;
  return plan;
}

inline const char* kPostSortSql =
    "SELECT id, title FROM blog_post WHERE NOT published ORDER BY view_count DESC, id OFFSET 1000 LIMIT 10";

}  // namespace pgadvisor::testing
