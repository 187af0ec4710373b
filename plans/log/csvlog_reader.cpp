#include "plans/log/csvlog_reader.hpp"

#include <csv.h>

#include <utility>
#include <vector>

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
    if (line.empty() && record_line_ == number) {  // a blank line between records
      record_line_ = number + 1;
      return;
    }
    line.push_back('\n');
    line_ = number;
    if (csv_parse(&parser_, line.data(), line.size(), on_field, on_record, this) != line.size()) {
      std::string lines = record_line_ < number ? " (lines " + std::to_string(record_line_) + "-" +
                                                      std::to_string(number) + " skipped)"
                                                : std::string();
      diagnose(number,
               std::string("not a csvlog record: ") + csv_strerror(csv_error(&parser_)) + lines);
      csv_free(&parser_);
      init();
      fields_.clear();
      record_line_ = number + 1;
    }
  }

  void finish() {
    csv_fini(&parser_, on_field, on_record, this);
    if (csv_error(&parser_) != CSV_SUCCESS || !fields_.empty()) {
      diagnose(record_line_, "the last csvlog record is cut short (a quoted field never ends)");
      fields_.clear();
    }
    assembler_.finish();
  }

 private:
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
  if (!is_digits(line, 0, 4) || line[4] != '-' || !is_digits(line, 5, 2) || line[7] != '-' ||
      !is_digits(line, 8, 2) || line[10] != ' ' || !is_digits(line, 11, 2) || line[13] != ':') {
    return false;
  }
  const size_t zone = line.find(' ', 11);
  if (zone == npos) return false;
  const size_t comma = line.find_first_of(" ,", zone + 1);
  return comma != npos && line[comma] == ',';
}

void read_csvlog(std::istream& in, const std::string& source, const LogSink& sink) {
  CsvlogReader reader(source, sink);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) reader.read_line(line, ++number);
  reader.finish();
}

}  // namespace pgadvisor
