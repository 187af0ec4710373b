// A Python source file read as the tokenizer sees its structure, enough to edit a models.py
// safely without running Python: its physical lines, each also "masked" (the characters inside
// string literals replaced by '_', comments by spaces, so a bracket or a word found in a masked
// line is code), and its logical lines (a statement with its continuation lines: open brackets,
// triple-quoted strings, a trailing backslash), blank and comment-only lines left out. Pure.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

struct PythonLine {
  size_t first = 0;    // index of its first physical line
  size_t last = 0;     // index of its last physical line
  std::string indent;  // the leading whitespace of its first physical line
  std::string code;    // its masked first line without the indent
};

struct PythonSource {
  std::vector<std::string> lines;   // physical lines, without their '\n'
  std::vector<std::string> masked;  // the same, masked (same lengths)
  std::vector<PythonLine> logical;
  std::string problem;  // non-empty: not readable (an unterminated string or bracket)
};

PythonSource read_python(const std::string& text);

// The physical lines joined back, each ending with '\n'.
std::string join_lines(const std::vector<std::string>& lines);

// The masked text of logical line `line`, its physical lines joined with '\n'.
std::string logical_text(const PythonSource& source, const PythonLine& line);

// Inserts `text` (whole lines, each ending with '\n') after physical line `after`.
void insert_lines(std::vector<std::string>& lines, size_t after, const std::string& text);

// `text` without its leading and trailing spaces and tabs.
std::string trim_space(const std::string& text);

// The first identifier of `code` ("class", "indexes", "from"); empty when it starts otherwise.
std::string leading_word(const std::string& code);

}  // namespace pgadvisor
