// The Markdown report's cells and tables (GitHub-flavoured, as a pull-request comment shows
// them): text escaped for a cell or a line, a statement in a code span, a table row and a
// table head. Pure.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor::markdown {

// Plain text for a table cell or a line: Markdown's active characters backslash-escaped
// (GitHub and Python-Markdown both take these), < and > as entities, one line.
std::string text(const std::string& raw);

// `sql` folded, cut to `width` and in a code span for a table cell: a run of backticks longer
// than any inside it, padded with spaces when it holds one, and every | escaped as \| (GitHub
// splits a table row at any unescaped |, code spans too).
std::string code(const std::string& sql, size_t width = 80);

// "| a | b |\n"
std::string row(const std::vector<std::string>& cells);

// A header row and its delimiter row; `align` is one of l or r per column.
std::string table_head(const std::vector<std::string>& names, const std::string& align);

}  // namespace pgadvisor::markdown
