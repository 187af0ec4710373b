// CsvlogReader: reads a PostgreSQL log written with log_destination = 'csvlog': one CSV record per
// message (quoted fields may hold newlines and doubled quotes), the columns of PostgreSQL 13 to 15
// (log_time, user_name, database_name, process_id, connection_from, session_id, session_line_num,
// command_tag, session_start_time, virtual_transaction_id, transaction_id, error_severity,
// sql_state_code, message, detail, hint, internal_query, internal_query_pos, context, query,
// query_pos, location, application_name[, backend_type, leader_pid, query_id]). The CSV is parsed
// by libcsv; each record becomes a LogMessage (session = session_id, the DETAIL taken from the
// record's own detail column) for the StatementAssembler (plans/log/log_message.hpp).
// A record that is not valid CSV or has fewer than 23 fields becomes a Diagnostic and reading goes
// on at the next line; the reader never throws on bad input.
#pragma once

#include <istream>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_csvlog(std::istream& in, const std::string& source, const LogSink& sink);

// True when the line starts like a csvlog record, `2024-06-30 12:00:00.123 UTC,` (used to detect
// the format of a log).
bool is_csvlog_line(const std::string& line);

}  // namespace pgadvisor
