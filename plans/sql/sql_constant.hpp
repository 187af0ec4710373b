// SQL constants of the parse tree as SQL literal text: 'text' (quotes doubled), 42, 1.5, true,
// false, NULL, and parameters as $n. A type cast keeps the literal of its argument. Anything
// else (a column, an expression) is not a constant and yields nullopt.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pgadvisor {

std::optional<std::string> constant_literal(const nlohmann::json& node);

// Byte offset of the constant in the statement (a type cast's argument), -1 when unknown.
int constant_location(const nlohmann::json& node);

// 'text' with single quotes doubled, as PostgreSQL's quote_literal writes a plain string.
std::string quote_literal(const std::string& text);

}  // namespace pgadvisor
