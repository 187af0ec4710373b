#include "plans/log/stderr_reader.hpp"

#include <utility>

#include "plans/log/line_reader.hpp"
#include "plans/log/log_line_prefix.hpp"
#include "plans/log/log_line_prefix_format.hpp"
#include "plans/log/log_message.hpp"
#include "plans/log/stderr_records.hpp"

namespace pgadvisor {
namespace {

// The lines become records (StderrRecords), the records statements (StatementAssembler).
void read_lines(std::istream& in, const std::string& source, const LogSink& sink,
                const LogLinePrefixFormat* prefix) {
  StatementAssembler assembler(source, sink);
  const StderrRecordSink records{[&](LogMessage&& message) { assembler.add(std::move(message)); },
                                 [&](Diagnostic&& diagnostic) { sink.on_diagnostic(std::move(diagnostic)); }};
  StderrRecords reader(source, records, prefix);
  LineReader lines(in, source, sink);
  reader.read_all(lines);
  assembler.finish();
}

}  // namespace

bool is_stderr_log_line(const std::string& line) {
  return parse_log_line_prefix(line).has_value();
}

void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink) {
  read_lines(in, source, sink, nullptr);
}

void read_stderr_log(std::istream& in, const std::string& source, const LogSink& sink,
                     const LogLinePrefixFormat& prefix) {
  read_lines(in, source, sink, &prefix);
}

}  // namespace pgadvisor
