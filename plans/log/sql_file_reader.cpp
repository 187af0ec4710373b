#include "plans/log/sql_file_reader.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "plans/log/text_scan.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

// True for `COPY ... FROM STDIN`, whose data rows follow the statement in the script.
bool is_copy_from_stdin(const ParsedSql& parsed) {
  const auto& statements = parsed.statements();
  if (statements.size() != 1 || !statements[0].contains("stmt")) return false;
  const auto& stmt = statements[0]["stmt"];
  if (!stmt.contains("CopyStmt")) return false;
  const auto& copy = stmt["CopyStmt"];
  return copy.value("is_from", false) && !copy.contains("filename");
}

class SqlFileReader {
 public:
  SqlFileReader(std::string text, const std::string& source, const LogSink& sink)
      : text_(std::move(text)), source_(source), sink_(sink) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  // Splits what is left from `pos` on, and where the parser fails, reads around the error and
  // splits again after it.
  void read() {
    size_t pos = 0;
    while (pos < text_.size()) {
      const std::string rest = text_.substr(pos);
      SqlSplitError error;
      const std::vector<SqlStatementSpan> spans = split_statements(rest, &error);
      if (error.message.empty() || error.offset == npos || error.offset >= rest.size()) {
        const size_t next = read_spans(pos, rest, spans);
        if (next == npos) return;
        pos = next;
      } else if (error.scanned) {
        pos = read_around_error(pos, rest, spans, error);
      } else {
        pos = read_before_error_line(pos, error);
      }
    }
  }

 private:
  // `rest` (text_ from `pos` on) split by the scanner: the statements before the one holding the
  // error are read. A psql meta-command at the error ends the statement before it (as \g or
  // \gset do) and runs to the end of its line; any other error makes its statement a
  // diagnostic. Returns where to go on.
  size_t read_around_error(size_t pos, const std::string& rest,
                           const std::vector<SqlStatementSpan>& spans, const SqlSplitError& error) {
    size_t j = 0;
    while (j < spans.size() && spans[j].offset + spans[j].length <= error.offset) ++j;
    const std::vector<SqlStatementSpan> before(spans.begin(), spans.begin() + j);
    const size_t next = read_spans(pos, rest, before);
    if (next != npos) return next;  // a COPY's data: split again after it
    const size_t start = j < spans.size() ? std::min(spans[j].offset, error.offset) : error.offset;
    if (rest[error.offset] == '\\') {
      const size_t query_end = rest.find_last_not_of(" \t\r\n", error.offset - (error.offset > 0));
      if (error.offset > start && query_end != npos && query_end >= start) {
        read_spans(pos, rest, {SqlStatementSpan{start, query_end + 1 - start}});
      }
      const size_t line_end = std::min(rest.size(), rest.find('\n', error.offset));
      diagnose(pos + error.offset, "psql meta-command, not SQL",
               rest.substr(error.offset, line_end - error.offset));
      return pos + line_end + 1;
    }
    if (j == spans.size()) {
      diagnose(pos + start, "does not parse: " + error.message, rest.substr(start));
      return text_.size();
    }
    // A meta-command line after the error (\gset after a query using :variables) ends the
    // statement for psql: what follows it is read again.
    size_t end = spans[j].offset + spans[j].length;
    const size_t meta = rest.find("\n\\", error.offset);
    if (meta != npos && meta < end) end = std::min(rest.size(), rest.find('\n', meta + 1));
    diagnose(pos + spans[j].offset, "does not parse: " + error.message,
             rest.substr(spans[j].offset, end - spans[j].offset));
    return pos + end;
  }

  // The scanner failed too (e.g. on COPY data such as "0001_initial"): the statements before the
  // line of the error are read, split on their own; then, when the error is on the first line,
  // that line is reported. Returns where to go on.
  size_t read_before_error_line(size_t pos, const SqlSplitError& error) {
    const size_t cut = std::max(pos, line_starts_[line_of(pos + error.offset) - 1]);
    if (cut > pos) {
      const std::string before = text_.substr(pos, cut - pos);
      const size_t next = read_spans(pos, before, split_statements(before));
      return next == npos ? cut : next;
    }
    const size_t line_end = std::min(text_.size(), text_.find('\n', pos));
    const std::string line = text_.substr(pos, line_end - pos);
    if (line.find_first_not_of(" \t\r") != npos) {
      diagnose(pos, starts_with(line, "\\") ? "psql meta-command, not SQL"
                                            : "does not parse: " + error.message,
               line);
    }
    return line_end + 1;
  }

  // Reads the spans of `part` (text_ from `base` on); returns where to go on when a COPY's data
  // was skipped, npos when all spans were read.
  size_t read_spans(size_t base, const std::string& part,
                    const std::vector<SqlStatementSpan>& spans) {
    for (const SqlStatementSpan& span : spans) {
      const size_t at = base + span.offset;
      std::string sql = part.substr(span.offset, span.length);
      const ParsedSql parsed = parse_sql(sql);
      if (!parsed.ok()) {
        diagnose(at, "does not parse: " + parsed.error, std::move(sql));
        continue;
      }
      const bool copy = is_copy_from_stdin(parsed);
      Statement statement;
      statement.sql = std::move(sql);
      statement.source = source_;
      statement.line = static_cast<int>(line_of(at));
      sink_.on_statement(std::move(statement));
      if (copy) return skip_copy_data(at + span.length);
    }
    return npos;
  }

  // The data starts on the line after the statement and ends with a line "\.".
  size_t skip_copy_data(size_t statement_end) {
    size_t line = line_of(statement_end) + 1;
    for (; line <= line_starts_.size(); ++line) {
      const size_t start = line_starts_[line - 1];
      if (text_.compare(start, 2, "\\.") == 0 &&
          (start + 2 == text_.size() || text_[start + 2] == '\n' || text_[start + 2] == '\r')) {
        return line < line_starts_.size() ? line_starts_[line] : text_.size();
      }
    }
    diagnose(statement_end, "COPY FROM stdin data without its \\. line: the rest is data");
    return text_.size();
  }

  size_t line_of(size_t offset) const {
    return static_cast<size_t>(
        std::distance(line_starts_.begin(),
                      std::upper_bound(line_starts_.begin(), line_starts_.end(), offset)));
  }

  void diagnose(size_t offset, std::string message, std::string statement = {}) {
    sink_.on_diagnostic(Diagnostic{source_, static_cast<int>(line_of(offset)), std::move(message),
                                   std::move(statement)});
  }

  const std::string text_;
  const std::string& source_;
  const LogSink& sink_;
  std::vector<size_t> line_starts_;  // byte offset of each line's start; [0] is line 1
};

}  // namespace

void read_sql_file(std::istream& in, const std::string& source, const LogSink& sink) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  SqlFileReader(std::move(text), source, sink).read();
}

}  // namespace pgadvisor
