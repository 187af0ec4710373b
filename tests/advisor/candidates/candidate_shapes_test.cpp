// Candidate rules on hand-written statements: covering, expression, schema-qualified forms.
#include <catch2/catch.hpp>

#include <algorithm>

#include "advisor/candidates/candidate_rules.hpp"

using namespace pgadvisor;

namespace {

// A template of `sql` called `calls` times with the same constants every time.
QueryTemplate template_of(const std::string& sql, long long calls = 5) {
  QueryTemplate tmpl;
  tmpl.fingerprint = fingerprint_sql(sql);
  tmpl.sample.sql = sql;
  tmpl.calls = calls;
  tmpl.facts = extract_query_facts(parse_sql(sql));
  tmpl.constants = ConstantTracker::restored(tmpl.facts, {});
  return tmpl;
}

std::vector<std::string> keys_for(const std::string& sql, CandidateOptions options = {}) {
  std::vector<std::string> keys;
  for (const auto& candidate : candidates_for_template(template_of(sql), options)) keys.push_back(candidate.key());
  return keys;
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool any_include(const std::vector<std::string>& keys) {
  return std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.find("INCLUDE") != std::string::npos; });
}

}  // namespace

TEST_CASE("a level reading few columns gets a covering candidate", "[advisor]") {
  auto keys = keys_for("SELECT id, title FROM blog_post WHERE author_id = $1 ORDER BY created_at DESC LIMIT 10");
  CHECK(contains(keys, "blog_post (author_id, created_at DESC)"));
  CHECK(contains(keys, "blog_post (author_id, created_at DESC) INCLUDE (id, title)"));
  CandidateOptions narrow;
  narrow.max_include = 1;
  CHECK_FALSE(any_include(keys_for("SELECT id, title FROM blog_post WHERE author_id = $1", narrow)));
  CHECK_FALSE(any_include(keys_for("SELECT * FROM blog_post WHERE author_id = $1")));
  CHECK_FALSE(any_include(keys_for("UPDATE blog_post SET title = 'x' WHERE author_id = $1 AND slug = 'y'")));
  auto partial = keys_for("SELECT id FROM todos_todo WHERE NOT is_completed ORDER BY priority DESC LIMIT 20");
  CHECK(contains(partial, "todos_todo (priority DESC) INCLUDE (id) WHERE NOT is_completed"));
}

TEST_CASE("expression predicates give expression columns, never a partial WHERE", "[advisor]") {
  auto keys = keys_for("SELECT id FROM users_user WHERE UPPER(users_user.email::text) = UPPER('A@B.C') AND is_active");
  CHECK(contains(keys, "users_user ((upper(email::text)))"));
  CHECK(contains(keys, "users_user ((upper(email::text))) WHERE is_active"));
  for (const auto& key : keys) CHECK(key.find("WHERE (upper") == std::string::npos);
  IndexCandidate candidate = candidates_for_template(template_of("SELECT 1 FROM users_user WHERE lower(email) = $1"), {})[0];
  CHECK(candidate.definition.columns[0].expression);
  CHECK(candidate.ddl() == "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_user_lower_email_idx ON users_user ((lower(email)));");
}

TEST_CASE("candidates on another schema carry it, quoted", "[advisor]") {
  auto candidates = candidates_for_template(
      template_of("SELECT oi.\"Quantity\" FROM \"Sales\".\"Order Items\" oi WHERE oi.\"Status\" = 'open'"), {});
  REQUIRE_FALSE(candidates.empty());
  const IndexCandidate& first = candidates[0];
  CHECK(first.definition.schema == "Sales");
  CHECK(first.definition.table == "Order Items");
  CHECK(first.definition.qualified_table() == "Sales.Order Items");
  CHECK(first.key() == "\"Sales\".\"Order Items\" (\"Status\")");
  CHECK(first.name() == "Order_Items_Status_idx");
  CHECK(first.hypothetical_ddl() == "CREATE INDEX ON \"Sales\".\"Order Items\" (\"Status\")");
  std::vector<std::string> keys;
  for (const auto& candidate : candidates) keys.push_back(candidate.key());
  CHECK(contains(keys, "\"Sales\".\"Order Items\" (\"Status\") INCLUDE (\"Quantity\")"));
}

TEST_CASE("partitioned parents get a plain CREATE INDEX, names tell INCLUDE apart", "[advisor]") {
  IndexCandidate candidate;
  candidate.definition = {"", "events", {{"kind", false}}, "", {}};
  candidate.partitioned = true;
  CHECK(candidate.ddl() == "CREATE INDEX IF NOT EXISTS events_kind_idx ON events (kind);");
  CHECK(candidate.hypothetical_ddls() == std::vector<std::string>{"CREATE INDEX ON events (kind)"});
  IndexCandidate covering = candidate;
  covering.definition.include = {"id"};
  CHECK(covering.name() != candidate.name());
  CHECK(covering.name().size() <= 63);
}
