// Where `audit` writes what it produced, from one run: each -o is PATH (in the --format, or the
// --migration kind when given) or FORMAT:PATH, FORMAT one of text, json, markdown, html (reports)
// or sql, django (migrations); `-` is standard output. Several -o write several outputs of the
// same audit, so every file shows the same figures.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

struct OutputTarget {
  std::string kind;  // text, json, markdown, html, sql or django
  std::string path;  // empty: standard output
  bool is_migration() const { return kind == "sql" || kind == "django"; }
};

// The targets of `outputs` (the -o values, in order); `format` is --format when it was given ("":
// not given, text), `migration_kind` --migration's. FatalError(Usage) for two targets on standard
// output, the same path twice, a plain PATH given twice, an empty path, or a --format or
// --migration that no -o would use (every -o names its own format).
std::vector<OutputTarget> parse_output_targets(const std::vector<std::string>& outputs, const std::string& format,
                                               const std::string& migration_kind);

// The file the resume journal sits beside: the JSON report's, else the first file target's;
// empty when everything goes to standard output.
std::string journal_anchor(const std::vector<OutputTarget>& targets);

}  // namespace pgadvisor
