// Foreign keys and exclusion constraints read from the sandbox's catalog, and the drop
// suggestions they lead to on the blog fixture.
#include <catch2/catch.hpp>

#include "advisor/selection/drop_suggestions.hpp"
#include "plans/pg/foreign_keys.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

const ForeignKey* find_key(const std::vector<ForeignKey>& keys, const std::string& name) {
  for (const auto& key : keys)
    if (key.name == name) return &key;
  return nullptr;
}

}  // namespace

TEST_CASE("the foreign keys of the named tables, referencing side", "[pg][drop]") {
  Session session(test_dsn(), {});
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) {
    auto keys = read_foreign_keys(tx, {"blog_post", "public.blog_comment", "blog_author", "no_such_table"});
    REQUIRE(keys.size() == 2);  // blog_author only is referenced
    const ForeignKey* post = find_key(keys, "blog_post_author_id_dd7a8485_fk_blog_author_id");
    REQUIRE(post != nullptr);
    CHECK(post->table == "blog_post");
    CHECK(post->columns == std::vector<std::string>{"author_id"});
    CHECK(post->referenced_table == "blog_author");
    const ForeignKey* comment = find_key(keys, "blog_comment_post_id_580e96ef_fk_blog_post_id");
    REQUIRE(comment != nullptr);
    CHECK(comment->table == "public.blog_comment");
    CHECK(comment->columns == std::vector<std::string>{"post_id"});
    CHECK(comment->referenced_table == "blog_post");
    CHECK(read_foreign_keys(tx, {}).empty());
    CHECK(read_exclusion_indexes(tx, {"blog_post"}).empty());
  });
}

TEST_CASE("on the blog, only the M2M table's book_id index is a drop", "[pg][drop]") {
  Session session(test_dsn(), {});
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) {
    std::vector<std::string> tables = {"blog_post", "blog_comment", "blog_author", "blog_book", "blog_book_authors",
                                       "todos_todoassignee", "users_user"};
    auto existing = read_existing_indexes(tx, tables);
    auto drops = suggest_drops(existing, {}, read_foreign_keys(tx, tables), {"blog_post"},
                               read_exclusion_indexes(tx, tables));
    // The FK indexes are kept though no plan used them; keys and unique indexes are never drops.
    REQUIRE(drops.size() == 1);
    CHECK(drops[0].kind == DropKind::Prefix);
    CHECK(drops[0].index.name == "blog_book_authors_book_id_35eae5ed");
    CHECK(drops[0].covered_by == "blog_book_authors_book_id_author_id_0a5bb3b3_uniq");
    CHECK(drops[0].ddl == "DROP INDEX CONCURRENTLY IF EXISTS blog_book_authors_book_id_35eae5ed;");
  });
}

TEST_CASE("composite foreign keys keep their column order, exclusion indexes are found", "[pg][drop]") {
  const char* setup = R"SQL(
CREATE SCHEMA shop;
CREATE TABLE shop.region (country text, code text, PRIMARY KEY (country, code));
CREATE TABLE shop.store (id int PRIMARY KEY, code text, country text, during tsrange,
  FOREIGN KEY (country, code) REFERENCES shop.region (country, code),
  CONSTRAINT store_no_overlap EXCLUDE USING gist (during WITH &&));
CREATE INDEX store_code_country ON shop.store (code, country);
CREATE INDEX store_id_code ON shop.store (id, code);
)SQL";
  Session session(scratch_database("pgadvisor_scratch_drop", setup), {});
  session.rolled_back(TransactionMode::ReadOnly, [](Transaction& tx) {
    auto keys = read_foreign_keys(tx, {"shop.store", "store"});  // shop is not on search_path
    REQUIRE(keys.size() == 1);
    CHECK(keys[0].table == "shop.store");
    CHECK(keys[0].columns == std::vector<std::string>{"country", "code"});
    CHECK(keys[0].referenced_table == "shop.region");
    CHECK(read_exclusion_indexes(tx, {"shop.store"}) == std::set<std::string>{"store_no_overlap"});

    auto existing = read_existing_indexes(tx, {"shop.store"});
    REQUIRE(existing.size() == 4);  // the key, the exclusion index and two more
    auto drops = suggest_drops(existing, {}, keys, {}, read_exclusion_indexes(tx, {"shop.store"}));
    REQUIRE(drops.size() == 1);
    CHECK(drops[0].ddl == "DROP INDEX CONCURRENTLY IF EXISTS shop.store_id_code;");
  });
}
