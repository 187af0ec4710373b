// Ingest of whole logs into a Workload on two threads: one reads and assembles statements (log
// readers), the other groups them into templates (Workload::add), handing batches through a
// small bounded queue, so memory stays bounded and both cores work. The reader applies the
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

// `keep_calls`: how many first calls of each template the workload keeps (Workload).
Workload ingest_logs(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options,
                     size_t keep_calls = 1, const StatementFilterOptions& filter = {});

}  // namespace pgadvisor
