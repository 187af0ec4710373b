// The whole EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) node: the fields beyond the basics, checked
// against the plans recorded on the fixture database (fixtures/plans/record), and the row-estimate
// error per node.
#include <catch2/catch.hpp>

#include <fstream>
#include <stdexcept>

#include "plans/plan/plan_tree.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;

namespace {
nlohmann::json recorded_json(const std::string& name) {
  std::ifstream in(pgadvisor::testing::fixture_path("plans/" + name + ".json"));
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

Plan recorded_plan(const std::string& name) { return parse_explain_json(recorded_json(name)); }

PlanNode node_with_rows(double plan_rows, std::optional<double> actual_rows, std::optional<double> loops = 1.0) {
  PlanNode node;
  node.plan_rows = plan_rows;
  node.actual_rows = actual_rows;
  node.actual_loops = actual_rows ? loops : std::nullopt;
  return node;
}
}  // namespace

TEST_CASE("a sort keeps its keys, method and space used, in memory or on disk", "[plan]") {
  Plan top_n = recorded_plan("blog_post_list");
  const PlanNode& in_memory = *plan_nodes(top_n).at(2);
  CHECK(in_memory.sort_key == std::vector<std::string>{"created_at DESC"});
  CHECK(in_memory.sort_space_used_kb == 28);
  CHECK(in_memory.sort_space_type == "Memory");
  CHECK(in_memory.plan_width == 34);
  REQUIRE(in_memory.actual_startup_ms);
  CHECK(*in_memory.actual_startup_ms == Approx(55.129));

  Plan spilled = recorded_plan("post_sort_on_disk");
  const PlanNode& on_disk = spilled.root.children.at(0);
  CHECK(on_disk.node_type == "Sort");
  CHECK(on_disk.parent_relationship == "Outer");
  CHECK(on_disk.sort_key == std::vector<std::string>{"view_count DESC", "id"});
  CHECK(on_disk.sort_method == "external merge");
  CHECK(on_disk.sort_space_used_kb == 4368);
  CHECK(on_disk.sort_space_type == "Disk");
  CHECK(on_disk.temp_read_blocks == 1093);
  CHECK(on_disk.temp_written_blocks == 1827);
  CHECK(spilled.root.parent_relationship.empty());
  CHECK(summarize_plan(spilled) ==
        "Limit (rows 10) ← Sort (external merge) (rows 1010) ← Seq Scan on blog_post (rows 104894, 95106 removed)");
}

TEST_CASE("a parallel hash join keeps workers, hash batches, conditions and I/O timings", "[plan]") {
  Plan plan = recorded_plan("comment_post_hash_join");
  auto nodes = plan_nodes(plan);
  REQUIRE(nodes.size() == 7);
  const PlanNode& gather = *nodes[1];
  CHECK(gather.node_type == "Gather");
  CHECK(gather.workers_planned == 2);
  CHECK(gather.workers_launched == 2);

  const PlanNode& join = *nodes[3];
  CHECK(join.node_type == "Hash Join");
  CHECK(join.join_type == "Inner");
  CHECK(join.hash_cond == "(c.post_id = p.id)");
  CHECK(join.join_filter == "(c.created > (p.created_at + '10 days'::interval))");
  CHECK(join.rows_removed_by_join_filter == 82103);
  CHECK(join.filter.empty());
  CHECK(join.merge_cond.empty());
  CHECK_FALSE(join.rows_removed_by_filter);
  CHECK_FALSE(join.workers_planned);
  REQUIRE(join.actual_startup_ms);
  CHECK(*join.actual_startup_ms == Approx(107.394));

  const PlanNode& comments = *nodes[4];
  CHECK(comments.alias == "c");
  CHECK(comments.filter == "active");
  CHECK(comments.rows_removed_by_filter == 16725);
  CHECK_FALSE(comments.rows_removed_by_join_filter);
  CHECK(comments.plan_width == 12);

  const PlanNode& hash = *nodes[5];
  CHECK(hash.node_type == "Hash");
  CHECK(hash.parent_relationship == "Inner");
  CHECK(hash.hash_buckets == 65536);
  CHECK(hash.original_hash_buckets == 65536);
  CHECK(hash.hash_batches == 8);
  CHECK(hash.original_hash_batches == 8);
  CHECK(hash.peak_memory_kb == 1728);
  CHECK(hash.temp_written_blocks == 812);
  REQUIRE(hash.temp_io_write_ms);
  CHECK(*hash.temp_io_write_ms == Approx(3.684));
  REQUIRE(hash.io_read_ms);
  CHECK(*hash.io_read_ms == Approx(15.176));

  REQUIRE(plan.root.io_read_ms);
  CHECK(*plan.root.io_read_ms == Approx(16.633));
  CHECK(plan.root.io_write_ms == 0.0);
  REQUIRE(plan.root.temp_io_read_ms);
  CHECK(*plan.root.temp_io_read_ms == Approx(6.335));
  CHECK(plan.root.temp_read_blocks == 2768);
  CHECK(plan.root.temp_written_blocks == 2832);
}

TEST_CASE("bitmap and index scans keep their conditions apart and the rows removed by recheck", "[plan]") {
  Plan lossy = recorded_plan("comment_range_bitmap");
  const PlanNode& heap = lossy.root.children.at(0);
  CHECK(heap.node_type == "Bitmap Heap Scan");
  CHECK(heap.recheck_cond == "((post_id >= 150000) AND (post_id <= 155000))");
  CHECK(heap.index_cond.empty());
  CHECK(heap.filter == heap.recheck_cond);
  CHECK(heap.rows_removed_by_index_recheck == 386785);
  const PlanNode& bitmap = heap.children.at(0);
  CHECK(bitmap.index_name == "blog_comment_post_id_580e96ef");
  CHECK(bitmap.index_cond == "((post_id >= 150000) AND (post_id <= 155000))");
  CHECK_FALSE(bitmap.rows_removed_by_index_recheck);

  Plan nested = recorded_plan("author_post_comments");
  CHECK(nested.root.node_type == "Nested Loop");
  CHECK(nested.root.join_type == "Inner");
  CHECK(nested.root.join_filter.empty());
  const PlanNode& inner = nested.root.children.at(1);
  CHECK(inner.parent_relationship == "Inner");
  CHECK(inner.index_cond == "(post_id = p.id)");
  CHECK(inner.filter == "(post_id = p.id) (created < (p.created_at + '5 days'::interval))");
  CHECK(inner.rows_removed_by_index_recheck == 0);
  CHECK(inner.rows_removed_by_filter == 2);
  CHECK(inner.actual_loops == 230);
}

TEST_CASE("every buffer counter is kept, and I/O timings only when tracked", "[plan]") {
  Plan plan = recorded_plan("blog_post_list");
  const PlanNode& root = plan.root;
  CHECK(root.shared_hit_blocks == 6237);
  CHECK(root.shared_read_blocks == 1818);
  CHECK(root.shared_dirtied_blocks == 0);
  CHECK(root.shared_written_blocks == 0);
  CHECK(root.local_hit_blocks == 0);
  CHECK(root.local_read_blocks == 0);
  CHECK(root.local_dirtied_blocks == 0);
  CHECK(root.local_written_blocks == 0);
  CHECK(root.temp_read_blocks == 0);
  CHECK(root.temp_written_blocks == 0);
  CHECK_FALSE(root.io_read_ms);
  CHECK_FALSE(root.io_write_ms);
  CHECK_FALSE(root.temp_io_read_ms);
  CHECK(plan_nodes(plan).at(3)->shared_hit_blocks == 6163);
  CHECK(plan_nodes(plan).at(1)->workers_launched == 2);
  CHECK_FALSE(root.hash_batches);
  CHECK_FALSE(root.sort_space_used_kb);
}

TEST_CASE("the triggers fired by an analyzed statement are kept", "[plan]") {
  Plan insert = recorded_plan("comment_insert_triggers");
  CHECK(insert.root.node_type == "ModifyTable");
  REQUIRE(insert.triggers.size() == 1);
  const PlanTrigger& trigger = insert.triggers[0];
  CHECK(trigger.name == "RI_ConstraintTrigger_c_16596");
  CHECK(trigger.constraint_name == "blog_comment_post_id_580e96ef_fk_blog_post_id");
  CHECK(trigger.relation == "blog_comment");
  CHECK(trigger.time_ms == Approx(0.302));
  CHECK(trigger.calls == 5);
  CHECK(recorded_plan("blog_post_list").triggers.empty());
}

TEST_CASE("row_estimate_error is a factor of at least 1, per loop", "[plan]") {
  CHECK_FALSE(row_estimate_error(node_with_rows(100, std::nullopt)));
  CHECK_FALSE(row_estimate_error(node_with_rows(100, 0, 0)));  // never executed
  CHECK(*row_estimate_error(node_with_rows(100, 100)) == Approx(1));
  CHECK(*row_estimate_error(node_with_rows(100, 10)) == Approx(10));
  CHECK(*row_estimate_error(node_with_rows(10, 100)) == Approx(10));
  CHECK(*row_estimate_error(node_with_rows(1, 0)) == Approx(1));
  CHECK(*row_estimate_error(node_with_rows(0, 0)) == Approx(1));
  CHECK(*row_estimate_error(node_with_rows(5, 0)) == Approx(5));
  CHECK(*row_estimate_error(node_with_rows(0, 40)) == Approx(40));
  // Both figures are per loop: 2 estimated and 1 found in each of 230 loops is a factor 2.
  CHECK(*row_estimate_error(node_with_rows(2, 1, 230)) == Approx(2));
}

TEST_CASE("worst_misestimate finds the node whose row estimate was furthest off", "[plan]") {
  Plan nested = recorded_plan("author_post_comments");
  const PlanNode* worst = worst_misestimate(nested);
  REQUIRE(worst);
  CHECK(worst == &nested.root.children.at(1));  // 2 rows estimated per loop, 1 found, 230 loops
  CHECK(*row_estimate_error(*worst) == Approx(2));
  CHECK(*row_estimate_error(nested.root) == Approx(233.0 / 148));

  Plan top_n = recorded_plan("blog_post_list");
  worst = worst_misestimate(top_n);
  REQUIRE(worst);
  CHECK(worst->node_type == "Gather Merge");  // cut short by the Limit: 79160 estimated, 20 read
  CHECK(*row_estimate_error(*worst) == Approx(79160.0 / 20));

  Plan not_analyzed;
  not_analyzed.root = node_with_rows(1000, std::nullopt);
  not_analyzed.root.children.push_back(node_with_rows(10, std::nullopt));
  CHECK(worst_misestimate(not_analyzed) == nullptr);
}

TEST_CASE("a plan field of the wrong type is rejected as a runtime_error", "[plan]") {
  nlohmann::json document = recorded_json("post_sort_on_disk");
  document[0]["Plan"]["Plans"][0]["Sort Space Used"] = "a lot";
  CHECK_THROWS_AS(parse_explain_json(document), std::runtime_error);
}
