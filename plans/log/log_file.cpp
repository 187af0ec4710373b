#include "plans/log/log_file.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <streambuf>
#include <utility>
#include <vector>

#include "plans/fatal_error.hpp"
#include "plans/log/csvlog_reader.hpp"
#include "plans/log/django_json_reader.hpp"
#include "plans/log/django_reader.hpp"
#include "plans/log/input_stream.hpp"
#include "plans/log/jsonlog_reader.hpp"
#include "plans/log/log_head.hpp"
#include "plans/log/log_line_prefix_format.hpp"
#include "plans/log/parallel_stderr.hpp"
#include "plans/log/sql_file_reader.hpp"
#include "plans/log/stderr_reader.hpp"

namespace pgadvisor {
namespace {

// Gives `head` (the bytes already read to detect the format) and then the rest of `tail`, so that
// a stream that cannot seek back, like standard input, is still read from its first line.
class ReplayBuffer : public std::streambuf {
 public:
  ReplayBuffer(std::string head, std::streambuf* tail) : head_(std::move(head)), tail_(tail) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize count = tail_->sgetn(buffer_, sizeof buffer_);
    if (count <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + count);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  std::streambuf* tail_;
  char buffer_[1 << 16];
};

// Reading stopped on corrupt or unreadable input (a truncated .gz, an I/O error): the run ends.
// `source` is the stream open_log_input gave, `read` the one a reader read through (the same, or
// the replay of the detection lines over it).
void check_not_bad(const std::istream& read, const std::istream& source, const std::string& path) {
  std::string reason = input_error(source);
  if (reason.empty() && read.bad()) reason = input_error(read);
  if (!reason.empty()) throw FatalError(FatalKind::Input, "cannot read " + path + ": " + reason);
}

// How a stderr log that is a plain file is read (plans/log/parallel_stderr): by `jobs` threads,
// from `offset`.
struct ParallelRead {
  unsigned jobs = 1;
  std::int64_t piece_bytes = 0;
  std::int64_t offset = 0;
};

void dispatch(std::istream& in, const std::istream& source, const std::string& path,
              LogFormat format, const LogSink& sink, const LogLinePrefixFormat* prefix,
              const ParallelRead& parallel = {}) {
  const bool stderr_log = format == LogFormat::Stderr || format == LogFormat::Auto;
  if (stderr_log && is_plain_file(source)) {
    read_stderr_file_parallel(path, parallel.offset, path, sink, prefix, parallel.jobs, parallel.piece_bytes);
    return;
  }
  switch (format) {
    case LogFormat::Django: read_django_log(in, path, sink); break;
    case LogFormat::DjangoJson: read_django_json(in, path, sink); break;
    case LogFormat::Sql: read_sql_file(in, path, sink); break;
    case LogFormat::Csvlog: read_csvlog(in, path, sink); break;
    case LogFormat::Jsonlog: read_jsonlog(in, path, sink); break;
    case LogFormat::Auto:
    case LogFormat::Stderr:
      if (prefix)
        read_stderr_log(in, path, sink, *prefix);
      else
        read_stderr_log(in, path, sink);
      break;
  }
  check_not_bad(in, source, path);
}

// True for a file named as a .sql script, compressed or not.
bool is_sql_file_name(const std::string& path) {
  for (const char* ending : {".sql", ".sql.gz", ".sql.bz2", ".sql.xz"}) {
    std::string suffix = ending;
    if (path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) return true;
  }
  return false;
}

// The sink a reader of the log after its `skipped` leading empty lines hands to: line numbers
// are shifted back to the file's own.
LogSink shifted_sink(const LogSink& sink, std::int64_t skipped) {
  if (skipped == 0) return sink;
  const auto shift = [skipped](int line) {
    return line <= 0 ? line : static_cast<int>(std::min<std::int64_t>(line + skipped, INT_MAX));
  };
  return LogSink{[&sink, shift](Statement&& statement) {
                   statement.line = shift(statement.line);
                   sink.on_statement(std::move(statement));
                 },
                 [&sink, shift](Diagnostic&& diagnostic) {
                   diagnostic.line = shift(diagnostic.line);
                   sink.on_diagnostic(std::move(diagnostic));
                 }};
}

// Reads the start of the log (bounded, see LogHead), detects the format from it, then reads the
// whole log from the first line that is not empty.
LogFormat detect_and_read(std::istream& in, const std::string& path, const LogSink& sink,
                          std::optional<LogLinePrefixFormat> prefix, const LogReadOptions& options) {
  LogHead head = read_log_head(in);
  check_not_bad(in, in, path);
  if (head.lines.empty() && head.whole) return LogFormat::Auto;  // an empty log holds no statement in any format
  LogFormat format = detect_log_format(head.lines);
  if (format == LogFormat::Auto) {  // a stderr log with the given or a less common prefix?
    if (!prefix) prefix = detect_log_line_prefix(head.lines);
    if (prefix) format = LogFormat::Stderr;
  } else if (format == LogFormat::Stderr && !prefix) {
    // The built-in reader reads "time [pid] user@db "; a common prefix that says more and reads
    // as many lines ('%m [%p] %q%u@%d/%a ': the application too) is used instead.
    std::optional<LogLinePrefixFormat> detected = detect_log_line_prefix(head.lines);
    if (detected && detected->escape_count() > 4) prefix = std::move(detected);
  }
  if (format == LogFormat::Auto) {
    throw FatalError(FatalKind::Input, path + ": cannot tell the log format from its first lines "
                                              "(at most " + std::to_string(kDetectionMaxLines) +
                                              " lines or 1 MiB after the empty ones); pass "
                                              "--log-format stderr|csvlog|jsonlog|django|"
                                              "django-json|sql, or --log-line-prefix for a stderr "
                                              "log");
  }
  head.lines.clear();
  in.clear();
  ReplayBuffer replay(std::move(head.bytes), in.rdbuf());
  std::istream replayed(&replay);
  // A Django JSON dump numbers its entries, not its lines.
  const std::int64_t skipped = format == LogFormat::DjangoJson ? 0 : head.empty_lines;
  // A plain file read in parallel is read again from the file, after its leading empty lines.
  const ParallelRead parallel{options.jobs, options.piece_bytes, head.empty_lines};
  dispatch(replayed, in, path, format, shifted_sink(sink, skipped), prefix ? &*prefix : nullptr, parallel);
  return format;
}

}  // namespace

LogFormat read_log_file(const std::string& path, LogFormat format, const LogSink& sink,
                        const LogReadOptions& options) {
  std::optional<LogLinePrefixFormat> prefix;
  if (!options.log_line_prefix.empty()) prefix.emplace(options.log_line_prefix);  // throws on a bad one
  if (format == LogFormat::Auto && is_sql_file_name(path)) format = LogFormat::Sql;
  const std::unique_ptr<std::istream> in = open_log_input(path);
  if (format == LogFormat::Auto) return detect_and_read(*in, path, sink, std::move(prefix), options);
  dispatch(*in, *in, path, format, sink, prefix ? &*prefix : nullptr, ParallelRead{options.jobs, options.piece_bytes, 0});
  return format;
}

}  // namespace pgadvisor

namespace pgadvisor {

bool reads_in_parallel(const std::string& path, LogFormat format, const LogReadOptions& options) {
  if (options.jobs <= 1 || path == "-") return false;
  if (format == LogFormat::Auto && is_sql_file_name(path)) return false;
  if (format != LogFormat::Auto && format != LogFormat::Stderr) return false;
  try {
    const std::unique_ptr<std::istream> in = open_log_input(path);
    if (!is_plain_file(*in)) return false;
    if (format == LogFormat::Stderr) return true;
    const LogHead head = read_log_head(*in);
    const LogFormat detected = detect_log_format(head.lines);
    if (detected == LogFormat::Stderr) return true;
    return detected == LogFormat::Auto &&
           (!options.log_line_prefix.empty() || detect_log_line_prefix(head.lines).has_value());
  } catch (const FatalError&) {
    return false;  // the read itself says why
  }
}

}  // namespace pgadvisor
