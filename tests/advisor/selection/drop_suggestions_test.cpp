// Which existing indexes the advisor proposes to drop: pure logic over index definitions.
#include <catch2/catch.hpp>

#include "advisor/selection/drop_suggestions.hpp"

using namespace pgadvisor;

namespace {

ExistingIndex btree(const std::string& name, IndexDefinition definition, long long size = 8192) {
  ExistingIndex index;
  index.name = name;
  index.method = "btree";
  index.definition = std::move(definition);
  index.size_bytes = size;
  return index;
}

ExistingIndex unique(ExistingIndex index) {
  index.unique = true;
  return index;
}

std::vector<std::string> names(const std::vector<DropSuggestion>& drops) {
  std::vector<std::string> out;
  for (const auto& drop : drops) out.push_back(drop.index.name);
  return out;
}

const std::set<std::string> kNoWrites;

}  // namespace

TEST_CASE("a leading prefix in the same directions is a prefix duplicate", "[advisor][drop]") {
  std::vector<ExistingIndex> existing = {
      btree("post_author", {"", "blog_post", {{"author_id", false}}, "", {}}),
      btree("post_author_created", {"", "blog_post", {{"author_id", false}, {"created_at", true}}, "", {}}),
  };
  auto drops = suggest_drops(existing, {"post_author", "post_author_created"}, {}, {"blog_post"});
  REQUIRE(drops.size() == 1);
  CHECK(drops[0].kind == DropKind::Prefix);
  CHECK(drops[0].index.name == "post_author");
  CHECK(drops[0].covered_by == "post_author_created");
  CHECK(drops[0].ddl == "DROP INDEX CONCURRENTLY IF EXISTS post_author;");
  CHECK(drops[0].reason.find("leading prefix of post_author_created") != std::string::npos);
  CHECK(drops[0].reason.find("8 kB") != std::string::npos);
  REQUIRE(drops[0].caveats.size() == 1);  // the workload used it
  CHECK(drops[0].caveats[0].find("post_author_created") != std::string::npos);
}

TEST_CASE("other directions, NULLS orders, predicates or INCLUDE columns are no prefix", "[advisor][drop]") {
  std::vector<ExistingIndex> existing = {
      btree("created_desc", {"", "blog_post", {{"created_at", true}}, "", {}}),
      btree("created_asc_id", {"", "blog_post", {{"created_at", false}, {"id", false}}, "", {}}),
      btree("created_desc_nulls_last", {"", "blog_post", {{"created_at", true, true}, {"id", false}}, "", {}}),
      btree("open_priority", {"", "todos_todo", {{"priority", true}}, "(NOT is_completed)", {}}),
      btree("priority_title", {"", "todos_todo", {{"priority", true}, {"title", false}}, "", {}}),
      btree("email_incl", {"", "users_user", {{"email", false}}, "", {"status"}}),
      btree("email_created", {"", "users_user", {{"email", false}, {"created", false}}, "", {}}),
      btree("other_table", {"", "blog_comment", {{"created_at", true}, {"id", false}}, "", {}}),
  };
  std::vector<std::string> all;
  for (const auto& index : existing) all.push_back(index.name);
  CHECK(suggest_drops(existing, all, {}, kNoWrites).empty());
}

TEST_CASE("the same predicate and INCLUDE columns the longer has make a prefix", "[advisor][drop]") {
  std::vector<ExistingIndex> existing = {
      btree("open_priority", {"", "todos_todo", {{"priority", true}}, "(NOT is_completed)", {"title"}}),
      btree("open_priority_id", {"", "todos_todo", {{"priority", true}, {"id", false}}, "(NOT is_completed)", {"title"}}),
  };
  auto drops = suggest_drops(existing, {"open_priority", "open_priority_id"}, {}, kNoWrites);
  REQUIRE(drops.size() == 1);
  CHECK(drops[0].covered_by == "open_priority_id");
}

TEST_CASE("of two identical indexes exactly one is dropped, never a unique one", "[advisor][drop]") {
  std::vector<ExistingIndex> twins = {
      btree("b_twin", {"", "users_user", {{"email", false}}, "", {}}),
      btree("a_twin", {"", "users_user", {{"email", false}}, "", {}}),
  };
  auto drops = suggest_drops(twins, {"a_twin", "b_twin"}, {}, kNoWrites);
  REQUIRE(drops.size() == 1);
  CHECK(drops[0].index.name == "b_twin");
  CHECK(drops[0].covered_by == "a_twin");

  std::vector<ExistingIndex> with_unique = {
      unique(btree("z_email_key", {"", "users_user", {{"email", false}}, "", {}})),
      btree("a_email", {"", "users_user", {{"email", false}}, "", {}}),
  };
  drops = suggest_drops(with_unique, {"a_email", "z_email_key"}, {}, kNoWrites);
  REQUIRE(drops.size() == 1);
  CHECK(drops[0].index.name == "a_email");
  CHECK(drops[0].covered_by == "z_email_key");
}

TEST_CASE("primary keys, unique and exclusion indexes are never suggested", "[advisor][drop]") {
  ExistingIndex pkey = btree("users_user_pkey", {"", "users_user", {{"id", false}}, "", {}});
  pkey.primary = pkey.unique = true;
  ExistingIndex booking = btree("booking_excl", {"", "booking", {{"room", false}}, "", {}});
  booking.method = "gist";
  std::vector<ExistingIndex> existing = {
      pkey,
      btree("id_status", {"", "users_user", {{"id", false}, {"status", false}}, "", {}}),
      unique(btree("email_key", {"", "users_user", {{"email", false}}, "", {}})),
      unique(btree("email_status_key", {"", "users_user", {{"email", false}, {"status", false}}, "", {}})),
      booking,
  };
  auto drops = suggest_drops(existing, {"id_status", "email_status_key"}, {}, kNoWrites, {"booking_excl"});
  CHECK(drops.empty());
}

TEST_CASE("unused indexes, except those serving a foreign key, by size", "[advisor][drop]") {
  std::vector<ExistingIndex> existing = {
      btree("post_author_fk", {"", "blog_post", {{"author_id", false}}, "", {}}, 1 << 20),
      btree("post_slug", {"", "blog_post", {{"slug", false}}, "", {}}, 16384),
      btree("post_title", {"", "blog_post", {{"title", false}}, "", {}}, 3000000),
      btree("assignee_pair", {"", "todos_todoassignee", {{"user_id", false}, {"todo_id", false}}, "", {}}),
      btree("post_created", {"", "blog_post", {{"created_at", true}}, "", {}}),
      btree("todo_title", {"", "todos_todo", {{"title", false}}, "", {}}),
  };
  std::vector<ForeignKey> keys = {
      {"post_author_fk_c", "public.blog_post", {"author_id"}, "blog_author"},
      {"pair_fk", "todos_todoassignee", {"todo_id", "user_id"}, "todos_todo"},
      {"todo_owner_fk", "todos_todo", {"owner_id"}, "users_user"},
  };
  auto drops = suggest_drops(existing, {"post_created"}, keys, {"blog_post"});
  CHECK(names(drops) == std::vector<std::string>{"post_title", "post_slug", "todo_title"});
  for (const auto& drop : drops) {
    CHECK(drop.kind == DropKind::Unused);
    CHECK(drop.covered_by.empty());
    CHECK(drop.caveats == std::vector<std::string>{
        "the log is the only evidence: check pg_stat_user_indexes.idx_scan on the primary and every replica "
        "before dropping"});
  }
  CHECK(drops[0].reason.find("3.0 MB") != std::string::npos);
  CHECK(drops[0].reason.find("every write") != std::string::npos);  // blog_post is written
  CHECK(drops[2].reason.find("never writes todos_todo") != std::string::npos);
}

TEST_CASE("prefix duplicates come first, and their cover is not called unused", "[advisor][drop]") {
  std::vector<ExistingIndex> existing = {
      btree("big_unused", {"", "users_user", {{"bio", false}}, "", {}}, 1 << 24),
      btree("status", {"", "users_user", {{"status", false}}, "", {}}, 4096),
      btree("status_created", {"", "users_user", {{"status", false}, {"created", true}}, "", {}}, 8192),
      btree("status_created_email", {"", "users_user", {{"status", false}, {"created", true}, {"email", false}}, "", {}}),
  };
  auto drops = suggest_drops(existing, {}, {}, kNoWrites);
  CHECK(names(drops) == std::vector<std::string>{"status_created", "status", "big_unused"});
  CHECK(drops[0].covered_by == "status_created_email");
  CHECK(drops[1].covered_by == "status_created_email");
  CHECK(drops[0].caveats.empty());
  CHECK(drops[2].kind == DropKind::Unused);
}

TEST_CASE("the DDL quotes and schema-qualifies the name", "[advisor][drop]") {
  std::vector<ExistingIndex> existing = {btree("Odd Name", {"sales", "order", {{"\"user\"", false}}, "", {}})};
  auto drops = suggest_drops(existing, {}, {}, kNoWrites);
  REQUIRE(drops.size() == 1);
  CHECK(drops[0].ddl == "DROP INDEX CONCURRENTLY IF EXISTS sales.\"Odd Name\";");
  // A foreign key on the quoted column keeps it.
  CHECK(suggest_drops(existing, {}, {{"fk", "sales.order", {"user"}, "users"}}, kNoWrites).empty());
}
