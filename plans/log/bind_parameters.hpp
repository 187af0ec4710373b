// BindParameters: the values of a `DETAIL:  parameters: $1 = '5', $2 = NULL, $3 = 'it''s'` line
// (continuation lines joined with "\n"), as PostgreSQL logs the parameters of a bind or execute:
// each value quoted with doubled quotes, or NULL. Text of another shape gives std::nullopt.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

// `text` is what follows "parameters: "; {"5", nullopt, "it's"} for the example above.
std::optional<std::vector<StatementParam>> parse_bind_parameters(const std::string& text);

}  // namespace pgadvisor
