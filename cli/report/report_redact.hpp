// `--redact`: the JSON report (which every format renders) with the literal values of the
// statements replaced by placeholders, so a report can be posted where the data must not go.
// SQL from the log (samples, rewrites, diagnostics' statements, index definitions): every
// constant becomes '?' or ?; what the scanner cannot read becomes <redacted> whole. Plans
// (EXPLAIN's conditions): string constants become '?'; numbers stay, as they are mostly costs and
// row counts. Django code: see python_redact.hpp. Free text (summaries, reasons, messages,
// notes, a finding's evidence) loses each quoted constant with a cast ('banned'::text, as EXPLAIN
// prints conditions, bound parameters' values included) and each string value found above, where
// it stands as a word of its own, to <redacted>. Names, kinds, databases, timestamps and figures
// stay; the rendered migrations are left out (they need their constants: write them from the
// report as the audit saved it).
#pragma once

#include <nlohmann/json.hpp>

namespace pgadvisor {

void redact_report(nlohmann::json& report);

}  // namespace pgadvisor
