// Python text for the Django form of a rewrite: SQL constants of libpg_query's parse tree as
// Python literals ('it''s' is "it's", true is True, NULL is None, $1 is the name p1), LIKE
// patterns as Django's __startswith / __endswith / __contains lookups, and the checks that a
// name can stand in Python source. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace pgadvisor {

struct LiteralContext {
  std::string sql;            // the parsed text (node locations are byte offsets into it)
  std::set<int> parameters;   // the $n numbers met so far
};

// A constant (or a constant under a type cast, or a $n parameter) as a Python literal; nullopt,
// with why_not set, for anything else. Integers are read from the SQL text when the JSON tree
// has lost them (libpg_query writes a negative ival as {}).
std::optional<std::string> python_literal(const nlohmann::json& node, LiteralContext& context, std::string& why_not);

// The items of a list as literals joined by ", ".
std::optional<std::string> python_literals(const nlohmann::json& items, LiteralContext& context, std::string& why_not);

// The lookup suffix and value for `LIKE pattern` (ILIKE when insensitive) with operator `op`
// ("~~", "~~*"): 'ab\%c%' is ("__startswith", "\"ab%c\""), '%x' __endswith, '%x%' __contains.
// Patterns with _ or a % inside, NOT LIKE and parameters are refused.
std::optional<std::pair<std::string, std::string>> like_lookup(const nlohmann::json& pattern, bool insensitive,
                                                               const std::string& op, std::string& why_not);

std::string python_string(const std::string& text);  // "text" with \ " and control characters escaped
std::string parameter_name(int number);              // p1 for $1
// The one check that a name can stand in Python source as a keyword argument, a variable or a
// class name: ASCII [A-Za-z_][A-Za-z0-9_]* and not one of Python 3's keywords (False, class,
// async, ...). Soft keywords (match, case, _, type) are accepted: they are valid names.
bool is_python_identifier(const std::string& name);

}  // namespace pgadvisor
