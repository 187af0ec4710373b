#include "plans/log/sql_file_reader.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "plans/log/sql_script_text.hpp"
#include "plans/log/text_scan.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

using Spans = std::vector<SqlStatementSpan>;

// The first window read at a place; it doubles while what is read there could depend on the text
// after it, and the next place starts with about twice what the last one took. libpg_query takes
// up to about 100 bytes of memory per byte it parses: windows stay small, and a statement (or a
// quote or comment that never ends) longer than kMaxStatementBytes is left out.
constexpr size_t kFirstWindow = 4 * 1024;
constexpr size_t kLargestFirstWindow = 256 * 1024;
constexpr size_t kMaxStatementBytes = size_t{1} << 20;

// True for `COPY ... FROM STDIN`, whose data rows follow the statement in the script.
bool is_copy_from_stdin(const ParsedSql& parsed) {
  const auto& statements = parsed.statements();
  if (statements.size() != 1 || !statements[0].contains("stmt")) return false;
  const auto& stmt = statements[0]["stmt"];
  if (!stmt.contains("CopyStmt")) return false;
  const auto& copy = stmt["CopyStmt"];
  return copy.value("is_from", false) && !copy.contains("filename");
}

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t\r\n\f\v") == npos; }

size_t span_end(const SqlStatementSpan& span) { return span.offset + span.length; }

// Where the ';' ending the last span of `text` (split into `spans`) ends; npos when the last
// statement is not ended.
size_t after_last_semicolon(const std::string& text, const Spans& spans) {
  const size_t from = spans.empty() ? 0 : span_end(spans.back());
  for (const SqlToken& token : scan_sql(text.substr(from))) {
    if (token.symbol == ';') return from + token.end;
  }
  return npos;
}

class SqlFileReader {
 public:
  SqlFileReader(std::istream& in, const std::string& source, const LogSink& sink,
                size_t first_window)
      : text_(in, source, sink),
        source_(source),
        sink_(sink),
        smallest_window_(std::max<size_t>(first_window, 1)),
        first_window_(smallest_window_) {}

  void read() {
    size_t pos = 0;
    for (;;) {
      text_.let_go_before(pos);
      if (text_.load_to(pos + 1) <= pos) {
        text_.report_up_to(npos);
        return;
      }
      pos = read_at(pos);
    }
  }

 private:
  // Reads what starts at `pos` through a window of the text that doubles until what is read
  // cannot depend on the text after the window. Each window costs time in proportion to its
  // size, so the whole script is read in time linear in its length. Returns where to go on.
  size_t read_at(size_t pos) {
    for (size_t window = std::min(first_window_, kMaxStatementBytes);; window *= 2) {
      window = std::min(window, kMaxStatementBytes);
      const size_t end = std::min(text_.load_to(pos + window), pos + window);
      const bool cut = !text_.complete() || end < text_.end();
      const std::optional<size_t> next = read_piece(pos, text_.copy(pos, end), cut);
      if (next && *next > pos) {
        first_window_ = std::clamp(2 * (*next - pos), smallest_window_,
                                   std::max(smallest_window_, kLargestFirstWindow));
        return *next;
      }
      if (window == kMaxStatementBytes) return skip_overlong(pos);
    }
  }

  // Reads `piece` (the text from `pos` on, cut short of the script's end when `cut`): its
  // statements, the one holding a parse error as a diagnostic. Returns where to go on, or nullopt
  // when nothing can be read before knowing the text after the piece. What is read from a cut
  // piece is what the whole script would give: the statements before the last one (all end
  // with a ';' in the piece), an error with the statement it ends in the piece.
  std::optional<size_t> read_piece(size_t pos, const std::string& piece, bool cut) {
    SqlSplitError error;
    const Spans spans = split_statements(piece, &error);
    const bool at_error = !error.message.empty() && error.offset < piece.size();
    if (!at_error) {
      if (!cut) return read_to_end(pos, piece, spans);
      if (!error.scanned) return std::nullopt;
      if (spans.empty()) {
        if (!piece.empty() && is_blank(piece)) return pos + piece.size();
        return std::nullopt;
      }
      const size_t ended = after_last_semicolon(piece, spans);
      if (ended != npos) return read_to_end(pos, piece.substr(0, ended), spans);
      return read_before(pos, piece, spans.back().offset);  // the last one may go on
    }
    if (error.scanned) return read_around_error(pos, piece, spans, error, cut);
    if (error.scan_offset >= piece.size()) {
      return cut ? std::nullopt : std::optional(read_before_error_line(pos, piece, error));
    }
    return read_before_unreadable(pos, piece, error, cut);
  }

  size_t read_to_end(size_t pos, const std::string& piece, const Spans& spans) {
    const size_t next = read_spans(pos, piece, spans);
    return next == npos ? pos + piece.size() : next;
  }

  // Reads the statements of piece[0, end), a place between two statements, split on their own;
  // returns where to go on (`end`, or after a COPY's data), nullopt when `end` is 0.
  std::optional<size_t> read_before(size_t pos, const std::string& piece, size_t end) {
    if (end == 0) return std::nullopt;
    const size_t next = read_prefix(pos, piece, end);
    return next == npos ? pos + end : next;
  }

  // The same, returning npos when all were read, else where to go on after a COPY's data.
  size_t read_prefix(size_t pos, const std::string& piece, size_t end) {
    if (end == 0) return npos;
    const std::string before = piece.substr(0, end);
    return read_spans(pos, before, split_statements(before));
  }

  // The parser failed at error.offset, the scanner split `piece`: the statements before the one
  // holding the error (or ended by the ';' the error is at) are read. A psql meta-command at the
  // error ends the statement before it (as \g or \gset do) and runs to the end of its line; any
  // other error makes its statement a diagnostic.
  std::optional<size_t> read_around_error(size_t pos, const std::string& piece, const Spans& spans,
                                          const SqlSplitError& error, bool cut) {
    const size_t at = error.offset;
    size_t j = 0;
    while (j < spans.size() && spans[j].offset <= at) ++j;
    if (j == 0) {  // no statement starts before the error
      if (cut) return std::nullopt;
      diagnose_text(pos, piece, at, piece.size(), "does not parse: " + error.message);
      return pos + piece.size();
    }
    const SqlStatementSpan& holding = spans[--j];
    if (piece[at] == '\\') {
      size_t line_end = piece.find('\n', at);
      if (line_end == npos && cut) return read_before(pos, piece, holding.offset);
      line_end = std::min(line_end, piece.size());
      const size_t next = read_prefix(pos, piece, holding.offset);
      if (next != npos) return next;  // a COPY's data: split again after it
      const size_t query_end = piece.find_last_not_of(" \t\r\n", at - (at > 0));
      if (at > holding.offset && query_end != npos && query_end >= holding.offset) {
        read_spans(pos, piece, {SqlStatementSpan{holding.offset, query_end + 1 - holding.offset}});
      }
      diagnose_text(pos, piece, at, line_end, "psql meta-command, not SQL");
      return pos + line_end + 1;
    }
    // A meta-command line after the error (\gset after a query using :variables) ends the
    // statement for psql: what follows it is read again.
    size_t end = span_end(holding);
    const size_t meta = std::string_view(piece).substr(0, end + 1).find("\n\\", at);
    if (meta != npos && meta < end) {
      end = piece.find('\n', meta + 1);
      if (end == npos && cut) return read_before(pos, piece, holding.offset);
      end = std::min(end, piece.size());
    } else if (cut && j + 1 == spans.size() && after_last_semicolon(piece, spans) == npos) {
      return read_before(pos, piece, holding.offset);  // it may go on past the piece
    }
    const size_t next = read_prefix(pos, piece, holding.offset);
    if (next != npos) return next;
    diagnose_text(pos, piece, holding.offset, end, "does not parse: " + error.message);
    return pos + end;
  }

  // The scanner stopped at error.scan_offset: on a quote, comment or dollar quote that does not
  // end in the piece, or on something it cannot read ("0001_initial"). What comes before is read
  // as a piece of its own. When the statement at `pos` runs into it: a quote or comment the
  // script ends inside makes that statement run to the end of the script, a diagnostic; other
  // text makes a diagnostic of the line of the error.
  std::optional<size_t> read_before_unreadable(size_t pos, const std::string& piece,
                                               const SqlSplitError& error, bool cut) {
    const std::string readable = piece.substr(0, error.scan_offset);
    if (error.offset < readable.size() && piece[error.offset] == '\\') {
      // A meta-command runs to the end of its line, quotes or not, once the scanner reads the
      // text before the stop (it may have stopped inside a token, at a bad escape).
      SqlSplitError readable_error;
      const Spans spans = split_statements(readable, &readable_error);
      if (readable_error.scanned) return read_around_error(pos, piece, spans, error, cut);
    }
    if (std::optional<size_t> next = read_piece(pos, readable, true)) return next;
    if (!error.unterminated) {
      if (cut && piece.find('\n', error.scan_offset) == npos) return std::nullopt;
      return read_before_error_line(pos, piece, error);
    }
    if (cut) return std::nullopt;
    const Spans spans = split_statements(readable);
    const size_t start =
        spans.empty() || after_last_semicolon(readable, spans) != npos ? error.scan_offset
                                                                       : spans.back().offset;
    const size_t next = read_prefix(pos, piece, start);
    if (next != npos) return next;
    const size_t end = piece.find_last_not_of(" \t\r\n") + 1;
    diagnose_text(pos, piece, start, end, "does not parse: " + error.message);
    return pos + piece.size();
  }

  // The scanner failed too (e.g. on COPY data such as "0001_initial"): the statements before the
  // line of the error are read, split on their own; then, when the error is on the line of the
  // first token, that line (from the token on) is reported. Returns where to go on.
  size_t read_before_error_line(size_t pos, const std::string& piece, const SqlSplitError& error) {
    size_t first = std::min(error.scan_offset, piece.size());  // the first token but ';'
    for (const SqlToken& token : scan_sql(piece.substr(0, first))) {
      if (token.symbol != ';') {
        first = token.start;
        break;
      }
    }
    if (first == piece.size()) first = std::min(piece.size(), piece.find_first_not_of(" \t\r\n"));
    size_t cut = 0;  // where the line of the error starts
    if (error.offset > 0) {
      const size_t newline = piece.rfind('\n', error.offset - 1);
      if (newline != npos) cut = newline + 1;
    }
    if (cut > first) {
      const size_t next = read_prefix(pos, piece, cut);
      return next == npos ? pos + cut : next;
    }
    const size_t line_end = std::min(piece.size(), piece.find('\n', first));
    if (!is_blank(piece.substr(first, line_end - first))) {
      diagnose_text(pos, piece, first, line_end,
                    piece.compare(first, 1, "\\") == 0 ? "psql meta-command, not SQL"
                                                        : "does not parse: " + error.message);
    }
    return pos + line_end + 1;
  }

  // Reads the spans of `part` (the text from `base` on); returns where to go on when a COPY's
  // data was skipped, npos when all spans were read. A statement holding a NUL byte or a line
  // over the limit is left out (the text reported it).
  size_t read_spans(size_t base, const std::string& part, const Spans& spans) {
    for (const SqlStatementSpan& span : spans) {
      const size_t at = base + span.offset;
      if (text_.unreadable(at, at + span.length)) {  // the text reports why
        text_.report_up_to(at + span.length);
        continue;
      }
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
      statement.line = text_.line_of(at);
      text_.report_up_to(at);
      sink_.on_statement(std::move(statement));
      if (copy) return skip_copy_data(at + span.length);
    }
    return npos;
  }

  // The data starts on the line after the statement and ends with a line "\.".
  size_t skip_copy_data(size_t statement_end) {
    const int copy_line = text_.line_of(statement_end);
    for (size_t line = text_.line_end(statement_end); line != npos;) {
      const size_t start = line + 1;
      text_.let_go_before(start);
      line = text_.line_end(start);
      if (line == npos) break;
      const std::string data = text_.copy(start, std::min(line, start + 3));
      if (data == "\\." || data == "\\.\r") return line + 1;
    }
    text_.report_up_to(npos);
    sink_.on_diagnostic(Diagnostic{source_, copy_line,
                                   "COPY FROM stdin data without its \\. line: the rest is data",
                                   {}});
    return text_.end();
  }

  // Nothing could be read from `pos` within the limit on a statement: it is left out, and
  // reading goes on at the next line after the limit.
  size_t skip_overlong(size_t pos) {
    diagnose(pos, "statement longer than " + std::to_string(kMaxStatementBytes >> 20) +
                      " MiB (the limit on a statement), or a quote or comment that does not end: "
                      "left out up to the next line");
    const size_t line_end = text_.line_end(pos + kMaxStatementBytes);
    return line_end == npos ? text_.end() : line_end + 1;
  }

  // A diagnostic quoting piece[from, to) (the text from `pos` on); none when that text held a
  // NUL byte or a line over the limit, which the text reported already.
  void diagnose_text(size_t pos, const std::string& piece, size_t from, size_t to,
                     std::string message) {
    if (text_.unreadable(pos + from, pos + to)) {
      text_.report_up_to(pos + to);
      return;
    }
    diagnose(pos + from, std::move(message), piece.substr(from, to - from));
  }

  void diagnose(size_t offset, std::string message, std::string statement = {}) {
    text_.report_up_to(offset);
    sink_.on_diagnostic(Diagnostic{source_, text_.line_of(offset), std::move(message),
                                   std::move(statement)});
  }

  SqlScriptText text_;
  const std::string& source_;
  const LogSink& sink_;
  const size_t smallest_window_;
  size_t first_window_;
};

}  // namespace

void read_sql_file(std::istream& in, const std::string& source, const LogSink& sink) {
  read_sql_file(in, source, sink, kFirstWindow);
}

void read_sql_file(std::istream& in, const std::string& source, const LogSink& sink,
                   std::size_t first_window) {
  SqlFileReader(in, source, sink, first_window).read();
}

}  // namespace pgadvisor
