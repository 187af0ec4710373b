// The terminal report: the slowest templates with calls, logged and replayed time and a
// one-line plan, then the proposed indexes with their DDL, size and cost change per template,
// then the diagnostics. Plain text; `top` limits the template table.
#pragma once

#include <string>

#include "advisor/advice.hpp"

namespace pgadvisor {

std::string advice_to_text(const Advice& advice, size_t top = 15);

}  // namespace pgadvisor
