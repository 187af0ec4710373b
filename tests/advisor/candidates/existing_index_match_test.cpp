// Which existing index serves a candidate: pure logic over index definitions.
#include <catch2/catch.hpp>

#include "advisor/candidates/existing_index_match.hpp"

using namespace pgadvisor;

namespace {

ExistingIndex btree(const std::string& name, IndexDefinition definition) {
  ExistingIndex index;
  index.name = name;
  index.method = "btree";
  index.definition = std::move(definition);
  return index;
}

IndexCandidate candidate(IndexDefinition definition) {
  IndexCandidate c;
  c.definition = std::move(definition);
  return c;
}

}  // namespace

TEST_CASE("a leading prefix in the same or reversed directions is served", "[advisor]") {
  std::vector<ExistingIndex> existing = {
      btree("post_author", {"", "blog_post", {{"author_id", false}}, "", {}}),
      btree("post_pub_created", {"", "blog_post", {{"published", false}, {"created_at", true}}, "", {}}),
      btree("todo_open", {"", "todos_todo", {{"priority", true}}, "(NOT is_completed)", {}}),
  };
  CHECK(serving_index(candidate({"", "blog_post", {{"author_id", false}}, "", {}}), existing)->name == "post_author");
  CHECK(serving_index(candidate({"", "blog_post", {{"author_id", true}}, "", {}}), existing)->name == "post_author");
  CHECK(serving_index(candidate({"", "blog_post", {{"published", false}}, "", {}}), existing)->name == "post_pub_created");
  CHECK(serving_index(candidate({"", "blog_post", {{"published", true}, {"created_at", false}}, "", {}}), existing) != nullptr);
  CHECK(serving_index(candidate({"", "blog_post", {{"published", false}, {"created_at", false}}, "", {}}), existing) == nullptr);
  CHECK(serving_index(candidate({"", "blog_post", {{"author_id", false}, {"published", false}}, "", {}}), existing) == nullptr);
  CHECK(serving_index(candidate({"", "blog_post", {{"created_at", true}}, "", {}}), existing) == nullptr);
  CHECK(serving_index(candidate({"", "todos_todo", {{"priority", true}}, "NOT is_completed", {}}), existing)->name == "todo_open");
  CHECK(serving_index(candidate({"", "todos_todo", {{"priority", true}}, "", {}}), existing) == nullptr);
  CHECK(serving_index(candidate({"", "blog_post", {{"author_id", false}}, "published", {}}), existing) == nullptr);
  CHECK(serving_index(candidate({"", "blog_comment", {{"author_id", false}}, "", {}}), existing) == nullptr);
}

TEST_CASE("only btree indexes serve, and quoted names match", "[advisor]") {
  ExistingIndex hash = btree("email_hash", {"", "users_user", {{"email", false}}, "", {}});
  hash.method = "hash";
  ExistingIndex quoted = btree("user_order", {"", "orders", {{"\"order\"", false}}, "", {}});
  std::vector<ExistingIndex> existing = {hash, quoted};
  CHECK(serving_index(candidate({"", "users_user", {{"email", false}}, "", {}}), existing) == nullptr);
  CHECK(serving_index(candidate({"", "orders", {{"order", false}}, "", {}}), existing)->name == "user_order");
}

TEST_CASE("NULLS order must match, relative to the direction", "[advisor]") {
  std::vector<ExistingIndex> existing = {
      btree("created_desc_nulls_last", {"", "blog_post", {{"created_at", true, true}}, "", {}}),
  };
  CHECK(serving_index(candidate({"", "blog_post", {{"created_at", true}}, "", {}}), existing) == nullptr);
  CHECK(serving_index(candidate({"", "blog_post", {{"created_at", true, true}}, "", {}}), existing) != nullptr);
  CHECK(serving_index(candidate({"", "blog_post", {{"created_at", false, true}}, "", {}}), existing) != nullptr);
  IndexCandidate nulls_last = candidate({"", "blog_post", {{"created_at", true, true}}, "", {}});
  CHECK(nulls_last.key() == "blog_post (created_at DESC NULLS LAST)");
}

TEST_CASE("a partial predicate matches pg_get_expr's cast-laden form", "[advisor]") {
  std::vector<ExistingIndex> existing = {
      btree("pending", {"", "users_user", {{"created", false}}, "((status)::text = 'pending'::text)", {}}),
  };
  CHECK(serving_index(candidate({"", "users_user", {{"created", false}}, "status = 'pending'", {}}), existing) != nullptr);
  CHECK(serving_index(candidate({"", "users_user", {{"created", false}}, "status = 'banned'", {}}), existing) == nullptr);
}
