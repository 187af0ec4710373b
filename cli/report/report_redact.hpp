// `--redact`: the JSON report (which every format renders) with the literal values of the
// statements replaced by placeholders, so a report can be posted where the data must not go.
// SQL (samples, rewrites, fixes, diagnostics' statements): every constant becomes '?' or ?.
// Plans (EXPLAIN's conditions, plan summaries): string constants become '?'; numbers stay, as
// they are mostly costs and row counts. Django code: the strings that were the SQL's constants
// become `...`.
// Any other text (summaries, reasons, messages, index definitions) loses each quoted constant
// with a cast ('banned'::text, as EXPLAIN prints conditions, bound parameters' values included)
// and each string value found above where it stands as a word of its own, to <redacted>.
// Names, kinds and figures stay.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace pgadvisor {

void redact_report(nlohmann::json& report);

// The Python of a Django fix with each string literal whose value is one of `values` (the SQL's
// string constants) replaced by `...`; field names and other literals stay.
std::string redact_python_literals(const std::string& code, const std::set<std::string>& values);

}  // namespace pgadvisor
