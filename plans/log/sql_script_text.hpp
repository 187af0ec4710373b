// SqlScriptText: the text of a .sql script as the SQL reader walks through it, in bounded memory.
// Lines are read (through LineReader: a line over the limit is left out, with its Diagnostic) only
// as far ahead as the reader asks, and the text the reader has gone past is let go. Offsets are
// from the start of the script; every line ends with '\n' here, the last one too.
//
// A NUL byte, which PostgreSQL refuses in SQL text and libpg_query would take for the end of the
// text, is read as a space and reported (a Diagnostic with the source and line). Where a NUL byte
// or a line over the limit was is "unreadable": the reader leaves out the statement holding it.
// These diagnostics are handed to the sink when the reader reaches their place (report_up_to),
// so that all come in the order of the script, whatever was read ahead.
#pragma once

#include <cstddef>
#include <deque>
#include <istream>
#include <string>
#include <utility>

#include "plans/log/line_reader.hpp"
#include "plans/log/log_sink.hpp"

namespace pgadvisor {

class SqlScriptText {
 public:
  // `source` and `sink` must outlive the text.
  SqlScriptText(std::istream& in, const std::string& source, const LogSink& sink);

  // Reads lines until the text reaches `end` or the script ends; returns end().
  std::size_t load_to(std::size_t end);

  // Where the text read so far ends, and whether that is the end of the script.
  std::size_t end() const { return base_ + buffer_.size(); }
  bool complete() const { return complete_; }

  // The text of [from, to), read and not let go.
  std::string copy(std::size_t from, std::size_t to) const;

  // Where the line holding `offset` ends (its '\n'), reading as far as needed; npos past the end.
  std::size_t line_end(std::size_t offset);

  // The 1-based line holding `offset`, which must not have been let go.
  int line_of(std::size_t offset);

  // True when [from, to) holds a NUL byte or the place of a line over the limit.
  bool unreadable(std::size_t from, std::size_t to) const;

  // Hands the sink the diagnostics of the text before `offset`.
  void report_up_to(std::size_t offset);

  // The text before `offset` is not needed any more (its diagnostics are handed over).
  void let_go_before(std::size_t offset);

 private:
  void read_line();

  const std::string& source_;
  const LogSink& sink_;
  std::deque<std::pair<std::size_t, Diagnostic>> pending_;  // by offset, not yet handed over
  LogSink pending_sink_;  // what LineReader reports goes to pending_
  LineReader lines_;
  std::string buffer_;  // the text from base_ on
  std::size_t base_ = 0;
  std::size_t kept_from_ = 0;             // the text before it is not needed
  std::deque<std::size_t> unreadable_;    // ascending offsets
  std::size_t cursor_ = 0;                // line_of's place, with the '\n's before it
  std::size_t newlines_before_cursor_ = 0;
  bool complete_ = false;
};

}  // namespace pgadvisor
