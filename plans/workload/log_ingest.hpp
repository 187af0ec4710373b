// Ingest of whole logs into a Workload. With options.jobs 1 all on the calling thread. With more,
// plain stderr log files are read by options.jobs threads (plans/log/parallel_stderr) while the
// calling thread assembles and groups the statements; other logs (compressed, csvlog, jsonlog,
// Django, standard input) are read on one thread while another groups them into templates
// (Workload::add), batches handed through a small bounded queue, so memory stays bounded and
// both cores work. Every number of jobs gives the same Workload. The reader applies the
// statement filter (plans/workload/statement_filter): what it skips never reaches the workload,
// which gets its diagnostics (per source, then the counts). Statements and diagnostics
// reach the workload in the order the readers produced them. A FatalError of a reader (an
// unreadable file) is rethrown to the caller after both threads stop. The reader thread takes
// each statement's comment tags (sqlcommenter, marginalia) off its text into Statement::tags.
#pragma once

#include <string>
#include <vector>

#include "plans/log/log_file.hpp"
#include "plans/workload/statement_filter.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

// `keep_calls`: how many first calls of each template the workload keeps; `record_sessions`:
// whether it keeps the order of each session's statements (Workload).
Workload ingest_logs(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options,
                     size_t keep_calls = 1, const StatementFilterOptions& filter = {},
                     bool record_sessions = true);

}  // namespace pgadvisor
