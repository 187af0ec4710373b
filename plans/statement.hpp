// Statement: one execution of one SQL statement as a log recorded it, with its bind parameters
// kept apart from the text (never pasted in) so that replay can pass them as typed parameters.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pgadvisor {

using StatementParam = std::optional<std::string>;  // text form; nullopt is SQL NULL

struct Statement {
  std::string sql;
  std::vector<StatementParam> params;  // $1, $2, ... in order
  double duration_ms = -1;             // as logged; negative when the log has none
  std::string session;                 // backend pid or session id; empty when unknown
  std::string timestamp;               // as logged
  std::string user;
  std::string database;
  std::string application;             // application_name, when the log has it
  std::map<std::string, std::string> tags;  // of its sqlcommenter or marginalia comment, taken off
                                            // `sql` at ingest (plans/sql/sql_comment_tags)
  std::string logged_plan;             // auto_explain's plan as logged (JSON or text); empty when none
  bool truncated = false;              // a parameter or the text was cut short by the server's log settings
  std::string source;                  // file it was read from
  int line = 0;                        // line where the statement starts
};

}  // namespace pgadvisor
