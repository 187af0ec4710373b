#include "plans/log/auto_explain.hpp"

#include "plans/json_text.hpp"

#include <charconv>
#include <exception>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

constexpr std::string_view kDuration = "duration: ";
constexpr std::string_view kPlanHeader = " ms  plan:";
constexpr std::string_view kQueryText = "Query Text: ";
const std::string kUseTextOrJson = " (use auto_explain.log_format text or json)";

// Removes `literal` from the front of `text`; false (text unchanged) when it is not there.
bool consume(std::string_view& text, std::string_view literal) {
  if (!starts_with(text, literal)) return false;
  text.remove_prefix(literal.size());
  return true;
}

// Removes a non-negative decimal number ("10867.22", "20") from the front of `text`.
bool consume_number(std::string_view& text) {
  size_t end = 0;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (end == 0) return false;
  if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) {
    ++end;
    while (end < text.size() && is_digit(text[end])) ++end;
  }
  text.remove_prefix(end);
  return true;
}

// "(cost=S..T rows=N width=W)" at the front of `text`.
bool consume_costs(std::string_view& text) {
  return consume(text, "(cost=") && consume_number(text) && consume(text, "..") &&
         consume_number(text) && consume(text, " rows=") && consume_number(text) &&
         consume(text, " width=") && consume_number(text) && consume(text, ")");
}

// "(actual time=S..T rows=N loops=L)" or, with auto_explain.log_timing off,
// "(actual rows=N loops=L)" at the front of `text`.
bool consume_actuals(std::string_view& text) {
  if (!consume(text, "(actual ")) return false;
  if (consume(text, "time=") && !(consume_number(text) && consume(text, "..") &&
                                  consume_number(text) && consume(text, " "))) {
    return false;
  }
  return consume(text, "rows=") && consume_number(text) && consume(text, " loops=") &&
         consume_number(text) && consume(text, ")");
}

// The first line of a text-format plan: the root node, which alone is not indented, e.g.
// "Limit  (cost=10867.22..10869.55 rows=20 width=287) (actual time=82.121..102.549 rows=20
// loops=1)", on one line.
bool is_root_node_line(std::string_view line) {
  if (line.empty() || line[0] < 'A' || line[0] > 'Z') return false;
  for (size_t at = line.find("  ("); at != npos; at = line.find("  (", at + 1)) {
    std::string_view rest = line.substr(at + 2);
    const bool costs = consume_costs(rest);
    if (costs && rest.empty()) return true;
    if (costs && !consume(rest, " ")) continue;
    if (consume_actuals(rest) && rest.empty()) return true;
  }
  return false;
}

void read_text(std::string_view body, AutoExplainRecord& record) {
  body.remove_prefix(kQueryText.size());
  size_t line_start = body.find('\n');
  while (line_start != npos) {
    ++line_start;
    const size_t line_end = body.find('\n', line_start);
    const size_t length = line_end == npos ? npos : line_end - line_start;
    const std::string_view line = body.substr(line_start, length);
    if (is_root_node_line(line)) {
      record.query_text = std::string(body.substr(0, line_start - 1));
      record.plan_text = std::string(body.substr(line_start));
      return;
    }
    line_start = line_end;
  }
  record.query_text = std::string(body);
  record.error = body.find("\nPlan:") != npos
                     ? "auto_explain plan in YAML format, which is not read" + kUseTextOrJson
                     : std::string("auto_explain plan has no plan tree after its Query Text");
}

void read_json(std::string_view body, AutoExplainRecord& record) {
  record.json = true;
  record.plan_text = std::string(body);
  nlohmann::json document;
  try {
    document = parse_json_visible(std::string(body));
  } catch (const nlohmann::json::exception& error) {
    record.error = std::string("auto_explain JSON plan does not parse: ") + error.what();
    return;
  }
  const auto query = document.is_object() ? document.find("Query Text") : document.end();
  if (query == document.end() || !query->is_string()) {
    record.error = "auto_explain JSON plan has no \"Query Text\"";
    return;
  }
  record.query_text = query->get<std::string>();
  try {
    record.plan = parse_explain_json(document);
  } catch (const std::exception& error) {
    record.error = std::string("auto_explain JSON plan cannot be read: ") + error.what();
  }
}

}  // namespace

std::optional<AutoExplainRecord> parse_auto_explain(const std::string& message) {
  const std::string_view text = message;
  const std::string_view header = text.substr(0, text.find('\n'));
  if (!starts_with(header, kDuration) || header.size() < kDuration.size() + kPlanHeader.size() ||
      header.substr(header.size() - kPlanHeader.size()) != kPlanHeader) {
    return std::nullopt;
  }
  AutoExplainRecord record;
  const char* first = header.data() + kDuration.size();
  const char* last = header.data() + header.size() - kPlanHeader.size();
  double duration = 0;
  const auto [end, status] = std::from_chars(first, last, duration);
  if (status != std::errc() || end != last) {
    record.error = "auto_explain duration is not a number: " + excerpt(std::string(header));
    return record;
  }
  record.duration_ms = duration;

  const std::string_view body = header.size() < text.size() ? text.substr(header.size() + 1) : "";
  if (starts_with(body, "{")) {
    read_json(body, record);
  } else if (starts_with(body, kQueryText)) {
    read_text(body, record);
  } else if (starts_with(body, "<explain")) {
    record.error = "auto_explain plan in XML format, which is not read" + kUseTextOrJson;
  } else {
    record.error = "auto_explain plan of unknown form: " + excerpt(std::string(body));
  }
  return record;
}

}  // namespace pgadvisor
