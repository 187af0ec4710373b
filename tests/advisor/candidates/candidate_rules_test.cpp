// Candidate rules on the templates of the captured Django traffic.
#include <catch2/catch.hpp>

#include <algorithm>

#include "advisor/candidates/candidate_rules.hpp"
#include "tests/support/fixture_log.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

std::vector<std::string> keys_for(const QueryTemplate& tmpl, CandidateOptions options = {}) {
  std::vector<std::string> keys;
  for (const auto& candidate : candidates_for_template(tmpl, options)) keys.push_back(candidate.key());
  return keys;
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

TEST_CASE("equality columns first, then ORDER BY with direction, then the partial form", "[advisor]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  auto keys = keys_for(template_containing(workload, "\"blog_post\".\"author_id\" = "));
  CHECK(contains(keys, "blog_post (author_id, published, published_at DESC)"));
  CHECK(contains(keys, "blog_post (author_id, published_at DESC) WHERE published"));
  CHECK(contains(keys, "blog_post (published_at DESC)"));
  // author_id varies between calls: never a WHERE
  for (const auto& key : keys) CHECK(key.find("WHERE author_id") == std::string::npos);
}

TEST_CASE("ordered and partial candidates for a list page", "[advisor]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  auto keys = keys_for(template_containing(workload, "ORDER BY \"blog_post\".\"created_at\" DESC LIMIT 20"));
  CHECK(contains(keys, "blog_post (published, created_at DESC)"));
  CHECK(contains(keys, "blog_post (created_at DESC) WHERE published"));
  auto todo = keys_for(template_containing(workload, "ORDER BY \"todos_todo\".\"priority\" DESC"));
  CHECK(contains(todo, "todos_todo (priority DESC) WHERE NOT is_completed"));
}

TEST_CASE("equality constants become a WHERE only when seen in enough calls", "[advisor]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  const QueryTemplate& pending = template_containing(workload, "\"users_user\".\"status\" = 'pending'");
  REQUIRE(pending.calls == 2);
  CHECK(contains(keys_for(pending), "users_user (created) WHERE status = 'pending'"));
  for (const auto& candidate : candidates_for_template(pending, {})) CHECK_FALSE(candidate.where_from_repetition);
  CHECK(contains(keys_for(pending), "users_user (status, created)"));
  CandidateOptions strict;
  strict.min_calls_for_partial = 3;
  CHECK_FALSE(contains(keys_for(pending, strict), "users_user (created) WHERE status = 'pending'"));
  CandidateOptions none;  // --partial-min-seen 0: not even a boolean becomes a WHERE
  none.min_calls_for_partial = 0;
  const QueryTemplate& by_author = template_containing(workload, "\"blog_post\".\"author_id\" = ");
  REQUIRE(contains(keys_for(by_author), "blog_post (author_id, published_at DESC) WHERE published"));
  for (const auto& key : keys_for(by_author, none)) CHECK(key.find("WHERE") == std::string::npos);

  // prefetch_related's list of a page's ids, the same in both calls (the page was loaded twice):
  // an IN list in several calls never becomes a WHERE
  const QueryTemplate& prefetch = template_containing(workload, "\"blog_comment\".\"post_id\" IN (");
  REQUIRE(prefetch.calls == 2);
  REQUIRE(prefetch.predicate_is_constant(0, 1));
  for (const auto& key : keys_for(prefetch)) CHECK(key.find("post_id IN") == std::string::npos);
  CHECK(contains(keys_for(prefetch), "blog_comment (post_id, created DESC) WHERE active"));

  const QueryTemplate& once = template_containing(workload, "INNER JOIN \"blog_publisher\"");
  REQUIRE(once.calls == 1);
  auto keys = keys_for(once);
  CHECK(contains(keys, "blog_book (publisher_id, price)"));
  for (const auto& key : keys) CHECK(key.find("WHERE") == std::string::npos);
}

TEST_CASE("subquery scopes give candidates covering the selected column", "[advisor]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  auto keys = keys_for(template_containing(workload, "NOT (\"todos_todo\".\"id\" IN (SELECT"));
  CHECK(contains(keys, "todos_todoassignee (is_completed, todo_id)"));
  CHECK(contains(keys, "todos_todoassignee (todo_id) WHERE is_completed"));
  CHECK(contains(keys, "todos_todo (priority)"));
}

TEST_CASE("candidates of several templates are merged with their templates", "[advisor]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  std::vector<const QueryTemplate*> all;
  for (const auto& tmpl : workload.templates()) all.push_back(&tmpl);
  auto merged = candidates_for_workload(all, {});
  std::vector<std::string> keys;
  for (const auto& candidate : merged) keys.push_back(candidate.key());
  std::vector<std::string> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // no duplicates
  auto created = std::find_if(merged.begin(), merged.end(), [](const IndexCandidate& c) { return c.key() == "users_user (created)"; });
  REQUIRE(created != merged.end());
  CHECK(created->templates.size() >= 3);  // every template filtering on users_user.created
  CandidateOptions narrow;
  narrow.max_columns = 1;
  for (const auto& candidate : candidates_for_workload(all, narrow)) CHECK(candidate.definition.columns.size() == 1);
}

TEST_CASE("index DDL and names are deterministic and quoted", "[advisor]") {
  IndexCandidate candidate;
  candidate.definition = {"", "user", {{"order", true}, {"created", false}}, "NOT is_completed", {}};
  CHECK(candidate.key() == "\"user\" (\"order\" DESC, created) WHERE NOT is_completed");
  CHECK(candidate.ddl().rfind("CREATE INDEX CONCURRENTLY IF NOT EXISTS user_order_desc_c_", 0) == 0);
  // user_order_desc_created_pde70_idx is longer than Django's 30 characters: its first 17, then
  // the FNV-1a hash of the definition, the same on every run and machine
  CHECK(candidate.name() == "user_order_desc_c_c63feb5a_idx");
  IndexCandidate short_one;
  short_one.definition = {"", "users_user", {{"email", false}}, "", {}};
  CHECK(short_one.name() == "users_user_email_idx");  // fits: kept as it reads
  CHECK(candidate.hypothetical_ddl() == "CREATE INDEX ON \"user\" (\"order\" DESC, created) WHERE NOT is_completed");
  IndexCandidate wide;
  wide.definition.table = std::string(60, 't');
  wide.definition.columns = {{std::string(30, 'c'), false}};
  CHECK(wide.name().size() <= 30);
}

TEST_CASE("a filter every branch of an OR writes again becomes a WHERE from one call (TPC-H Q19)", "[advisor]") {
  // Q19's shape (TPC-H clause 2.4.19), its columns qualified so that no catalog is needed: the
  // branches vary the brand and keep the ship mode and instruction.
  auto q19 = [](int branches) {
    std::string sql = "select sum(l.l_extendedprice * (1 - l.l_discount)) from lineitem l, part p where ";
    for (int b = 0; b < branches; ++b)
      sql += std::string(b ? " or " : "") + "(p.p_partkey = l.l_partkey and p.p_brand = 'Brand#" + std::to_string(12 + 11 * b) +
             "' and l.l_shipmode in ('AIR', 'AIR REG') and l.l_shipinstruct = 'DELIVER IN PERSON')";
    Workload workload;
    Statement statement;
    statement.sql = sql;
    workload.add(statement);
    REQUIRE(workload.templates().size() == 1);
    return workload;
  };
  const std::string lookup = "lineitem (l_partkey) WHERE l_shipmode IN ('AIR', 'AIR REG') AND l_shipinstruct = 'DELIVER IN PERSON'";
  Workload three = q19(3);
  const QueryTemplate& tmpl = three.templates()[0];
  REQUIRE(tmpl.calls == 1);
  auto keys = keys_for(tmpl);
  CHECK(contains(keys, lookup));  // the join's inner side, over the rows the WHERE keeps
  for (const auto& candidate : candidates_for_template(tmpl, {}))  // counted from repetitions
    CHECK(candidate.where_from_repetition == candidate.is_partial());
  CHECK(contains(keys, "lineitem (l_partkey) INCLUDE (l_extendedprice, l_discount) WHERE l_shipmode IN ('AIR', 'AIR REG') "
                       "AND l_shipinstruct = 'DELIVER IN PERSON'"));
  CHECK(contains(keys, "lineitem (l_shipinstruct) WHERE l_shipmode IN ('AIR', 'AIR REG')"));
  for (const auto& key : keys) CHECK(key.find("p_brand =") == std::string::npos);  // it differs between branches

  CandidateOptions strict;  // written three times: not enough for four
  strict.min_calls_for_partial = 4;
  for (const auto& key : keys_for(tmpl, strict)) CHECK(key.find("WHERE") == std::string::npos);

  Workload one = q19(1);  // one branch, one call: the constants may be parameters
  auto single = keys_for(one.templates()[0]);
  CHECK(contains(single, "lineitem (l_shipmode, l_shipinstruct, l_partkey)"));
  for (const auto& key : single) CHECK(key.find("WHERE") == std::string::npos);
}
