// Request bursts (advisor/findings/session_findings.hpp): a session cut at idle gaps, and the scope of
// a log without session ids or timestamps.
#include <cstdio>

#include <catch2/catch.hpp>

#include "advisor/findings/session_findings.hpp"
#include "tests/support/fixture_log.hpp"
#include "tests/support/log_test_support.hpp"

namespace pgadvisor {
namespace {

std::vector<const Finding*> of_kind(const std::vector<Finding>& findings, const std::string& kind) {
  std::vector<const Finding*> out;
  for (const auto& finding : findings)
    if (finding_kind_name(finding.kind) == kind) out.push_back(&finding);
  return out;
}

Statement statement(const std::string& sql, const std::string& session, const std::string& at, double ms, int line) {
  return testing::logged_statement(sql, session, at, ms, line);
}

}  // namespace

TEST_CASE("request bursts: the fixture traffic is one burst, Django's log of it is the log", "[findings]") {
  // The server log: one pid, no idle second between the views: one group, the whole session.
  Workload server = testing::fixture_workload("blog/logs/postgresql.log");
  auto summaries = session_summaries(server);
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].burst == 0);
  CHECK(summaries[0].scope == "session");
  REQUIRE(summaries[0].window_ms);
  CHECK(*summaries[0].window_ms > 0);
  auto server_findings = session_findings(server);
  for (const Finding* duplicate : of_kind(server_findings, "duplicate_queries"))
    CHECK(duplicate->evidence["scope"] == "session");

  // Django's log: no session ids, no timestamps: its repeats are the whole log's, maybe of
  // separate requests (post_list page 1 runs once for each view that shows the front page).
  Workload django = testing::fixture_workload("blog/logs/django.log");
  summaries = session_summaries(django);
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].scope == "log");
  CHECK(summaries[0].burst == 0);
  CHECK_FALSE(summaries[0].window_ms);
  auto django_findings = session_findings(django);
  auto duplicates = of_kind(django_findings, "duplicate_queries");
  REQUIRE_FALSE(duplicates.empty());
  for (const Finding* duplicate : duplicates) {
    CHECK(duplicate->severity == Severity::Low);
    CHECK(duplicate->evidence["scope"] == "log");
    CHECK(duplicate->summary.find("in the whole log (it has no session ids or timestamps") != std::string::npos);
  }
}

TEST_CASE("request bursts: an idle gap splits a session, a short pause does not", "[findings]") {
  const std::string list = "SELECT id, title FROM blog_post WHERE published ORDER BY id LIMIT 20";
  auto twice = [&](const std::string& second_at) {
    Workload workload;
    workload.add(statement(list, "7441", "2024-06-30 12:00:00.000 UTC", 3, 1));
    workload.add(statement(list, "7441", second_at, 3, 2));
    return workload;
  };

  Workload idle = twice("2024-06-30 12:00:02.000 UTC");  // two visitors, 2 s apart
  CHECK(of_kind(session_findings(idle), "duplicate_queries").empty());
  auto summaries = session_summaries(idle);
  REQUIRE(summaries.size() == 2);
  for (unsigned i = 0; i < 2; ++i) {
    CHECK(summaries[i].session == "7441");
    CHECK(summaries[i].burst == i + 1);
    CHECK(summaries[i].scope == "burst");
    CHECK(summaries[i].queries == 1);
    CHECK(summaries[i].duplicates == 0);
    CHECK(summaries[i].window_ms == Approx(0));
  }

  Workload quick = twice("2024-06-30 12:00:00.200 UTC");  // one request, the list evaluated twice
  auto findings = session_findings(quick);  // of_kind points into it
  auto duplicates = of_kind(findings, "duplicate_queries");
  REQUIRE(duplicates.size() == 1);
  CHECK(duplicates[0]->evidence["repeats"] == 2);
  CHECK(duplicates[0]->evidence["scope"] == "session");
  CHECK(duplicates[0]->evidence["burst"] == 0);
  CHECK(duplicates[0]->summary.find("in one session") != std::string::npos);
  summaries = session_summaries(quick);
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].burst == 0);
  CHECK(summaries[0].duplicates == 1);
  CHECK(summaries[0].window_ms == Approx(200));
}

TEST_CASE("request bursts: a log without session ids or timestamps is one scope, the log", "[findings]") {
  Workload workload;
  for (int i = 0; i < 25; ++i)
    workload.add(statement("SELECT id, title FROM blog_post WHERE published ORDER BY id LIMIT 20", "", "", 5, i + 1));
  REQUIRE(workload.sessions().session_count() == 1);
  CHECK_FALSE(workload.sessions().timed());
  auto findings = session_findings(workload);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == FindingKind::DuplicateQueries);
  CHECK(findings[0].evidence["repeats"] == 25);  // High in a session: 25 runs, 120 ms to save
  CHECK(findings[0].severity == Severity::Low);
  CHECK(findings[0].evidence["scope"] == "log");
  CHECK(findings[0].summary.find("in the whole log (it has no session ids or timestamps to tell requests apart)") !=
        std::string::npos);
  CHECK(findings[0].fix_django.find("cache_page") != std::string::npos);
  auto summaries = session_summaries(workload);
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].scope == "log");
  CHECK(summaries[0].duplicates == 24);

  // With session ids (and still no timestamps) the same repeats are one session's.
  Workload session;
  for (int i = 0; i < 25; ++i)
    session.add(statement("SELECT id, title FROM blog_post WHERE published ORDER BY id LIMIT 20", "9", "", 5, i + 1));
  findings = session_findings(session);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::High);
  CHECK(findings[0].evidence["scope"] == "session");
}

TEST_CASE("request bursts: an N+1 cut by an idle gap is two short runs, not one loop", "[findings]") {
  Workload workload;
  auto at = [](int seconds, int ms) {
    char text[64];
    std::snprintf(text, sizeof text, "2024-06-30 12:00:%02d.%03d UTC", seconds, ms);
    return std::string(text);
  };
  workload.add(statement("SELECT id, author_id FROM blog_post WHERE published LIMIT 20", "1", at(0, 0), 5, 1));
  for (int i = 0; i < 6; ++i)  // 3 lookups, 2 s idle, 3 more
    workload.add(statement("SELECT id, name FROM blog_author WHERE id = " + std::to_string(i + 1), "1",
                           at(i < 3 ? 0 : 2, 10 + i), 1, i + 2));
  SessionFindingOptions patient;
  patient.window_seconds = 5;  // a loop may pause 5 s: only the burst keeps the halves apart
  CHECK(of_kind(session_findings(workload, patient), "n_plus_one").empty());
  patient.burst_gap_seconds = 0;
  auto findings = session_findings(workload, patient);
  auto loops = of_kind(findings, "n_plus_one");
  REQUIRE(loops.size() == 1);
  CHECK(loops[0]->evidence["runs"] == 6);
  CHECK(loops[0]->evidence["scope"] == "session");
}

}  // namespace pgadvisor
