#include "advisor/rewrites/django_lookup_values.hpp"

#include "plans/json_text.hpp"

#include <cctype>
#include <cstdio>
#include <vector>

#include "plans/sql/parse_tree_access.hpp"

namespace pgadvisor {

using nlohmann::json;

namespace {

// Python 3's keywords (keyword.kwlist, the same from 3.7 to 3.13): a name that is one of them is
// a syntax error as a keyword argument, a variable or a class name. The soft keywords (match,
// case, _, type) are not here: they stay valid names in every place the Django forms put one.
const std::set<std::string> kPythonKeywords = {
    "False", "None",     "True",  "and",    "as",       "assert", "async", "await", "break",
    "class", "continue", "def",   "del",    "elif",     "else",   "except", "finally", "for",
    "from",  "global",   "if",    "import", "in",       "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",      "while",  "with",   "yield"};

bool is_ascii_letter_or_underscore(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

using LikeLookup = std::pair<std::string, std::string>;

template <typename Value = std::string>
std::optional<Value> refuse(std::string& why_not, const std::string& reason) {
  why_not = reason;
  return std::nullopt;
}

// "-5", "- 5" or "0" at `location` of the text, as "-5" / "0"; empty when no integer is there.
std::string integer_at(const std::string& sql, int location) {
  if (location < 0 || static_cast<size_t>(location) >= sql.size()) return "";
  size_t at = static_cast<size_t>(location);
  std::string sign;
  if (sql[at] == '-') {
    sign = "-";
    ++at;
    while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at]))) ++at;
  }
  size_t digits_start = at;
  while (at < sql.size() && std::isdigit(static_cast<unsigned char>(sql[at]))) ++at;
  bool ends_cleanly = at == sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[at])) || sql[at] == '.');
  if (at == digits_start || !ends_cleanly) return "";
  return sign + sql.substr(digits_start, at - digits_start);
}

std::optional<std::string> integer_literal(const json& constant, const std::string& sql, std::string& why_not) {
  long long value = child(constant, "ival").value("ival", 0LL);
  if (value != 0) return std::to_string(value);
  std::string text = integer_at(sql, constant.value("location", -1));  // 0, or a negative number lost
  if (text.empty()) return refuse(why_not, "an integer constant whose value the parse tree lost");
  return text;
}

// The text of a string constant (under any type cast); nullopt for anything else.
std::optional<std::string> string_constant(const json& node) {
  auto [type, body] = node_of(node);
  if (type == "TypeCast") return string_constant(child(*body, "arg"));
  if (type != "A_Const" || !body->contains("sval")) return std::nullopt;
  return child(*body, "sval").value("sval", "");
}

}  // namespace

std::string python_string(const std::string& text) {
  std::string quoted = "\"";
  for (char c : visible_utf8(text)) {  // a byte that is not UTF-8 stays visible: \\xNN in the source
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == '"') {
      quoted += '\\';
      quoted += c;
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (c == '\r') {
      quoted += "\\r";
    } else if (c == '\t') {
      quoted += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      quoted += escaped;
    } else {
      quoted += c;  // UTF-8 passes through: Python source is UTF-8
    }
  }
  return quoted + "\"";
}

std::string parameter_name(int number) { return "p" + std::to_string(number); }

bool is_python_identifier(const std::string& name) {
  if (name.empty() || !is_ascii_letter_or_underscore(name[0])) return false;
  for (char c : name)
    if (!is_ascii_letter_or_underscore(c) && !(c >= '0' && c <= '9')) return false;
  return kPythonKeywords.count(name) == 0;
}

std::optional<std::string> python_literal(const json& node, LiteralContext& context, std::string& why_not) {
  auto [type, body] = node_of(node);
  if (type == "TypeCast") return python_literal(child(*body, "arg"), context, why_not);
  if (type == "ParamRef") {
    int number = body->value("number", 0);
    context.parameters.insert(number);
    return parameter_name(number);
  }
  if (type != "A_Const") return refuse(why_not, "a value of the subquery is not a constant");
  if (body->value("isnull", false)) return std::string("None");
  if (body->contains("ival")) return integer_literal(*body, context.sql, why_not);
  if (body->contains("fval")) return child(*body, "fval").value("fval", "0");
  if (body->contains("boolval")) return std::string(child(*body, "boolval").value("boolval", false) ? "True" : "False");
  if (body->contains("sval")) return python_string(child(*body, "sval").value("sval", ""));
  return refuse(why_not, "a bit-string constant has no Python form here");
}

std::optional<std::string> python_literals(const json& items, LiteralContext& context, std::string& why_not) {
  if (!items.is_array() || items.empty()) return refuse(why_not, "an empty value list");
  std::string joined;
  for (const auto& item : items) {
    auto literal = python_literal(item, context, why_not);
    if (!literal) return std::nullopt;
    joined += (joined.empty() ? "" : ", ") + *literal;
  }
  return joined;
}

std::optional<LikeLookup> like_lookup(const json& pattern, bool insensitive, const std::string& op,
                                      std::string& why_not) {
  if (op != "~~" && op != "~~*") return refuse<LikeLookup>(why_not, "NOT LIKE has no Django lookup");
  auto text = string_constant(pattern);
  if (!text) return refuse<LikeLookup>(why_not, "a LIKE pattern that is not a string constant");
  // Split into literal text and unescaped % wildcards (backslash is LIKE's default escape).
  std::vector<std::string> pieces{""};
  std::vector<bool> wildcard{false};
  for (size_t i = 0; i < text->size(); ++i) {
    char c = (*text)[i];
    if (c == '_') return refuse<LikeLookup>(why_not, "a LIKE pattern with _");
    if (c == '%') {
      pieces.push_back("");
      wildcard.push_back(true);
      pieces.push_back("");
      wildcard.push_back(false);
      continue;
    }
    if (c == '\\' && i + 1 < text->size()) c = (*text)[++i];
    pieces.back() += c;
  }
  // Drop the empty literal pieces: what is left is literal text with wildcards at the ends only.
  std::string middle;
  size_t wildcards = 0, literals = 0;
  bool leading = false, trailing = false;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (wildcard[i]) {
      ++wildcards;
      (literals == 0 ? leading : trailing) = true;
    } else if (!pieces[i].empty()) {
      if (++literals > 1 || trailing) return refuse<LikeLookup>(why_not, "a LIKE pattern with % inside");
      middle = pieces[i];
    }
  }
  if (literals != 1 || wildcards == 0 || wildcards != static_cast<size_t>(leading) + static_cast<size_t>(trailing))
    return refuse<LikeLookup>(why_not, "a LIKE pattern other than 'x%', '%x' or '%x%'");
  std::string lookup = leading && trailing ? "contains" : leading ? "endswith" : "startswith";
  return std::make_pair("__" + std::string(insensitive ? "i" : "") + lookup, python_string(middle));
}

}  // namespace pgadvisor
