// DjangoJsonReader: reads Django's `connection.queries` as `json.dump(connection.queries, f)`
// writes it: a JSON array of {"sql": "...", "time": "0.002"} objects, the SQL with the driver's
// parameters already pasted in, the time in seconds. Each entry becomes a Statement with its
// duration; the dump knows no session, user or time. An executemany entry ("3 times: INSERT ...
// VALUES (%s, %s)") keeps no parameters: it becomes that many Statements with the SQL's %s
// turned into $1..$n, params empty, each with an equal share of the time.
//
// json.dump writes the whole array on one line, so Statement::line and Diagnostic::line are the
// 1-based index of the entry in the array, not a line number. The file is streamed (nlohmann's
// SAX parser): memory holds one entry at a time.
//
// On failure: an entry that is not an object with a string "sql" is a Diagnostic and reading
// goes on; JSON that does not parse, or is not an array, ends reading with a Diagnostic (the
// entries before it are kept). The reader never throws on bad input.
#pragma once

#include <istream>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_django_json(std::istream& in, const std::string& source, const LogSink& sink);

}  // namespace pgadvisor
