// SqlFileReader: reads a plain .sql script (what psql -f or pg_restore would run) into one
// Statement per SQL statement, with the line it starts on; no duration, session or parameters.
// The script is split by libpg_query (parser, else scanner). The data of `COPY ... FROM stdin`,
// as pg_dump writes it, is skipped up to its `\.` line; it holds rows, not statements.
//
// The script is read a window at a time (plans/log/sql_script_text), in bounded memory and in
// time linear in its length whatever it holds: each window is split once, and a window grows
// only while what it holds could depend on the text after it.
//
// On failure: a part that does not parse (a psql meta-command such as `\echo`, a syntax error)
// becomes a Diagnostic with its line and text, and reading goes on after it; the reader never
// throws on bad input. A quote or comment that never ends makes the statement holding it run to
// the end of the script. A NUL byte, a line over the limit (plans/log/line_reader) and a
// statement longer than 1 MiB (libpg_query needs about 100 bytes of memory per byte it parses)
// are Diagnostics too, and the statement holding them is left out.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_sql_file(std::istream& in, const std::string& source, const LogSink& sink);

// The same, each place read with a first window of `first_window` bytes instead of 4 KiB. What
// is read does not depend on it (the tests check that); only the time and memory it takes do.
void read_sql_file(std::istream& in, const std::string& source, const LogSink& sink,
                   std::size_t first_window);

}  // namespace pgadvisor
