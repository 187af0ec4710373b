// advisor/finding_savings on the real sandbox: a spilled sort's work_mem is tried only below the
// cap, the statement runs in a rolled-back READ ONLY transaction (the database is unchanged),
// and a finding an index serves takes the proposal's saving.
#include <catch2/catch.hpp>

#include "advisor/findings/finding_savings.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

TemplateAdvice select_template(const std::string& sql) {
  TemplateAdvice entry;
  entry.tmpl.fingerprint = "f1";
  entry.tmpl.normalized_sql = sql;
  entry.tmpl.sample.sql = sql;
  entry.tmpl.calls = 4;
  entry.tmpl.statement_class.kind = StatementKind::Select;
  entry.replay.status = ReplayStatus::Analyzed;
  return entry;
}

Finding work_mem_finding(const std::string& kind, long long mb) {
  Finding finding;
  finding.kind = *finding_kind_from_name(kind);
  finding.templates = {"f1"};
  finding.evidence = {{"work_mem_mb", mb}};
  return finding;
}

}  // namespace

TEST_CASE("work_mem is tried within the cap, in a rolled-back read-only transaction", "[pg][findings]") {
  Session session(test_dsn(), {});
  std::vector<std::string> before = database_checksum(session);
  Advice advice;
  advice.templates.push_back(select_template("SELECT id, title, body FROM blog_post ORDER BY view_count DESC, id"));
  advice.findings = {work_mem_finding("disk_sort", 64), work_mem_finding("hash_spill", 4096)};
  FindingSavingOptions options;
  options.runs = 1;
  advice.findings = estimate_finding_savings(session, options, advice);

  const Finding* tried = nullptr;
  const Finding* capped = nullptr;
  for (const auto& f : advice.findings) (f.kind == FindingKind::DiskSort ? tried : capped) = &f;
  REQUIRE(tried != nullptr);
  REQUIRE(capped != nullptr);
  INFO(tried->evidence.dump());
  CHECK(tried->evidence["saving_basis"].get<std::string>().rfind("measured:", 0) == 0);
  CHECK(tried->evidence["measured_ms"].get<double>() > 0);
  CHECK(tried->evidence["with_work_mem_ms"].get<double>() > 0);
  CHECK(tried->saving_ms == Approx(4 * std::max(tried->evidence["measured_ms"].get<double>() -
                                                tried->evidence["with_work_mem_ms"].get<double>(), 0.0)));
  CHECK(capped->saving_ms == 0);
  CHECK(capped->evidence["saving_basis"].get<std::string>().find("4096MB', more than the 256 MB") != std::string::npos);
  CHECK_FALSE(capped->evidence.contains("measured_ms"));
  CHECK(database_checksum(session) == before);  // nothing changed
}
