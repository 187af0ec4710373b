// Tests of reading auto_explain's log messages, on plans that PostgreSQL 15 logged in the text and
// JSON formats for this purpose (fixtures/logs/captured/auto_explain_*.log, see its README): four
// queries of the blog fixture's Django log, the last one sent on several lines.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "plans/log/auto_explain.hpp"
#include "plans/log/log_line_prefix.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

const char kText[] = "fixtures/logs/captured/auto_explain_text.log";
const char kJson[] = "fixtures/logs/captured/auto_explain_json.log";

// The four queries, in the order they were run (fixtures/blog/logs/django.log lines 1, 35, 49,
// and the list page of line 1 on several lines with fewer columns).
const std::vector<std::string> kQueries = {
    R"(SELECT "blog_post"."id", "blog_post"."author_id", "blog_post"."title", "blog_post"."slug", )"
    R"("blog_post"."body", "blog_post"."published", "blog_post"."created_at", )"
    R"("blog_post"."published_at", "blog_post"."view_count" FROM "blog_post" WHERE )"
    R"("blog_post"."published" ORDER BY "blog_post"."created_at" DESC LIMIT 20;)",
    R"(SELECT "todos_todo"."id", "todos_todo"."title", "todos_todo"."is_completed", )"
    R"("todos_todo"."priority", "todos_todo"."created", "todos_todo"."modified" FROM "todos_todo" )"
    R"(WHERE (NOT ("todos_todo"."id" IN (SELECT U0."todo_id" FROM "todos_todoassignee" U0 WHERE )"
    R"(U0."is_completed")) AND "todos_todo"."priority" >= 8) LIMIT 50;)",
    R"(SELECT "blog_book"."id", "blog_book"."title", "blog_book"."publisher_id", )"
    R"("blog_book"."published_date", "blog_book"."price", "blog_publisher"."id", )"
    R"("blog_publisher"."name" FROM "blog_book" INNER JOIN "blog_publisher" ON )"
    R"(("blog_book"."publisher_id" = "blog_publisher"."id") WHERE "blog_book"."publisher_id" = 7 )"
    R"(ORDER BY "blog_book"."price" ASC LIMIT 10;)",
    "SELECT \"blog_post\".\"id\", \"blog_post\".\"title\", \"blog_post\".\"created_at\"\n"
    "  FROM \"blog_post\"\n"
    " WHERE \"blog_post\".\"published\"\n"
    " ORDER BY \"blog_post\".\"created_at\" DESC\n"
    "LIMIT 20;",
};

// One LOG record of a capture: its message as the readers hand it over (the text after
// "LOG:  ", continuation lines joined with "\n" without their leading tab), and the continuation
// lines alone, verbatim.
struct LoggedMessage {
  std::string message;
  std::vector<std::string> continuation;
};

std::vector<LoggedMessage> messages_of(const std::string& relative) {
  std::vector<LoggedMessage> messages;
  for (const std::string& line : source_lines(relative)) {
    if (!line.empty() && line[0] == '\t') {
      REQUIRE(!messages.empty());
      messages.back().message.append("\n").append(line, 1);
      messages.back().continuation.push_back(line);
      continue;
    }
    const auto prefix = parse_log_line_prefix(line);
    REQUIRE(prefix);
    REQUIRE(prefix->severity == "LOG");
    CHECK(prefix->user == "postgres");
    CHECK(prefix->database == "blog");
    messages.push_back(LoggedMessage{prefix->message, {}});
  }
  return messages;
}

// The continuation lines from `first` on, without their tab, joined with "\n".
std::string lines_from(const LoggedMessage& logged, size_t first) {
  std::string text;
  for (size_t i = first; i < logged.continuation.size(); ++i) {
    if (i > first) text += "\n";
    text += logged.continuation[i].substr(1);
  }
  return text;
}

std::vector<std::string> node_types(const Plan& plan) {
  std::vector<std::string> types;
  for (const PlanNode* node : plan_nodes(plan)) {
    types.push_back(node->node_type + (node->relation.empty() ? "" : " on " + node->relation));
  }
  return types;
}

}  // namespace

TEST_CASE("auto_explain text format: query, duration and plan as logged", "[log][auto_explain]") {
  const auto messages = messages_of(kText);
  REQUIRE(messages.size() == 4);
  const std::vector<double> durations = {102.617, 241.161, 1.627, 57.451};
  // The plan starts on the continuation line after the query's lines.
  const std::vector<size_t> plan_lines = {1, 1, 1, 5};
  for (size_t i = 0; i < messages.size(); ++i) {
    INFO("record " << i);
    const auto record = parse_auto_explain(messages[i].message);
    REQUIRE(record);
    CHECK(record->error.empty());
    CHECK_FALSE(record->json);
    CHECK_FALSE(record->plan);
    CHECK(record->duration_ms == Approx(durations[i]).epsilon(0));
    CHECK(record->query_text == kQueries[i]);
    CHECK(record->plan_text == lines_from(messages[i], plan_lines[i]));
    CHECK(record->plan_text.rfind("Limit  (cost=", 0) == 0);
  }
}

TEST_CASE("auto_explain text format: a query line is not taken for the plan",
          "[log][auto_explain]") {
  // The multi-line list page: its "LIMIT 20;" line, then a line that looks like a root node line
  // but whose costs are incomplete, stay in the query.
  auto message = messages_of(kText)[3].message;
  const std::string limit = "\nLIMIT 20;";
  const size_t at = message.find(limit);
  REQUIRE(at != std::string::npos);
  message.insert(at + limit.size(), "\nLimit  (cost=1.00..2.00 rows=3)");
  const auto record = parse_auto_explain(message);
  REQUIRE(record);
  CHECK(record->error.empty());
  CHECK(record->query_text == kQueries[3] + "\nLimit  (cost=1.00..2.00 rows=3)");
  const std::string root = "Limit  (cost=10867.22..10869.55 rows=20 width=34) (actual time=";
  CHECK(record->plan_text.rfind(root, 0) == 0);
}

TEST_CASE("auto_explain JSON format: query, duration and parsed plan", "[log][auto_explain]") {
  const auto messages = messages_of(kJson);
  REQUIRE(messages.size() == 4);
  const std::vector<double> durations = {98.041, 253.742, 0.723, 65.114};
  const std::vector<std::vector<std::string>> trees = {
      {"Limit", "Gather Merge", "Sort", "Seq Scan on blog_post"},
      {"Limit", "Seq Scan on todos_todo", "Seq Scan on todos_todoassignee"},
      {"Limit", "Sort", "Nested Loop", "Seq Scan on blog_publisher",
       "Bitmap Heap Scan on blog_book", "Bitmap Index Scan"},
      {"Limit", "Gather Merge", "Sort", "Seq Scan on blog_post"},
  };
  for (size_t i = 0; i < messages.size(); ++i) {
    INFO("record " << i);
    const auto record = parse_auto_explain(messages[i].message);
    REQUIRE(record);
    CHECK(record->error.empty());
    CHECK(record->json);
    CHECK(record->duration_ms == Approx(durations[i]).epsilon(0));
    CHECK(record->query_text == kQueries[i]);
    CHECK(record->plan_text == lines_from(messages[i], 0));
    REQUIRE(record->plan);
    CHECK(record->plan->root.node_type == "Limit");
    CHECK(node_types(*record->plan) == trees[i]);
    CHECK(record->plan->root.actual_loops == 1.0);
    CHECK(record->plan->root.shared_hit_blocks.has_value());
  }
  const auto list_page = parse_auto_explain(messages[0].message);
  CHECK(list_page->plan->root.plan_rows == 20);
  CHECK(list_page->plan->root.actual_rows == 20.0);
  const PlanNode& scan = list_page->plan->root.children.at(0).children.at(0).children.at(0);
  CHECK(scan.filter == "published");
  CHECK(scan.rows_removed_by_filter == 34965.0);
  CHECK(scan.actual_loops == 3.0);
}

TEST_CASE("auto_explain: other messages are not auto_explain's", "[log][auto_explain]") {
  for (const std::string message :
       {"duration: 0.052 ms  statement: SELECT 1", "duration: 0.052 ms", "statement: SELECT 1",
        "execute <unnamed>: SELECT 1", "duration: 0.052 ms  execute S_1: SELECT 1\nplan:",
        "checkpoint starting: time", ""}) {
    INFO(message);
    CHECK_FALSE(parse_auto_explain(message));
  }
}

TEST_CASE("auto_explain: a record that cannot be read gives an error", "[log][auto_explain]") {
  const std::string text = messages_of(kText)[2].message;
  const std::string json = messages_of(kJson)[2].message;
  const size_t header = text.find('\n');

  SECTION("JSON cut short") {
    const auto record = parse_auto_explain(json.substr(0, json.size() / 2));
    REQUIRE(record);
    CHECK(record->json);
    CHECK(record->duration_ms == Approx(0.723).epsilon(0));
    CHECK(record->error.rfind("auto_explain JSON plan does not parse: ", 0) == 0);
    CHECK_FALSE(record->plan);
  }
  SECTION("JSON without a plan") {
    const auto record =
        parse_auto_explain("duration: 1.5 ms  plan:\n{\n  \"Query Text\": \"SELECT 1\"\n}");
    REQUIRE(record);
    CHECK(record->query_text == "SELECT 1");
    CHECK(record->error.rfind("auto_explain JSON plan cannot be read: ", 0) == 0);
  }
  SECTION("text without its plan tree") {
    const size_t query_end = text.find('\n', header + 1);
    const auto record = parse_auto_explain(text.substr(0, query_end));
    REQUIRE(record);
    CHECK(record->query_text == kQueries[2]);
    CHECK(record->error == "auto_explain plan has no plan tree after its Query Text");
  }
  SECTION("YAML and XML formats") {
    const auto yaml = parse_auto_explain(
        "duration: 0.1 ms  plan:\nQuery Text: \"SELECT 1\"\nPlan: \n  Node Type: \"Result\"");
    REQUIRE(yaml);
    CHECK(yaml->error.find("YAML") != std::string::npos);
    const auto xml =
        parse_auto_explain("duration: 0.1 ms  plan:\n<explain xmlns=\"x\">\n</explain>");
    REQUIRE(xml);
    CHECK(xml->error.find("XML") != std::string::npos);
  }
  SECTION("no plan, or a bad duration") {
    const auto empty = parse_auto_explain(text.substr(0, header));
    REQUIRE(empty);
    CHECK(empty->duration_ms == Approx(1.627).epsilon(0));
    CHECK(empty->error.rfind("auto_explain plan of unknown form", 0) == 0);
    const auto bad = parse_auto_explain("duration: 1,5 ms  plan:" + text.substr(header));
    REQUIRE(bad);
    CHECK(bad->error.rfind("auto_explain duration is not a number", 0) == 0);
  }
}

TEST_CASE("auto_explain text format: root node lines of other shapes", "[log][auto_explain]") {
  // The captured join, its root line replaced by roots PostgreSQL 15 prints for other plans and
  // settings (auto_explain.log_timing = off drops "time=").
  const std::string captured = messages_of(kText)[2].message;
  const size_t query_end = captured.find('\n', captured.find('\n') + 1);
  const size_t root_end = captured.find('\n', query_end + 1);
  for (const std::string root :
       {"Index Scan using blog_post_pkey on blog_post  (cost=0.29..8.31 rows=1 width=287) "
        "(actual time=0.010..0.011 rows=1 loops=1)",
        "Limit  (cost=214.68..214.71 rows=10 width=61) (actual rows=10 loops=1)",
        "Result  (cost=0.00..0.01 rows=1 width=4)"}) {
    INFO(root);
    const std::string message =
        captured.substr(0, query_end + 1) + root + captured.substr(root_end);
    const auto record = parse_auto_explain(message);
    REQUIRE(record);
    CHECK(record->error.empty());
    CHECK(record->query_text == kQueries[2]);
    CHECK(record->plan_text == message.substr(query_end + 1));
  }
}
