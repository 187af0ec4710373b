#include "plans/log/django_reader.hpp"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plans/log/django_args.hpp"
#include "plans/log/line_reader.hpp"
#include "plans/log/python_repr.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

// "(0.002) " at the start of a line: sets the duration in seconds and where the SQL starts.
bool read_record_start(const std::string& line, double& seconds, size_t& sql_start) {
  if (line.empty() || line[0] != '(') return false;
  size_t pos = 1;
  while (pos < line.size() && is_digit(line[pos])) ++pos;
  if (pos == 1 || pos >= line.size() || line[pos] != '.') return false;
  const size_t fraction = ++pos;
  while (pos < line.size() && is_digit(line[pos])) ++pos;
  if (pos == fraction || line.compare(pos, 2, ") ") != 0) return false;
  std::from_chars(line.data() + 1, line.data() + pos, seconds);
  sql_start = pos + 2;
  return true;
}

class DjangoReader {
 public:
  DjangoReader(const std::string& source, const LogSink& sink) : source_(source), sink_(sink) {}

  void read_line(std::string line, int number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    double seconds = 0;
    size_t sql_start = 0;
    if (read_record_start(line, seconds, sql_start)) {
      flush();
      skipping_ = false;
      lines_.assign(1, line.substr(sql_start));
      record_bytes_ = line.size();
      first_line_ = number;
      duration_ms_ = seconds * 1000;
    } else if (skipping_) {
      return;  // the rest of a record left out
    } else if (!lines_.empty() && record_bytes_ + line.size() > kMaxRecordBytes) {
      diagnose(first_line_, "Django SQL record longer than " +
                                std::to_string(kMaxRecordBytes >> 20) +
                                " MiB (the limit on a record): left out");
      lines_.clear();
      skipping_ = true;
    } else if (!lines_.empty()) {
      record_bytes_ += line.size() + 1;
      lines_.push_back(std::move(line));
    } else if (!line.empty()) {
      diagnose(number, "not a Django SQL log record: " + excerpt(line));
    }
  }

  // A line over the limit (LineReader said so), of which only `head` is known: the record it
  // starts, or the one it continues, is left out, and so are the lines after it up to the next
  // record.
  void skip_cut_line(const std::string& head) {
    if (is_django_record_line(head)) flush();
    lines_.clear();
    skipping_ = true;
  }

  void finish() { flush(); }

 private:
  // Cuts "; args=..." (and "; alias=...") off the record and hands over its SQL. Python prints
  // the args on one line (newlines in strings are escaped), so the last line holding "; args="
  // ends the record and any non-empty line after it came from somewhere else.
  void flush() {
    if (lines_.empty()) return;
    std::vector<std::string> lines = std::move(lines_);
    lines_.clear();
    size_t args_line = lines.size();
    size_t cut = npos;
    while (cut == npos && args_line > 0) cut = find_django_args(lines[--args_line]);
    if (cut == npos) {
      diagnose(first_line_, "Django SQL record without \"; args=\"", join(lines, lines.size()));
      return;
    }
    for (size_t i = args_line + 1; i < lines.size(); ++i) {
      if (!lines[i].empty()) {
        diagnose(first_line_ + static_cast<int>(i),
                 "not part of a Django SQL record: " + excerpt(lines[i]));
      }
    }
    const std::string args(
        without_django_alias(std::string_view(lines[args_line]).substr(cut + 7)));
    lines[args_line].resize(cut);
    Statement statement;
    statement.sql = join(lines, args_line + 1);
    statement.duration_ms = duration_ms_;
    statement.source = source_;
    statement.line = first_line_;
    if (!read_executemany(statement, args)) sink_.on_statement(std::move(statement));
  }

  // A record of CursorDebugWrapper.executemany: the SQL as given, with %s placeholders, and
  // args the list of rows. One Statement per row, with $n placeholders and the row's values as
  // parameters, each taking an equal share of the logged time; or one Diagnostic for the record
  // when a value cannot be passed as text (a date, bytes, a list, ...). False when the record is
  // not an executemany (an execute's SQL comes already interpolated, its args are not rows of
  // as many values as the SQL has %s).
  bool read_executemany(const Statement& record, const std::string& args) {
    if (record.sql.find("%s") == npos) return false;
    const std::optional<PythonValue> rows = parse_python_repr(args);
    if (!rows || rows->kind != PythonKind::Sequence || rows->items.empty()) return false;
    const auto numbered = numbered_placeholders(record.sql);
    for (const PythonValue& row : rows->items) {
      if (row.kind != PythonKind::Sequence || (numbered && row.items.size() != numbered->second)) {
        return false;
      }
    }
    if (!numbered) {
      diagnose(first_line_, "executemany record with placeholders other than %s", record.sql);
      return true;
    }
    std::vector<std::vector<StatementParam>> params;
    for (const PythonValue& row : rows->items) {
      params.emplace_back();
      for (const PythonValue& value : row.items) {
        std::optional<StatementParam> param = python_value_as_param(value);
        if (!param) {
          diagnose(first_line_, "executemany row " + std::to_string(params.size()) +
                                    ": cannot pass " +
                                    (value.text.empty() ? "a tuple or list" : excerpt(value.text)) +
                                    " as a parameter",
                   record.sql);
          return true;
        }
        params.back().push_back(std::move(*param));
      }
    }
    for (std::vector<StatementParam>& row : params) {
      Statement statement = record;
      statement.sql = numbered->first;
      statement.params = std::move(row);
      statement.duration_ms = record.duration_ms / static_cast<double>(params.size());
      sink_.on_statement(std::move(statement));
    }
    return true;
  }

  static std::string join(const std::vector<std::string>& lines, size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) out.append(i == 0 ? "" : "\n").append(lines[i]);
    return out;
  }

  void diagnose(int number, std::string message, std::string statement = {}) {
    sink_.on_diagnostic(Diagnostic{source_, number, std::move(message), std::move(statement)});
  }

  const std::string& source_;
  const LogSink& sink_;
  std::vector<std::string> lines_;  // the record being read: SQL from its first line on
  size_t record_bytes_ = 0;         // of the record being read
  bool skipping_ = false;           // lines of a record left out follow
  int first_line_ = 0;
  double duration_ms_ = -1;
};

}  // namespace

std::optional<std::pair<std::string, size_t>> numbered_placeholders(const std::string& sql) {
  std::string out;
  size_t count = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] != '%') {
      out += sql[i];
    } else if (i + 1 < sql.size() && sql[i + 1] == '%') {
      out += '%';
      ++i;
    } else if (i + 1 < sql.size() && sql[i + 1] == 's') {
      out += '$' + std::to_string(++count);
      ++i;
    } else {
      return std::nullopt;
    }
  }
  return std::make_pair(out, count);
}

bool is_django_record_line(const std::string& line) {
  double seconds = 0;
  size_t sql_start = 0;
  return read_record_start(line, seconds, sql_start);
}

void read_django_log(std::istream& in, const std::string& source, const LogSink& sink) {
  DjangoReader reader(source, sink);
  LineReader lines(in, source, sink);
  std::string line;
  while (lines.next(line)) {
    if (lines.cut()) {
      reader.skip_cut_line(line);
    } else {
      reader.read_line(std::move(line), lines.number());
    }
  }
  reader.finish();
}

}  // namespace pgadvisor
