#include "plans/log/sql_script_text.hpp"

#include <algorithm>
#include <climits>

namespace pgadvisor {
namespace {

// The text let go is dropped from memory once it is this large (and half the text held).
constexpr std::size_t kDropBytes = std::size_t{1} << 20;

}  // namespace

SqlScriptText::SqlScriptText(std::istream& in, const std::string& source, const LogSink& sink)
    : source_(source),
      sink_(sink),
      pending_sink_{nullptr,
                    [this](Diagnostic&& diagnostic) {
                      pending_.emplace_back(end(), std::move(diagnostic));
                    }},
      lines_(in, source, pending_sink_) {}

std::size_t SqlScriptText::load_to(std::size_t end) {
  while (!complete_ && this->end() < end) read_line();
  return this->end();
}

void SqlScriptText::read_line() {
  std::string line;
  if (!lines_.next(line)) {
    complete_ = true;
    return;
  }
  const std::size_t at = end();
  if (lines_.cut()) {  // LineReader reported it; the line stays, empty, to keep the numbering
    unreadable_.push_back(at);
    buffer_.push_back('\n');
    return;
  }
  const std::size_t nul = line.find('\0');
  if (nul != std::string::npos) {
    std::replace(line.begin(), line.end(), '\0', ' ');
    unreadable_.push_back(at + nul);
    pending_.emplace_back(at + nul, Diagnostic{source_, lines_.number(),
                                               "NUL byte in the text (column " +
                                                   std::to_string(nul + 1) +
                                                   "), which PostgreSQL refuses in SQL: read "
                                                   "as a space, a statement holding it is left "
                                                   "out",
                                               {}});
  }
  buffer_.append(line).push_back('\n');
}

std::string SqlScriptText::copy(std::size_t from, std::size_t to) const {
  return buffer_.substr(from - base_, to - from);
}

std::size_t SqlScriptText::line_end(std::size_t offset) {
  for (;;) {
    if (offset < end()) {
      const std::size_t found = buffer_.find('\n', offset - base_);
      if (found != std::string::npos) return base_ + found;
    }
    if (complete_) return std::string::npos;
    read_line();
  }
}

int SqlScriptText::line_of(std::size_t offset) {
  offset = std::min(offset, end());
  const auto count = [this](std::size_t from, std::size_t to) {
    return static_cast<std::size_t>(
        std::count(buffer_.begin() + static_cast<std::ptrdiff_t>(from - base_),
                   buffer_.begin() + static_cast<std::ptrdiff_t>(to - base_), '\n'));
  };
  if (offset >= cursor_) {
    newlines_before_cursor_ += count(cursor_, offset);
  } else {
    newlines_before_cursor_ -= count(offset, cursor_);
  }
  cursor_ = offset;
  return static_cast<int>(std::min<std::size_t>(newlines_before_cursor_ + 1, INT_MAX));
}

bool SqlScriptText::unreadable(std::size_t from, std::size_t to) const {
  const auto found = std::lower_bound(unreadable_.begin(), unreadable_.end(), from);
  return found != unreadable_.end() && *found < to;
}

void SqlScriptText::report_up_to(std::size_t offset) {
  while (!pending_.empty() && pending_.front().first <= offset) {
    sink_.on_diagnostic(std::move(pending_.front().second));
    pending_.pop_front();
  }
}

void SqlScriptText::let_go_before(std::size_t offset) {
  offset = std::min(offset, end());
  report_up_to(offset);
  if (offset <= kept_from_) return;
  line_of(offset);  // the line count moves past what is let go
  kept_from_ = offset;
  while (!unreadable_.empty() && unreadable_.front() < kept_from_) unreadable_.pop_front();
  const std::size_t droppable = kept_from_ - base_;
  if (droppable >= kDropBytes && droppable * 2 >= buffer_.size()) {
    buffer_.erase(0, droppable);
    buffer_.shrink_to_fit();
    base_ = kept_from_;
  }
}

}  // namespace pgadvisor
