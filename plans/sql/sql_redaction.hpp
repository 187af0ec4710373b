// Redaction of SQL text for reports that leave the team (--redact): every constant the scanner
// finds (libpg_query's, so quotes, E'' and dollar quoting are read as PostgreSQL reads them)
// becomes a placeholder, and the string values taken out are kept so that prose quoting them
// (a summary, an error message) can be redacted too.
#pragma once

#include <set>
#include <string>

namespace pgadvisor {

struct SqlRedaction {
  bool numbers = true;               // 42, 1.5 -> ?   (false: plan text, whose numbers are costs and row counts)
  std::set<std::string>* taken = nullptr;  // receives each string constant's value (it's for 'it''s')
  bool* unread = nullptr;  // when given: text the scanner cannot read is returned as it is, and *unread set
};

// `text` with each string constant replaced by '?' and (when `numbers`) each numeric one by ?.
// Text the scanner cannot read (an unterminated quote) is replaced whole by "<redacted>", unless
// `unread` asks to have it back.
std::string redact_sql_constants(const std::string& text, const SqlRedaction& how = {});

}  // namespace pgadvisor
