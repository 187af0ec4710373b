// libFuzzer target: the SQL comment tag reader (sqlcommenter, marginalia) on arbitrary text, as a
// whole statement and as a comment's body, and its quick token pass against libpg_query's scanner.
// It never throws; what it cuts off must leave a prefix or suffix of the statement, and the quick
// pass, when sure, must agree with the scanner: an exception, a crash, a sanitizer report or a
// failed check is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "plans/sql/sql_comment_tags.hpp"
#include "plans/sql/token_span.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::optional<pgadvisor::TokenSpan> quick;
  if (pgadvisor::quick_token_span(text, quick)) {  // the quick pass must find the scanner's tokens
    const std::optional<pgadvisor::TokenSpan> scanned = pgadvisor::scanned_token_span(text);
    if (quick.has_value() != scanned.has_value() ||
        (quick && (quick->start != scanned->start || quick->end != scanned->end)))
      std::abort();
  }
  (void)pgadvisor::parse_comment_tags(text);
  for (const std::string& whole : {text, "SELECT 1 /*" + text + "*/", "/*" + text + "*/ SELECT 1"}) {
    std::string sql = whole;
    const pgadvisor::SqlTags tags = pgadvisor::take_comment_tags(sql);
    const bool cut = whole.compare(0, sql.size(), sql) == 0 || whole.compare(whole.size() - sql.size(), sql.size(), sql) == 0;
    if (!cut || (tags.empty() && sql != whole)) std::abort();
  }
  return 0;
}
