// SqlFileReader: reads a plain .sql script (what psql -f or pg_restore would run) into one
// Statement per SQL statement, with the line it starts on; no duration, session or parameters.
// The script is split by libpg_query (parser, else scanner). The data of `COPY ... FROM stdin`,
// as pg_dump writes it, is skipped up to its `\.` line; it holds rows, not statements.
//
// The whole file is read into memory first: .sql files are small (a schema, a migration, a
// hand-written workload), and the parser needs whole statements.
//
// On failure: a part that does not parse (a psql meta-command such as `\echo`, a syntax error)
// becomes a Diagnostic with its line and text, and reading goes on after it; the reader never
// throws on bad input.
#pragma once

#include <istream>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_sql_file(std::istream& in, const std::string& source, const LogSink& sink);

}  // namespace pgadvisor
