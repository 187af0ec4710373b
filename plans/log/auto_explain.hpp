// AutoExplainRecord: one plan that the auto_explain module wrote to the server log, read from the
// message of its LOG record: "duration: 12.3 ms  plan:" then either the text format
// ("Query Text: SQL" then the plan tree) or the JSON format ({"Query Text": ..., "Plan": {...}}).
// A message that is not auto_explain's gives std::nullopt. A message that starts like one but
// cannot be read (YAML or XML format, no plan tree after the query, bad JSON, ...) gives a record
// whose `error` says why, for the caller to turn into a Diagnostic; nothing here throws on bad
// input.
#pragma once

#include <optional>
#include <string>

#include "plans/plan/plan_tree.hpp"

namespace pgadvisor {

struct AutoExplainRecord {
  double duration_ms = -1;    // as logged
  std::string query_text;     // the statement, exactly as the server received it
  std::string plan_text;      // JSON: the whole document; text: from the root node line to the end
  bool json = false;          // logged with auto_explain.log_format = json
  std::optional<Plan> plan;   // parsed from the JSON format; nullopt for the text format
  std::string error;          // empty when the record was read; else why not (other fields partial)
};

// `message` is the text of one LOG record after "LOG:  ", its continuation lines joined with "\n"
// and their leading tab removed, as the log readers hand messages over. In the text format the
// query ends at the first line after "Query Text: " that is a plan's root node line: no leading
// blank, a node name, then "  (cost=S..T rows=N width=W)" (or "  (actual ..." without costs).
std::optional<AutoExplainRecord> parse_auto_explain(const std::string& message);

}  // namespace pgadvisor
