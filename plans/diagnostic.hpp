// Diagnostic: one item that could not be used (a log line that does not parse, a statement that
// is refused or does not plan), with where it came from. Diagnostics never end a run; they are
// collected, counted and printed in the report.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

struct Diagnostic {
  std::string source;     // file name, "-" for standard input, or "replay", "what-if", ...
  int line = 0;           // 1-based line in source, 0 when not tied to a line
  std::string message;    // what went wrong, one sentence
  std::string statement;  // the statement concerned, empty when none
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace pgadvisor
