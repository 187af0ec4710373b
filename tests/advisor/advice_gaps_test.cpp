// When an audit's advice could not be computed: nothing read, nothing plannable, most templates
// failing, most relations missing, the what-if engine unavailable, a failed stage, a lost
// server, each with its cause; and a complete audit with none.
#include <catch2/catch.hpp>

#include "advisor/advice_gaps.hpp"

using namespace pgadvisor;

namespace {

TemplateAdvice entry(ReplayStatus status) {
  TemplateAdvice out;
  out.tmpl.fingerprint = "t" + std::to_string(static_cast<int>(status));
  out.replay.status = status;
  return out;
}

Advice advice_of(std::vector<ReplayStatus> statuses) {
  Advice advice;
  advice.statements = 10;
  advice.database = "dbname=shop";
  for (auto status : statuses) advice.templates.push_back(entry(status));
  return advice;
}

std::string causes(const std::vector<AdviceGap>& gaps) {
  std::string out;
  for (const auto& gap : gaps) out += gap.cause + "\n";
  return out;
}

}  // namespace

TEST_CASE("a complete audit has no gap", "[advisor][gaps]") {
  Advice advice = advice_of({ReplayStatus::Analyzed, ReplayStatus::Failed, ReplayStatus::Refused});
  RelationCheck relations{true, 4, {"gone"}};
  CHECK(advice_gaps(advice, relations).empty());
}

TEST_CASE("nothing read, or nothing that can be planned, is a gap", "[advisor][gaps]") {
  Advice empty;
  auto gaps = advice_gaps(empty, {});
  REQUIRE(gaps.size() == 1);
  CHECK(gaps[0].cause == "no statement was read from the logs");
  CHECK(gaps[0].kind == GapKind::Advice);

  gaps = advice_gaps(advice_of({ReplayStatus::Refused, ReplayStatus::Refused}), {});
  REQUIRE(gaps.size() == 1);
  CHECK_THAT(gaps[0].cause, Catch::Contains("none of the 2 templates") && Catch::Contains("DDL"));
}

TEST_CASE("most templates failing or most relations missing is a gap", "[advisor][gaps]") {
  Advice advice = advice_of({ReplayStatus::Failed, ReplayStatus::Failed, ReplayStatus::Analyzed});
  auto gaps = advice_gaps(advice, {});
  REQUIRE(gaps.size() == 1);
  CHECK(gaps[0].cause == "2 of 3 templates failed to replay");
  CHECK_THAT(gaps[0].fix, Catch::Contains("dbname=shop"));

  Advice planned = advice_of({ReplayStatus::Analyzed});
  RelationCheck relations{true, 3, {"a", "b"}};
  gaps = advice_gaps(planned, relations);
  REQUIRE(gaps.size() == 1);
  CHECK_THAT(gaps[0].cause, Catch::StartsWith("2 of the 3 relations the log names do not exist in dbname=shop: a, b"));
  relations.missing = {"a"};
  CHECK(advice_gaps(planned, relations).empty());
}

TEST_CASE("an unavailable what-if engine, a failed stage and a lost server are gaps", "[advisor][gaps]") {
  Advice advice = advice_of({ReplayStatus::Analyzed});
  advice.selection.unavailable = "permission denied to create extension \"hypopg\"";
  auto stage = [](const std::string& name, StageOutcome outcome, const std::string& error) {
    StageRecord record;
    record.name = name;
    record.outcome = outcome;
    record.seconds = 0.1;
    record.error = error;
    return record;
  };
  advice.stages.push_back(stage("verify", StageOutcome::Failed, "deadlock detected"));
  advice.stages.push_back(stage("rewrites", StageOutcome::Interrupted, ""));
  // the user's bounds (--stage-budget, --skip-stage) are no gaps
  advice.stages.push_back(stage("finding savings", StageOutcome::BudgetExhausted, ""));
  advice.stages.push_back(stage("verify", StageOutcome::Skipped, ""));
  auto gaps = advice_gaps(advice, {});
  INFO(causes(gaps));
  REQUIRE(gaps.size() == 2);
  CHECK(gaps[0].cause == "the verify stage failed: deadlock detected");
  CHECK_THAT(gaps[1].cause, Catch::Contains("hypopg"));

  Advice lost = advice_of({ReplayStatus::Analyzed, ReplayStatus::Failed});
  lost.server_lost = true;
  lost.not_replayed = 1;
  gaps = advice_gaps(lost, {});
  REQUIRE_FALSE(gaps.empty());
  CHECK(gaps[0].kind == GapKind::Connection);
  CHECK_THAT(gaps[0].cause, Catch::Contains("1 of 2 templates were not replayed"));
  CHECK_THAT(gaps[0].fix, Catch::Contains("--resume"));
}
