#include "cli/report/report_redact.hpp"

#include <cctype>
#include <set>

#include "plans/sql/sql_redaction.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

enum class TextKind { Prose, Sql, Plan, Python, Keep };

TextKind kind_of_key(const std::string& key, TextKind inherited) {
  static const std::set<std::string> sql{"sql", "normalized_sql", "statement", "original_sql", "step2_array_sql", "fix_sql", "steps"};
  static const std::set<std::string> plan{"plan", "plan_before", "plan_after", "verified_plan_after", "summary_plan"};
  static const std::set<std::string> python{"django", "fix_django"};
  static const std::set<std::string> keep{"format", "version", "fingerprint", "kind", "severity", "verdict", "outcome",
                                          "status", "recommended", "list_form", "scope", "cache", "node_type", "sort_method"};
  if (sql.count(key)) return TextKind::Sql;
  if (plan.count(key)) return TextKind::Plan;
  if (python.count(key)) return TextKind::Python;
  if (keep.count(key)) return TextKind::Keep;
  return inherited == TextKind::Plan ? TextKind::Plan : TextKind::Prose;  // inside an EXPLAIN tree, all of it is plan
}

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Prose that quotes EXPLAIN's conditions (a finding's summary): each '...' the server printed
// with a cast after it ('banned'::text) loses its value, which goes to `taken`.
std::string redact_cast_constants(const std::string& text, std::set<std::string>& taken) {
  std::string out;
  size_t copied = 0, open = text.find('\'');
  while (open != std::string::npos) {
    size_t close = open + 1;
    while ((close = text.find('\'', close)) != std::string::npos && text.compare(close, 2, "''") == 0) close += 2;
    if (close == std::string::npos) break;
    if (text.compare(close + 1, 2, "::") != 0) {
      open = close;  // that quote may open the next one
      continue;
    }
    std::string value = text.substr(open + 1, close - open - 1);
    for (size_t at = 0; (at = value.find("''", at)) != std::string::npos; ++at) value.erase(at, 1);
    taken.insert(value);
    out.append(text, copied, open + 1 - copied);
    out += "<redacted>";
    copied = close;
    open = text.find('\'', close + 1);
  }
  return out + text.substr(copied);
}

// Walks the report; `pass` 1 redacts code and collects string values, pass 2 redacts prose.
void walk(json& node, TextKind kind, int pass, std::set<std::string>& taken);

void walk_string(json& node, TextKind kind, int pass, std::set<std::string>& taken) {
  std::string text = node.get<std::string>();
  if (kind == TextKind::Sql) {  // pgadvisor's own fix text may not scan (an apostrophe in a comment): then it is prose
    bool unread = false;
    std::string redacted = redact_sql_constants(text, {true, &taken, &unread});
    if (!unread && pass == 1) node = redacted;
    if (unread) kind = TextKind::Prose;
  }
  if (pass == 1 && kind == TextKind::Plan) node = redact_sql_constants(text, {false, &taken});
  if (pass == 1 && kind == TextKind::Prose) node = text = redact_cast_constants(text, taken);
  if (pass == 2 && kind == TextKind::Python) node = redact_python_literals(text, taken);
  if (pass != 2 || kind != TextKind::Prose) return;
  for (const auto& value : taken) {
    if (value.size() < 3) continue;  // "a", "42": too common to tell from the words around them
    size_t at = 0;
    while ((at = text.find(value, at)) != std::string::npos) {
      size_t end = at + value.size();
      bool own_word = (at == 0 || !identifier_char(text[at - 1])) && (end >= text.size() || !identifier_char(text[end]));
      if (own_word) {
        text.replace(at, value.size(), "<redacted>");
        at += 10;
      } else {
        at = end;
      }
    }
  }
  node = text;
}

void walk(json& node, TextKind kind, int pass, std::set<std::string>& taken) {
  if (node.is_string()) return walk_string(node, kind, pass, taken);
  if (node.is_array()) {
    for (auto& item : node) walk(item, kind, pass, taken);
  } else if (node.is_object()) {
    for (auto& [key, value] : node.items()) walk(value, kind_of_key(key, kind), pass, taken);
  }
}

// A Python string literal at `at` (with its prefix letters already copied): its end.
size_t python_string_end(const std::string& code, size_t at) {
  char quote = code[at];
  bool triple = code.compare(at, 3, std::string(3, quote)) == 0;
  size_t i = at + (triple ? 3 : 1);
  while (i < code.size()) {
    if (code[i] == '\\') {
      i += 2;
      continue;
    }
    if (triple ? code.compare(i, 3, std::string(3, quote)) == 0 : code[i] == quote) return i + (triple ? 3 : 1);
    if (!triple && code[i] == '\n') return i;
    ++i;
  }
  return code.size();
}

}  // namespace

std::string redact_python_literals(const std::string& code, const std::set<std::string>& values) {
  std::string out;
  size_t i = 0;
  while (i < code.size()) {
    char c = code[i];
    size_t quote = std::string::npos;  // where a string literal's quote is, after any prefix letters
    if (c == '#') {  // a comment, to the end of the line
      size_t end = code.find('\n', i);
      end = end == std::string::npos ? code.size() : end;
      out.append(code, i, end - i);
      i = end;
      continue;
    }
    if (c == '\'' || c == '"') quote = i;
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || std::isdigit(static_cast<unsigned char>(c))) {
      size_t end = i;
      while (end < code.size() && identifier_char(code[end])) ++end;
      bool prefix = std::isalpha(static_cast<unsigned char>(c)) && end - i <= 2 && end < code.size() &&
                    (code[end] == '\'' || code[end] == '"');
      if (!prefix) {
        out.append(code, i, end - i);
        i = end;
        continue;
      }
      quote = end;
    }
    if (quote == std::string::npos) {
      out += c;
      ++i;
      continue;
    }
    size_t close = python_string_end(code, quote);
    bool triple = close - quote >= 6 && code.compare(quote, 3, std::string(3, code[quote])) == 0;
    size_t width = triple ? 3 : 1;
    std::string value = close >= quote + 2 * width ? code.substr(quote + width, close - quote - 2 * width) : "";
    if (values.count(value)) out += "...";
    else out.append(code, i, close - i);
    i = close;
  }
  return out;
}

void redact_report(json& report) {
  std::set<std::string> taken;
  walk(report, TextKind::Prose, 1, taken);
  walk(report, TextKind::Prose, 2, taken);
  report["redacted"] = true;
}

}  // namespace pgadvisor
