#include "plans/log/jsonlog_reader.hpp"

#include "plans/json_text.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>

#include "plans/log/line_reader.hpp"
#include "plans/log/log_message.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;

// The key names of one of the two record forms.
struct Keys {
  const char* timestamp;
  const char* user;
  const char* database;
  const char* pid;
};

const Keys kJsonlog{"timestamp", "user", "dbname", "pid"};
const Keys kCloudNativePg{"log_time", "user_name", "database_name", "process_id"};

// A field as text: strings as they are, numbers as written; empty when missing or null.
std::string text(const json& record, const char* key) {
  const auto found = record.find(key);
  if (found == record.end() || found->is_null()) return {};
  if (found->is_string()) return found->get<std::string>();
  return found->dump();
}

// The PostgreSQL record a line holds, and which keys it uses; nullopt for a JSON line that is
// no PostgreSQL record (CloudNativePG's own messages).
std::optional<std::pair<const json*, const Keys*>> postgres_record(const json& line) {
  if (line.contains("error_severity")) return std::make_pair(&line, &kJsonlog);
  const auto record = line.find("record");
  if (record != line.end() && record->is_object() && record->contains("error_severity")) {
    return std::make_pair(&*record, &kCloudNativePg);
  }
  return std::nullopt;
}

json parse_object(const std::string& line) {
  try {
    json parsed = parse_json_visible(line);  // a SQL_ASCII server logs Latin-1 bytes as they are
    return parsed.is_object() ? parsed : json(json::value_t::discarded);
  } catch (const json::exception&) {  // not JSON, or a number out of range
    return json(json::value_t::discarded);
  }
}

}  // namespace

bool is_jsonlog_line(const std::string& line) {
  if (!starts_with(line, "{")) return false;
  const json parsed = parse_object(line);
  return !parsed.is_discarded() && (parsed.contains("error_severity") ||
                                    (parsed.contains("logger") && parsed.contains("msg")));
}

void read_jsonlog(std::istream& in, const std::string& source, const LogSink& sink) {
  StatementAssembler assembler(source, sink);
  LineReader lines(in, source, sink);
  std::string line;
  while (lines.next(line)) {
    if (lines.cut()) continue;  // a record over the limit, left out
    const int number = lines.number();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == npos) continue;
    const json parsed = parse_object(line);
    if (parsed.is_discarded()) {
      sink.on_diagnostic(Diagnostic{source, number, "not a JSON log record: " + excerpt(line), {}});
      continue;
    }
    const auto record = postgres_record(parsed);
    if (!record) continue;
    const json& fields = *record->first;
    const Keys& keys = *record->second;
    std::string session = text(fields, "session_id");
    if (session.empty()) session = text(fields, keys.pid);
    assembler.add(LogMessage{std::move(session), text(fields, keys.timestamp),
                             text(fields, keys.user), text(fields, keys.database),
                             text(fields, "application_name"), text(fields, "error_severity"),
                             text(fields, "message"), text(fields, "detail"), number});
  }
  assembler.finish();
}

}  // namespace pgadvisor
