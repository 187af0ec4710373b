#include "plans/log/django_json_reader.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "plans/log/django_reader.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

using Json = nlohmann::json;

// "<n> times: " at the start of an executemany entry's SQL: n and where the SQL starts.
std::optional<std::pair<long, size_t>> read_times(const std::string& sql) {
  size_t pos = 0;
  while (pos < sql.size() && is_digit(sql[pos])) ++pos;
  const bool unknown = pos == 0 && starts_with(sql, "?");  // len(params) failed: a generator
  if (unknown) pos = 1;
  if (pos == 0 || sql.compare(pos, 8, " times: ") != 0) return std::nullopt;
  long times = 1;
  if (!unknown) std::from_chars(sql.data(), sql.data() + pos, times);
  return std::make_pair(times, pos + 8);
}

class QueriesHandler : public nlohmann::json_sax<Json> {
 public:
  QueriesHandler(const std::string& source, const LogSink& sink) : source_(source), sink_(sink) {}

  bool null() override { return scalar(nullptr); }
  bool boolean(bool) override { return scalar(nullptr); }
  bool number_integer(number_integer_t value) override {
    const std::string text = std::to_string(value);
    return scalar(&text);
  }
  bool number_unsigned(number_unsigned_t value) override {
    const std::string text = std::to_string(value);
    return scalar(&text);
  }
  bool number_float(number_float_t, const string_t& text) override { return scalar(&text); }
  bool string(string_t& text) override { return scalar(&text, true); }
  bool binary(binary_t&) override { return scalar(nullptr); }

  bool start_object(std::size_t) override {
    if (depth_ == 0) return not_an_array();
    if (depth_++ == 1) {
      ++index_;
      sql_.reset();
      time_.clear();
    }
    return true;
  }
  bool key(string_t& name) override {
    key_ = name;
    return true;
  }
  bool end_object() override {
    if (--depth_ == 1) finish_entry();
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_++ == 1) {
      ++index_;
      bad_entry();
    }
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    diagnose("JSON that does not parse at byte " + std::to_string(position) + ": " + error.what());
    return false;
  }

 private:
  bool scalar(const std::string* text, bool is_string = false) {
    if (depth_ == 0) return not_an_array();
    if (depth_ == 1) {
      ++index_;
      bad_entry();
    } else if (depth_ == 2 && key_ == "sql" && is_string) {
      sql_ = *text;
    } else if (depth_ == 2 && key_ == "time" && text != nullptr) {
      time_ = *text;
    }
    return true;
  }

  void finish_entry() {
    if (!sql_) {
      bad_entry();
      return;
    }
    Statement statement;
    statement.duration_ms = -1;
    double seconds = 0;
    const auto [end, error] = std::from_chars(time_.data(), time_.data() + time_.size(), seconds);
    if (!time_.empty() && error == std::errc() && end == time_.data() + time_.size()) {
      statement.duration_ms = seconds * 1000;
    }
    statement.source = source_;
    statement.line = index_;
    const auto times = read_times(*sql_);
    if (!times) {
      statement.sql = std::move(*sql_);
      sink_.on_statement(std::move(statement));
      return;
    }
    const auto numbered = numbered_placeholders(sql_->substr(times->second));
    // Django writes "N times: SQL" for executemany; a count beyond any batch a Django process
    // sends is damage (found by fuzzing: a 16-digit count made the reader loop for ages).
    constexpr long kMaxTimes = 1000000;
    if (!numbered || times->first < 1 || times->first > kMaxTimes) {
      diagnose("executemany entry whose SQL or count (at most 1000000) cannot be read", *sql_);
      return;
    }
    statement.sql = numbered->first;
    if (statement.duration_ms >= 0) statement.duration_ms /= static_cast<double>(times->first);
    for (long i = 0; i < times->first; ++i) sink_.on_statement(Statement(statement));
  }

  void bad_entry() { diagnose("Django queries entry that is not an object with a string \"sql\""); }

  bool not_an_array() {
    diagnose("not a Django connection.queries dump: the JSON is not an array");
    return false;
  }

  void diagnose(std::string message, std::string statement = {}) {
    sink_.on_diagnostic(Diagnostic{source_, index_, std::move(message), std::move(statement)});
  }

  const std::string& source_;
  const LogSink& sink_;
  int depth_ = 0;
  int index_ = 0;  // 1-based index of the current entry
  std::string key_;
  std::optional<std::string> sql_;
  std::string time_;
};

}  // namespace

void read_django_json(std::istream& in, const std::string& source, const LogSink& sink) {
  QueriesHandler handler(source, sink);
  Json::sax_parse(in, &handler);
}

}  // namespace pgadvisor
