// SQL shortened for people to read in reports and migration comments: one line, "table."
// qualifiers and identifier quotes dropped, a long SELECT list shown as "…", so the FROM, WHERE
// and ORDER BY that tell templates apart come first. Display only: nothing reads it back.
#pragma once

#include <string>

namespace pgadvisor {

// SELECT "t"."a", "t"."b", ... FROM "t" WHERE "t"."x" = $1  →  SELECT … FROM t WHERE x = $1
std::string compact_sql(const std::string& sql);

}  // namespace pgadvisor
