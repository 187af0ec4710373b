// The terminal report: the slowest templates with calls, logged and replayed time and a
// one-line plan, then the proposed indexes with their DDL, size and cost change per template,
// then the findings, sessions, rewrites, drop suggestions and diagnostics. `top` limits the
// template table. The default style is the file layout, plain; terminal_text_style
// (text_format.hpp) gives colour and lines fitted to the terminal's width.
#pragma once

#include <string>

#include "advisor/model/advice.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {

std::string advice_to_text(const Advice& advice, size_t top = 15, const TextStyle& style = {});

}  // namespace pgadvisor
