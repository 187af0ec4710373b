// How pgadvisor's own sessions and queries are told from the application's: every session it
// opens sets application_name to kOwnApplicationName (server logs record it), and every query
// it sends starts with the comment kOwnQueryComment (pg_stat_statements keeps no
// application_name, but keeps the text). Reading a workload leaves both out by default.
#pragma once

#include <string>

namespace pgadvisor {

inline constexpr const char* kOwnApplicationName = "pgadvisor";
inline constexpr const char* kOwnQueryComment = "/* pgadvisor */";

// `sql` with kOwnQueryComment before it.
inline std::string tagged_query(const std::string& sql) { return std::string(kOwnQueryComment) + " " + sql; }

// Whether `sql` starts with kOwnQueryComment (after blanks).
inline bool is_own_query(const std::string& sql) {
  const size_t start = sql.find_first_not_of(" \t\r\n");
  const std::string comment = kOwnQueryComment;
  return start != std::string::npos && sql.compare(start, comment.size(), comment) == 0;
}

}  // namespace pgadvisor
