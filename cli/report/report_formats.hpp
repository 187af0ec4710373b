// The report formats over the JSON report, the one model every format renders: text (the
// terminal report, with the --baseline and --history sections when the report has them),
// markdown, html and json; and reading a JSON report saved by `audit --format json` back (for
// --baseline and for `pgadvisor report`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plans/text_format.hpp"

namespace pgadvisor {

// `format` is one of text, markdown, html, json; `top` bounds the template tables of text and
// Markdown; `style` is the text report's (colour, width).
std::string render_report(const nlohmann::json& report, const std::string& format, size_t top, const TextStyle& style);

// The report in `path`. FatalError(Input) when it cannot be read, FatalError(Usage) when it is
// not a pgadvisor JSON report; `what` names the option or command in the message ("--baseline").
nlohmann::json read_report_file(const std::string& path, const std::string& what);

}  // namespace pgadvisor
