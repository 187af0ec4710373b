// The findings made to agree with the proposals: the two findings of one scan merged, the
// serving proposal quoted (never another column list), a timed-out template's own finding with
// its rewrite, severities from the time at stake, and one template's savings capped at its time.
#include <catch2/catch.hpp>

#include "advisor/findings/finding_reconcile.hpp"

using namespace pgadvisor;

namespace {

TemplateAdvice entry(const std::string& fingerprint, long long calls, double total_ms, ReplayStatus status) {
  TemplateAdvice out;
  out.tmpl.fingerprint = fingerprint;
  out.tmpl.calls = calls;
  out.tmpl.total_ms = total_ms;
  out.replay.status = status;
  if (status == ReplayStatus::TimedOut) out.replay.lower_bound_ms = 30000;
  return out;
}

Finding finding(const std::string& kind, const std::string& fingerprint, double saving_ms, const std::string& relation) {
  Finding out;
  out.kind = *finding_kind_from_name(kind);
  out.templates = {fingerprint};
  out.saving_ms = saving_ms;
  out.evidence = {{"relation", relation}};
  out.fix_django = "# see the proposed indexes: an index on " + relation + " (published)";
  return out;
}

Advice sample_advice() {
  Advice advice;
  advice.templates = {entry("list", 9, 500, ReplayStatus::Analyzed), entry("slow", 2, 60000, ReplayStatus::TimedOut),
                      entry("cheap", 100, 20, ReplayStatus::Analyzed)};
  IndexProposal proposal;
  proposal.candidate.definition = {"", "blog_post", {{"created_at", true}}, "published", {}};
  proposal.templates.push_back({"list", 9, 100, 1, "", "", 300, true, std::nullopt, std::nullopt, ""});
  advice.indexes.push_back(proposal);
  RewriteAdvice rewrite;
  rewrite.fingerprint = "slow";
  rewrite.verdict = RewriteVerdict::Proposed;
  rewrite.before_ms = 30000;
  rewrite.before_is_lower_bound = true;
  rewrite.after_ms = 20;
  rewrite.recommended = "not_exists";
  RewriteAlternative exists;
  exists.kind = "not_exists";
  exists.sql = "SELECT ... WHERE NOT EXISTS (...)";
  exists.django = "~Exists(...)";
  rewrite.alternatives.push_back(exists);
  advice.rewrites.push_back(rewrite);
  advice.findings = {finding("filter_discards", "list", 300, "blog_post"),
                     finding("seq_scan_large_frequent", "list", 300, "blog_post"),
                     finding("duplicate_queries", "list", 400, "blog_post"),
                     finding("n_plus_one", "cheap", 1, "blog_author")};
  return advice;
}

const Finding* of_kind(const Advice& advice, const std::string& kind) {
  for (const auto& f : advice.findings)
    if (finding_kind_name(f.kind) == kind) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("findings: one per scan, quoting the proposal that serves the template", "[advisor][findings]") {
  Advice advice = sample_advice();
  advice.findings = reconcile_findings(advice);
  CHECK_FALSE(of_kind(advice, "seq_scan_large_frequent"));
  const Finding* scan = of_kind(advice, "filter_discards");
  REQUIRE(scan);
  CHECK(scan->evidence["merged"] == "seq_scan_large_frequent");
  CHECK(scan->fix_sql == advice.indexes[0].candidate.ddl());
  CHECK(scan->fix_django.find(advice.indexes[0].candidate.name()) != std::string::npos);
  CHECK(scan->fix_django.find("(published)") == std::string::npos);  // not a column list of its own
}

TEST_CASE("findings: a timed-out template has its own, with the recommended fix", "[advisor][findings]") {
  Advice advice = sample_advice();
  advice.findings = reconcile_findings(advice);
  const Finding* slow = of_kind(advice, "timed_out");
  REQUIRE(slow);
  CHECK(slow->templates == std::vector<std::string>{"slow"});
  CHECK(slow->fix_sql == "SELECT ... WHERE NOT EXISTS (...)");
  CHECK(slow->saving_ms == Approx(60000 - 2 * 20));  // the logged time less the fix's, at the log's calls
  CHECK(slow->severity == Severity::High);
  CHECK(advice.findings.front().kind == FindingKind::TimedOut);  // the most time at stake comes first
}

TEST_CASE("findings: severity from the time at stake, savings capped at the template's time", "[advisor][findings]") {
  Advice advice = sample_advice();
  advice.findings = reconcile_findings(advice);
  CHECK(of_kind(advice, "n_plus_one")->severity == Severity::Low);  // 1 ms at stake in a log of a minute
  double claimed = 0;
  for (const auto& f : advice.findings)
    if (f.templates.front() == "list") claimed += f.saving_ms;
  CHECK(claimed == Approx(500));  // 300 + 400 claimed, the template took 500 ms
  CHECK(of_kind(advice, "duplicate_queries")->evidence.contains("saving_capped"));
  CHECK(severity_for_time(1500, 1e9) == Severity::High);
  CHECK(severity_for_time(60, 1e9) == Severity::Medium);
  CHECK(severity_for_time(5, 100) == Severity::Medium);  // 5% of the log
  CHECK(severity_for_time(5, 1e6) == Severity::Low);
}
