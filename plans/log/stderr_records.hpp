// StderrRecords: the first half of reading a PostgreSQL stderr log (plans/log/stderr_reader):
// its lines, one at a time, become records — each prefixed line with its tab-indented
// continuation lines is one LogMessage (session = pid) — handed to a StderrRecordSink when the
// next line starts (or at end()); lines that are neither become Diagnostics. What it hands over
// depends only on the lines given, so a log split at lines that start a record can be read by
// several StderrRecords at once (plans/log/parallel_stderr) and give the same records, in order,
// as one reading it whole. The StatementAssembler (plans/log/log_message) makes statements of
// the records.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "plans/diagnostic.hpp"
#include "plans/log/log_line_prefix.hpp"
#include "plans/log/log_message.hpp"

namespace pgadvisor {

class LogLinePrefixFormat;

struct StderrRecordSink {
  std::function<void(LogMessage&&)> on_record;
  std::function<void(Diagnostic&&)> on_diagnostic;
};

class LineReader;

class StderrRecords {
 public:
  // `prefix`: the compiled log_line_prefix, or null for the built-in recognition of the common
  // ones. `source` and `records` must outlive this.
  StderrRecords(const std::string& source, const StderrRecordSink& records, const LogLinePrefixFormat* prefix)
      : source_(source), records_(records), prefix_(prefix) {}

  // One line, without its '\n', and its number.
  void read_line(std::string_view line, int number);
  // A line over the limit (LineReader said so), of which only `head` is known: the record it
  // starts, or the one it continues, is left out.
  void skip_cut_line(std::string_view head);
  // The end of the lines: the last record is handed over.
  void end() { end_current_record(); }
  // Every line `lines` gives (a cut one skipped), then end().
  void read_all(LineReader& lines);
  // True when `line` starts a record that this reader reads (a prefixed line).
  bool starts_record(std::string_view line);

 private:
  static std::string statement_text(const LogMessage& message);
  bool parse_prefix(std::string_view line);
  void end_current_record();
  void diagnose(int number, std::string message, std::string statement = {});

  const std::string& source_;
  const StderrRecordSink& records_;
  const LogLinePrefixFormat* prefix_;
  std::optional<LogMessage> current_;  // the record whose continuation lines may follow
  LogLinePrefix parsed_;               // the prefix of the line being read
  bool skipping_ = false;              // continuation lines of a record left out follow
};

}  // namespace pgadvisor
