// PythonRepr: one value as Python's repr() prints it, read back from a log: None, True/False,
// int, float (inf, nan), str ('...' or "..." with Python's escapes), Decimal('1.50'), and
// tuples and lists of these. Anything else that is well formed (datetime.date(2024, 6, 30),
// b'..', {...}, a call) is kept as PythonKind::Other with its text, for the caller to refuse.
//
// On failure: text that is not exactly one complete repr (unbalanced, cut short, trailing text,
// "<generator object ...>", or nested deeper than 1000 tuples or lists, which Python itself
// cannot print) gives std::nullopt; nothing throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plans/statement.hpp"

namespace pgadvisor {

enum class PythonKind { None, Bool, Int, Float, Decimal, Str, Sequence, Other };

struct PythonValue {
  PythonKind kind = PythonKind::None;
  std::string text;                // Str: decoded (UTF-8); Bool: "true"/"false"; numbers as
                                   // written; Other: the repr as written
  std::vector<PythonValue> items;  // Sequence: a tuple's or list's items
};

std::optional<PythonValue> parse_python_repr(std::string_view text);

// The value as the text of a bind parameter (what psycopg2 would send): None is NULL (nullopt
// inside), strings as they are, numbers and booleans as written. Sequences and Other cannot be
// passed as one parameter: the outer nullopt.
std::optional<StatementParam> python_value_as_param(const PythonValue& value);

}  // namespace pgadvisor
