#include "bench/selection/bench_evaluation.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "plans/fatal_error.hpp"

namespace pgadvisor::bench {

Evaluation evaluate_indexes(WhatIf& whatif, const std::vector<const QueryTemplate*>& templates,
                            const std::vector<IndexCandidate>& indexes) {
  Evaluation evaluation;
  whatif.reset();
  for (const auto& index : indexes) {
    evaluation.definitions.push_back(index.key());
    try {
      evaluation.size_bytes += whatif.size_bytes(whatif.create(index));
    } catch (const DatabaseError& error) {
      evaluation.refused.push_back(index.key() + ": " + error.what());
    }
  }
  for (const QueryTemplate* tmpl : templates) evaluation.cost += whatif.cost(*tmpl);
  whatif.reset();
  return evaluation;
}

ReportedSelection read_report_selection(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw FatalError(FatalKind::Input, "cannot read the report " + path);
  nlohmann::json report = nlohmann::json::parse(in, nullptr, false);
  if (report.is_discarded() || !report.is_object() || !report.contains("indexes") || !report["indexes"].is_array())
    throw FatalError(FatalKind::Input, path + ": not a pgadvisor JSON report (no \"indexes\" list)");
  ReportedSelection selection;
  try {
    for (const auto& entry : report["indexes"]) {
      IndexCandidate index;
      if (entry.contains("schema") && entry["schema"].is_string()) index.definition.schema = entry["schema"].get<std::string>();
      index.definition.table = entry.at("table").get<std::string>();
      for (const auto& column : entry.at("columns")) {
        IndexColumn part;
        part.name = column.at("name").get<std::string>();
        part.descending = column.value("descending", false);
        part.nulls_flipped = column.value("nulls_flipped", false);
        part.expression = column.value("expression", false);
        index.definition.columns.push_back(part);
      }
      if (entry.contains("include") && entry["include"].is_array())
        index.definition.include = entry["include"].get<std::vector<std::string>>();
      if (entry.contains("where") && entry["where"].is_string()) index.definition.where = entry["where"].get<std::string>();
      selection.indexes.push_back(std::move(index));
    }
    const auto& summary = report.value("selection", nlohmann::json::object());
    selection.whatif_requests = summary.value("whatif_requests", 0LL);
    selection.seconds = summary.value("advisor_seconds", summary.value("seconds", 0.0));
  } catch (const nlohmann::json::exception& error) {
    throw FatalError(FatalKind::Input, path + ": an index of the report is malformed: " + error.what());
  }
  return selection;
}

}  // namespace pgadvisor::bench
