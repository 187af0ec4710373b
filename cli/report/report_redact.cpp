#include "cli/report/report_redact.hpp"

#include <cctype>
#include <set>

#include "cli/report/python_redact.hpp"
#include "plans/sql/sql_redaction.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

// How a string of the report is redacted. Keep: names, kinds, figures and anything not listed.
enum class TextKind { Keep, Prose, Sql, FixSql, Plan, Python };

TextKind kind_of_key(const std::string& key, TextKind inherited) {
  static const std::set<std::string> sql{"sql",  "normalized_sql", "statement", "original_sql", "step2_array_sql",
                                         "steps", "ddl",           "where",     "definition"};
  static const std::set<std::string> plan{"plan", "plan_before", "plan_after", "verified_plan_after"};
  static const std::set<std::string> python{"django", "fix_django"};
  static const std::set<std::string> prose{"summary",    "plan_summary", "message", "reason",    "note",  "cause",
                                           "fix",        "comparison",   "caveats", "size_note", "error", "exact_note",
                                           "django_note", "warnings",    "evidence"};
  if (sql.count(key)) return TextKind::Sql;
  if (key == "fix_sql") return TextKind::FixSql;  // pgadvisor's own text: a comment may hold an apostrophe
  if (plan.count(key)) return TextKind::Plan;
  if (python.count(key)) return TextKind::Python;
  if (prose.count(key)) return TextKind::Prose;
  // inside an EXPLAIN tree all of it is plan; inside a finding's evidence, all of it is prose
  return inherited == TextKind::Plan || inherited == TextKind::Prose ? inherited : TextKind::Keep;
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

// The pieces of text the scanner could not read that stand between quotes, or after the last
// quote that is never closed ("... email = 'bob@x" -> bob@x).
void take_quoted_pieces(const std::string& text, std::set<std::string>& taken) {
  size_t open = text.find('\'');
  while (open != std::string::npos) {
    size_t close = text.find('\'', open + 1);
    taken.insert(text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
    if (close == std::string::npos) break;
    open = text.find('\'', close + 1);
  }
}

// Walks the report; `pass` 1 redacts code and collects string values, pass 2 redacts prose.
void walk(json& node, TextKind kind, int pass, std::set<std::string>& taken);

void walk_string(json& node, TextKind kind, int pass, std::set<std::string>& taken) {
  std::string text = node.get<std::string>();
  if (kind == TextKind::Sql && pass == 1) {
    bool unread = false;
    std::string redacted = redact_sql_constants(text, {true, &taken, &unread});
    if (unread) take_quoted_pieces(text, taken);  // so a message quoting them loses them too
    node = unread ? "<redacted>" : redacted;
  }
  if (kind == TextKind::FixSql) {  // unreadable (an apostrophe in a comment): then it is prose
    bool unread = false;
    std::string redacted = redact_sql_constants(text, {true, pass == 1 ? &taken : nullptr, &unread});
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

}  // namespace

void redact_report(json& report) {
  report.erase("migrations");  // code to apply, with the constants its partial indexes need
  std::set<std::string> taken;
  walk(report, TextKind::Keep, 1, taken);
  walk(report, TextKind::Keep, 2, taken);
  report["redacted"] = true;
}

}  // namespace pgadvisor
