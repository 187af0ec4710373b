// WhatIfCache::add_candidate on the blog fixture: an equal key gives the candidate there is, a
// new one is linked to the templates that may use it as the constructor links its candidates,
// and the cost of a configuration with it is the planner's.
#include <catch2/catch.hpp>

#include "advisor/whatif/whatif_cache.hpp"
#include "plans/workload/workload.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

IndexCandidate comment_index(const std::vector<std::string>& columns) {
  IndexCandidate candidate;
  candidate.definition.table = "blog_comment";
  for (const auto& column : columns) candidate.definition.columns.push_back({column});
  return candidate;
}

}  // namespace

TEST_CASE("WhatIfCache::add_candidate finds an equal key and links a new candidate", "[pg][whatif][reference]") {
  Workload workload;
  Statement by_post, by_author;
  by_post.sql = "SELECT id FROM blog_comment WHERE post_id = 7 AND active ORDER BY created";
  by_author.sql = "SELECT id FROM blog_author WHERE email = 'a@example.com'";
  workload.add(by_post);
  workload.add(by_author);
  REQUIRE(workload.templates().size() == 2);
  std::vector<const QueryTemplate*> templates{&workload.templates()[0], &workload.templates()[1]};

  Session session(test_dsn(), {});
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    REQUIRE(hypopg_installed(tx));
    WhatIf whatif(tx);
    WhatIfCache cache(whatif, templates, {comment_index({"post_id"})});
    CHECK(cache.add_candidate(comment_index({"post_id"})) == 0);
    CHECK(cache.candidates().size() == 1);

    size_t wider = cache.add_candidate(comment_index({"post_id", "created"}));
    CHECK(wider == 1);
    CHECK(cache.add_candidate(comment_index({"post_id", "created"})) == wider);
    CHECK(cache.templates_on_table_of(wider) == std::vector<size_t>{0});  // the comment query, by its leading column
    CHECK(cache.relevant(0, wider));
    CHECK_FALSE(cache.relevant(1, wider));
    size_t unused = cache.add_candidate(comment_index({"text"}));
    CHECK(cache.templates_on_table_of(unused).empty());  // no query filters, joins or sorts on it

    double base = cache.cost(0, {});
    double narrow = cache.cost(0, {0});
    double both = cache.cost(0, {wider});
    CHECK(narrow < base);
    CHECK(both <= narrow);
    CHECK(cache.used_by_plan(0, {wider}) == std::vector<size_t>{wider});
    CHECK(cache.cost(1, {wider}) == cache.cost(1, {}));  // another table's index is not even created
  });
}
