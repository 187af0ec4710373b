#include "advisor/findings/session_findings.hpp"

#include <catch2/catch.hpp>

#include "tests/support/fixture_log.hpp"
#include "tests/support/log_test_support.hpp"

namespace pgadvisor {
namespace {

using testing::fixture_workload;

const QueryTemplate& template_of(const Workload& workload, const std::string& fingerprint) {
  for (const auto& tmpl : workload.templates())
    if (tmpl.fingerprint == fingerprint) return tmpl;
  FAIL("no template " << fingerprint);
  throw std::logic_error("unreachable");
}

std::vector<const Finding*> of_kind(const std::vector<Finding>& findings, const std::string& kind) {
  std::vector<const Finding*> out;
  for (const auto& finding : findings)
    if (finding_kind_name(finding.kind) == kind) out.push_back(&finding);
  return out;
}

bool mentions(const Workload& workload, const Finding& finding, const std::string& fragment) {
  return template_of(workload, finding.templates.front()).normalized_sql.find(fragment) != std::string::npos;
}

Statement statement(const std::string& sql, const std::string& session, const std::string& at, double ms, int line) {
  return testing::logged_statement(sql, session, at, ms, line);
}

// The three habits of the fixture traffic, on the right templates, and nothing on the clean ones.
void check_fixture(const Workload& workload, bool timed) {
  REQUIRE(workload.sessions().events().size() == static_cast<size_t>(workload.statement_count()));
  CHECK(workload.sessions().timed() == timed);
  auto findings = session_findings(workload);

  auto n_plus_one = of_kind(findings, "n_plus_one");
  REQUIRE(n_plus_one.size() == 1);
  const Finding& loop = *n_plus_one[0];
  CHECK(mentions(workload, loop, "FROM \"blog_author\" WHERE \"blog_author\".\"id\" = $1"));
  CHECK(loop.evidence["runs"] == 20);
  CHECK(loop.evidence["distinct_parameters"] == 19);  // author 511 twice
  CHECK(loop.evidence["variant"] == "forward_foreign_key");
  CHECK(template_of(workload, loop.evidence["parent_template"]).normalized_sql.find("FROM \"blog_post\"") !=
        std::string::npos);
  CHECK(loop.templates.size() == 2);
  CHECK(loop.fix_django.find("Post.objects.select_related('author')") != std::string::npos);
  CHECK(loop.fix_django.find("parent selects author_id") != std::string::npos);
  CHECK(loop.severity == Severity::High);
  CHECK(loop.saving_ms == Approx(19 * template_of(workload, loop.templates[0]).mean_ms()));
  CHECK(loop.evidence["window_ms"].is_null() == !timed);

  auto writes = of_kind(findings, "writes_in_loop");
  REQUIRE(writes.size() == 1);
  CHECK(mentions(workload, *writes[0], "UPDATE \"blog_comment\""));
  CHECK(writes[0]->evidence["runs"] == 20);
  CHECK(writes[0]->evidence["statement"] == "update");
  CHECK(writes[0]->fix_django.find("Comment.objects.bulk_update(objs, ['post', 'text', 'active', 'created']") !=
        std::string::npos);
  CHECK(writes[0]->severity == Severity::High);

  auto counted = of_kind(findings, "count_then_fetch");
  REQUIRE(counted.size() == 1);
  CHECK(mentions(workload, *counted[0], "SELECT COUNT(*) AS \"__count\" FROM \"users_user\""));
  const QueryTemplate& fetch = template_of(workload, counted[0]->templates[1]);
  CHECK(fetch.normalized_sql.find("SELECT \"users_user\".\"id\"") == 0);
  CHECK(fetch.normalized_sql.find("\"users_user\".\"created\" >=") != std::string::npos);
  CHECK(counted[0]->evidence["occurrences"] == 1);
  CHECK(counted[0]->fix_django.find("len(rows)") != std::string::npos);

  // The N+1's repeated author 511 is the N+1's, not a duplicate finding of its own.
  for (const Finding* duplicate : of_kind(findings, "duplicate_queries")) {
    CHECK_FALSE(mentions(workload, *duplicate, "blog_author"));
    CHECK(duplicate->evidence["repeats"] >= 2);
  }

  // Clean views: no finding names their templates.
  for (const char* clean : {"ORDER BY \"blog_book\".\"price\" ASC LIMIT", "WHERE \"users_user\".\"email\" ="}) {
    const QueryTemplate& tmpl = testing::template_containing(workload, clean);
    for (const auto& finding : findings)
      for (const auto& fingerprint : finding.templates) CHECK_FALSE(fingerprint == tmpl.fingerprint);
  }
}

}  // namespace

TEST_CASE("session findings: the server log of the fixture traffic, one pid", "[findings]") {
  Workload workload = fixture_workload("blog/logs/postgresql.log");
  REQUIRE(workload.sessions().session_count() == 1);
  CHECK(workload.sessions().session_name(0) == "7441");
  check_fixture(workload, true);
}

TEST_CASE("session findings: Django's log of the same traffic, one process, no timestamps", "[findings]") {
  Workload workload = fixture_workload("blog/logs/django.log");
  REQUIRE(workload.sessions().session_count() == 1);
  CHECK(workload.sessions().session_name(0).empty());
  check_fixture(workload, false);
  // post_list page 1 runs six times: once for each view that shows the front page
  auto summaries = session_summaries(workload);
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].queries == 84);
  CHECK(summaries[0].duplicates > 5);
  CHECK(summaries[0].first_line == 1);
}

TEST_CASE("duplicate_queries: the same statement with the same parameters in one session", "[findings]") {
  Workload workload;
  const std::string user = "SELECT id, name FROM app_user WHERE id = $1";
  auto with = [](Statement s, std::string param) {
    s.params = {std::move(param)};
    return s;
  };
  workload.add(with(statement(user, "1", "2024-06-30 12:00:00.000 UTC", 2, 1), "7"));
  workload.add(with(statement(user, "1", "2024-06-30 12:00:00.010 UTC", 2, 2), "8"));   // other parameter
  workload.add(with(statement(user, "1", "2024-06-30 12:00:00.020 UTC", 2, 3), "7"));   // a repeat
  workload.add(with(statement(user, "2", "2024-06-30 12:00:00.030 UTC", 2, 4), "7"));   // other session
  workload.add(with(statement(user, "1", "2024-06-30 12:00:00.040 UTC", 2, 5), "7"));   // a repeat
  workload.add(with(statement(user, "1", "2024-06-30 13:00:00.000 UTC", 2, 6), "7"));   // an hour later
  workload.add(statement("BEGIN", "1", "2024-06-30 13:00:00.001 UTC", 0, 7));
  workload.add(statement("BEGIN", "1", "2024-06-30 13:00:00.002 UTC", 0, 8));          // not a SELECT
  REQUIRE(workload.sessions().session_count() == 2);

  auto findings = session_findings(workload);
  REQUIRE(findings.size() == 1);
  const Finding& duplicate = findings[0];
  CHECK(duplicate.kind == FindingKind::DuplicateQueries);
  CHECK(duplicate.evidence["session"] == "1");
  CHECK(duplicate.evidence["repeats"] == 3);
  CHECK(duplicate.evidence["total_ms"] == Approx(6));
  CHECK(duplicate.evidence["window_ms"] == Approx(40));
  CHECK(duplicate.evidence["first_line"] == 1);
  CHECK(duplicate.saving_ms == Approx(2 * 2));
  CHECK(duplicate.severity == Severity::Medium);
  CHECK(duplicate.evidence["scope"] == "burst");  // session 1 idles an hour: two bursts
  CHECK(duplicate.evidence["burst"] == 1);

  SessionFindingOptions whole_session;
  whole_session.duplicate_window_seconds = 0;  // the hour-later run is in another burst
  auto all = session_findings(workload, whole_session);
  REQUIRE(all.size() == 1);
  CHECK(all[0].evidence["repeats"] == 3);
  whole_session.burst_gap_seconds = 0;  // no bursts: the hour-later run counts too
  all = session_findings(workload, whole_session);
  REQUIRE(all.size() == 1);
  CHECK(all[0].evidence["repeats"] == 4);

  auto summaries = session_summaries(workload);
  REQUIRE(summaries.size() == 3);  // session 1's two bursts, then session 2
  CHECK(summaries[0].session == "1");
  CHECK(summaries[0].burst == 1);
  CHECK(summaries[0].queries == 4);
  CHECK(summaries[0].duplicates == 2);  // 2 repeats of id 7
  CHECK(summaries[0].total_ms == Approx(8));
  CHECK(summaries[0].window_ms == Approx(40));
  CHECK(summaries[1].burst == 2);
  CHECK(summaries[1].queries == 3);
  CHECK(summaries[1].duplicates == 1);  // BEGIN again
  CHECK(summaries[2].session == "2");
  CHECK(summaries[2].burst == 0);
  CHECK(summaries[2].scope == "session");
  CHECK(summaries[2].queries == 1);
  CHECK(summaries[2].first_line == 4);

  SessionFindingOptions no_bursts;
  no_bursts.burst_gap_seconds = 0;
  summaries = session_summaries(workload, no_bursts);
  REQUIRE(summaries.size() == 2);
  CHECK(summaries[0].queries == 7);
  CHECK(summaries[0].duplicates == 4);  // 3 repeats of id 7, and BEGIN again
  CHECK(summaries[0].total_ms == Approx(10));
}

TEST_CASE("n_plus_one: runs too few, too far apart, or with one parameter are no loop", "[findings]") {
  auto run = [](int n, double step_seconds, bool vary, int others_between) {
    Workload workload;
    int line = 0;
    double at = 0;
    auto stamp = [&] {
      char text[64];
      std::snprintf(text, sizeof text, "2024-06-30 12:%02d:%06.3f UTC", static_cast<int>(at / 60),
                    at - 60 * static_cast<int>(at / 60));
      return std::string(text);
    };
    workload.add(statement("SELECT id, author_id FROM blog_post WHERE published LIMIT 20", "", stamp(), 5, ++line));
    for (int i = 0; i < n; ++i) {
      at += step_seconds;
      workload.add(statement("SELECT id, name FROM blog_author WHERE id = " + std::to_string(vary ? i + 1 : 1), "",
                             stamp(), 1, ++line));
      for (int k = 0; k < others_between; ++k)
        workload.add(statement("SELECT id FROM blog_tag WHERE name = 'x" + std::to_string(k) + "' AND id > 0", "",
                               stamp(), 1, ++line));
    }
    return of_kind(session_findings(workload), "n_plus_one").size();
  };
  CHECK(run(5, 0.001, true, 0) == 1);
  CHECK(run(4, 0.001, true, 0) == 0);   // fewer than n_plus_one_min
  CHECK(run(5, 2.0, true, 0) == 0);     // 2 s apart: no loop
  CHECK(run(5, 0.001, false, 0) == 0);  // the same row each time: duplicates, not N+1
  CHECK(run(5, 0.001, true, 3) == 1);   // interleaved with other per-row queries
  CHECK(run(5, 0.001, true, 4) == 0);
}

TEST_CASE("n_plus_one: reverse foreign key and deferred field", "[findings]") {
  Workload reverse;
  reverse.add(statement("SELECT id, title FROM blog_post ORDER BY id LIMIT 10", "9", "", 1, 1));
  for (int i = 1; i <= 6; ++i)
    reverse.add(statement("SELECT id, text FROM blog_comment WHERE post_id = " + std::to_string(i), "9", "", 1, i + 1));
  CHECK_FALSE(reverse.sessions().timed());
  auto found = session_findings(reverse);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence["variant"] == "reverse_foreign_key");
  CHECK(found[0].fix_django.find("Post.objects.prefetch_related('comment_set')") != std::string::npos);
  CHECK(found[0].evidence["window_ms"].is_null());

  Workload deferred;
  deferred.add(statement("SELECT id, title FROM blog_post LIMIT 10", "9", "", 1, 1));
  for (int i = 1; i <= 6; ++i)
    deferred.add(statement("SELECT id, body FROM blog_post WHERE id = " + std::to_string(i), "9", "", 1, i + 1));
  found = session_findings(deferred);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence["variant"] == "deferred_field");
  CHECK(found[0].fix_django.find("only(..., 'body')") != std::string::npos);
}

TEST_CASE("writes_in_loop: single-row INSERTs, not multi-row ones", "[findings]") {
  Workload workload;
  for (int i = 0; i < 6; ++i)
    workload.add(statement("INSERT INTO blog_tag (name) VALUES ('t" + std::to_string(i) + "') RETURNING id", "1", "", 1,
                           i + 1));
  for (int i = 0; i < 6; ++i)
    workload.add(statement("INSERT INTO blog_like (post_id, user_id) VALUES (1, " + std::to_string(i) + "), (2, 3)",
                           "1", "", 1, i + 10));
  auto findings = session_findings(workload);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == FindingKind::WritesInLoop);
  CHECK(findings[0].evidence["statement"] == "insert");
  CHECK(findings[0].fix_django.find("Tag.objects.bulk_create(objs") != std::string::npos);
}

TEST_CASE("session log: timestamps, parameters and its bound", "[findings]") {
  CHECK(parse_log_timestamp("2024-06-30 12:00:00.123 UTC") == Approx(1719748800.123));
  CHECK(parse_log_timestamp("2024-06-30T12:00:01") == Approx(1719748801));
  CHECK(*parse_log_timestamp("2024-07-01 00:00:01 UTC") - *parse_log_timestamp("2024-06-30 23:59:59 UTC") ==
        Approx(2));
  CHECK(parse_log_timestamp("1719748800.500") == Approx(1719748800.5));
  CHECK_FALSE(parse_log_timestamp("yesterday"));
  CHECK_FALSE(parse_log_timestamp(""));

  Statement a = statement("SELECT 1 WHERE $1 = 1", "", "", 1, 1);
  a.params = {std::string("1")};
  Statement b = a;
  b.params = {std::nullopt};
  Statement c = a;
  CHECK(statement_params_hash(a) == statement_params_hash(c));
  CHECK(statement_params_hash(a) != statement_params_hash(b));

  // In a workload: the first run is parsed, the next ones hit the shape cache; same hash.
  Workload workload;
  for (const char* sql : {"SELECT * FROM t WHERE a = 'x' AND b = 1", "SELECT * FROM t WHERE a = 'x' AND b = 1",
                          "SELECT * FROM t WHERE a = 'x' AND b = 2", "SELECT * FROM t WHERE a = 'x1' AND b = 1",
                          "SELECT * FROM t WHERE a = 'x' AND b = 1"})
    workload.add(statement(sql, "", "", 1, 1));
  const auto& events = workload.sessions().events();
  REQUIRE(events.size() == 5);
  CHECK(events[0].params_hash == events[1].params_hash);
  CHECK(events[0].params_hash == events[4].params_hash);
  CHECK(events[0].params_hash != events[2].params_hash);
  CHECK(events[0].params_hash != events[3].params_hash);
  CHECK(events[2].params_hash != events[3].params_hash);
  CHECK(workload.counters().shape_hits == 4);

  SessionLog log(3);
  for (int i = 0; i < 5; ++i) log.append(statement("SELECT 1", i % 2 ? "p2" : "p1", "", 1, i + 1), 0);
  CHECK(log.events().size() == 3);
  CHECK(log.truncated());
  CHECK(log.dropped() == 2);
  CHECK(log.session_count() == 2);
  CHECK(log.events()[2].session == 0);
  CHECK(log.events()[2].at_seconds == 2);  // the ordinal: no timestamps

  // A pg_stat_statements summary has no sequence.
  Workload summary;
  summary.add_summary(statement("SELECT 1", "", "", 1, 1), 10, 10, 1);
  CHECK(summary.sessions().events().empty());
  CHECK(session_findings(summary).empty());
  CHECK(session_summaries(summary).empty());
}

}  // namespace pgadvisor
