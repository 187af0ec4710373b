// The audit pipeline, the one place that knows the order of the stages: read the logs into a
// workload, replay each template safely, derive index candidates, drop those an existing index
// serves, select indexes with hypopg's what-if costs. Unreadable logs and a failed connection
// throw FatalError; everything else becomes a diagnostic in the Advice.
#pragma once

#include <string>
#include <vector>

#include "advisor/advice.hpp"
#include "advisor/candidate_rules.hpp"
#include "plans/log/log_file.hpp"
#include "plans/log/log_format.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

struct AuditOptions {
  std::string dsn;                // libpq connection string; empty uses the PG* variables
  std::vector<std::string> logs;
  LogFormat log_format = LogFormat::Auto;
  LogReadOptions log_options;
  bool from_pg_stat_statements = false;  // add the database's pg_stat_statements entries
  SessionSettings session;
  CandidateOptions candidates;
  SelectionOptions selection;
};

Workload read_workload(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options = {});

Advice run_audit(const AuditOptions& options);

}  // namespace pgadvisor
