#include "plans/log/csvlog_reader.hpp"

#include <csv.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "plans/log/line_reader.hpp"
#include "plans/log/log_message.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

// Columns of a csvlog record (PostgreSQL 15 numbering; the first 23 exist since 9.0).
enum Column : size_t {
  kLogTime = 0,
  kUserName = 1,
  kDatabaseName = 2,
  kSessionId = 5,
  kErrorSeverity = 11,
  kMessage = 13,
  kDetail = 14,
  kApplicationName = 22,
  kMinimumColumns = 23,
};

// Feeds libcsv one line at a time, so that each record knows the line it starts on.
class CsvlogReader {
 public:
  CsvlogReader(const std::string& source, const LogSink& sink)
      : source_(source), sink_(sink), assembler_(source, sink) {
    init();
  }
  ~CsvlogReader() { csv_free(&parser_); }
  CsvlogReader(const CsvlogReader&) = delete;
  CsvlogReader& operator=(const CsvlogReader&) = delete;

  void read_line(std::string& line, int number) {
    if (skipping_) {  // the rest of a record over the limit, up to its end
      if (quote_count(line) % 2 != 0) in_quote_ = !in_quote_;
      if (!in_quote_) {
        skipping_ = false;
        record_line_ = number + 1;
      }
      return;
    }
    if (line.empty() && record_line_ == number) {  // a blank line between records
      record_line_ = number + 1;
      return;
    }
    if (quote_count(line) % 2 != 0) in_quote_ = !in_quote_;
    if (record_bytes_ + line.size() > kMaxRecordBytes) {
      diagnose(record_line_, "csvlog record longer than " + std::to_string(kMaxRecordBytes >> 20) +
                                 " MiB (the limit on a record): left out");
      const bool quoted = in_quote_;
      drop_record(number);
      skipping_ = in_quote_ = quoted;  // a quoted field goes on: its lines are skipped
      return;
    }
    record_bytes_ += line.size() + 1;
    line.push_back('\n');
    line_ = number;
    if (csv_parse(&parser_, line.data(), line.size(), on_field, on_record, this) != line.size()) {
      std::string lines = record_line_ < number ? " (lines " + std::to_string(record_line_) + "-" +
                                                      std::to_string(number) + " skipped)"
                                                : std::string();
      diagnose(number,
               std::string("not a csvlog record: ") + csv_strerror(csv_error(&parser_)) + lines);
      drop_record(number);
    }
  }

  // A line over the limit (LineReader said so): the record it belongs to is left out, and
  // reading starts again at the next line.
  void skip_cut_line(int number) { drop_record(number); }

  void finish() {
    csv_fini(&parser_, on_field, on_record, this);
    if (csv_error(&parser_) != CSV_SUCCESS || !fields_.empty()) {
      diagnose(record_line_, "the last csvlog record is cut short (a quoted field never ends)");
      fields_.clear();
    }
    assembler_.finish();
  }

 private:
  // Forgets the record being read; the next one starts after line `number`.
  void drop_record(int number) {
    csv_free(&parser_);
    init();
    fields_.clear();
    record_line_ = number + 1;
    record_bytes_ = 0;
    in_quote_ = false;
  }

  static size_t quote_count(const std::string& line) {
    return static_cast<size_t>(std::count(line.begin(), line.end(), '"'));
  }

  void init() {
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
    // PostgreSQL never pads fields: keep spaces and tabs as they are.
    csv_set_space_func(&parser_, [](unsigned char) { return 0; });
  }

  static void on_field(void* data, size_t size, void* self) {
    static_cast<CsvlogReader*>(self)->fields_.emplace_back(static_cast<const char*>(data), size);
  }

  static void on_record(int, void* self) { static_cast<CsvlogReader*>(self)->end_record(); }

  void end_record() {
    std::vector<std::string> fields = std::move(fields_);
    fields_.clear();
    const int line = record_line_;
    record_line_ = line_ + 1;
    record_bytes_ = 0;
    in_quote_ = false;
    if (fields.size() < kMinimumColumns) {
      diagnose(line, "not a csvlog record (" + std::to_string(fields.size()) +
                         " fields, at least 23 expected): " +
                         excerpt(fields.empty() ? std::string() : fields[0]));
      return;
    }
    assembler_.add(LogMessage{std::move(fields[kSessionId]), std::move(fields[kLogTime]),
                              std::move(fields[kUserName]), std::move(fields[kDatabaseName]),
                              std::move(fields[kApplicationName]),
                              std::move(fields[kErrorSeverity]), std::move(fields[kMessage]),
                              std::move(fields[kDetail]), line});
  }

  void diagnose(int line, std::string message) {
    sink_.on_diagnostic(Diagnostic{source_, line, std::move(message), {}});
  }

  const std::string& source_;
  const LogSink& sink_;
  StatementAssembler assembler_;
  csv_parser parser_{};
  std::vector<std::string> fields_;  // of the record being read
  int record_line_ = 1;              // where the record being read started
  int line_ = 0;
  size_t record_bytes_ = 0;          // of the record being read, so far
  bool in_quote_ = false;            // the lines so far end inside a quoted field
  bool skipping_ = false;            // in the rest of a record left out
};

bool is_digits(const std::string& text, size_t at, size_t count) {
  if (text.size() < at + count) return false;
  for (size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return false;
  }
  return true;
}

}  // namespace

bool is_csvlog_line(const std::string& line) {
  // "YYYY-MM-DD HH:MM:SS[.fff] ZONE," : the zone is one word, then the user name's field.
  // PostgreSQL writes the time bare; some exports quote it ("...",), which CSV allows.
  const size_t at = !line.empty() && line[0] == '"' ? 1 : 0;
  if (!is_digits(line, at, 4) || line[at + 4] != '-' || !is_digits(line, at + 5, 2) ||
      line[at + 7] != '-' || !is_digits(line, at + 8, 2) || line[at + 10] != ' ' ||
      !is_digits(line, at + 11, 2) || line[at + 13] != ':') {
    return false;
  }
  const size_t zone = line.find(' ', at + 11);
  if (zone == npos) return false;
  const size_t end = line.find_first_of(" ,\"", zone + 1);
  if (end == npos) return false;
  return at == 0 ? line[end] == ',' : line.compare(end, 2, "\",") == 0;
}

void read_csvlog(std::istream& in, const std::string& source, const LogSink& sink) {
  CsvlogReader reader(source, sink);
  LineReader lines(in, source, sink);
  std::string line;
  while (lines.next(line)) {
    if (lines.cut()) {
      reader.skip_cut_line(lines.number());
    } else {
      reader.read_line(line, lines.number());
    }
  }
  reader.finish();
}

}  // namespace pgadvisor
