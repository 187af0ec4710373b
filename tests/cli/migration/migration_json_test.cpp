// The report's `migrations` key on hand-made advice: the SQL migration and the Django files
// (model indexes included) read back as they were rendered; without a Django mapping the reason
// comes from the failed stage or the diagnostic; a report without the key or with a file name
// that leaves its directory is refused.
#include <catch2/catch.hpp>

#include "cli/migration/migration_json.hpp"
#include "cli/migration/migration_sql.hpp"
#include "plans/fatal_error.hpp"

using namespace pgadvisor;
using nlohmann::json;

namespace {

Advice post_advice() {
  Advice advice;
  advice.logs = {"django.log"};
  advice.statements = 3;
  IndexProposal proposal;
  proposal.candidate.definition.table = "blog_post";
  IndexColumn column;
  column.name = "slug";
  proposal.candidate.definition.columns = {column};
  advice.indexes.push_back(proposal);
  return advice;
}

json report_of(const Advice& advice) {
  return {{"indexes", json::array({{{"name", advice.indexes[0].candidate.name()}}})},
          {"interrupted", false},
          {"stages", json::array()},
          {"diagnostics", json::array()},
          {"migrations", migrations_to_json(advice)}};
}

}  // namespace

TEST_CASE("migrations in the report: rendered once, read back alike", "[migration][migration_json]") {
  Advice advice = post_advice();
  DjangoMapping mapping;
  mapping.models["blog_post"] = {"blog", "post"};
  mapping.dependencies["blog"] = "0001_initial";
  mapping.warnings = {"a mapping warning"};
  advice.django = mapping;
  RenderedMigrations read = migrations_from_report(report_of(advice), "r.json");
  CHECK(read.sql == sql_migration(advice));
  CHECK_FALSE(read.no_indexes);
  REQUIRE(read.django);
  DjangoMigrations direct = django_migrations(advice, mapping);
  REQUIRE(read.django->files.size() == 1);
  CHECK(read.django->files[0].content == direct.files[0].content);
  CHECK(read.django->files[0].file_name == "0002_pgadvisor_indexes.py");
  REQUIRE(read.django->files[0].model_indexes.size() == 1);
  CHECK(read.django->files[0].model_indexes[0].index == direct.files[0].model_indexes[0].index);
  CHECK(read.django->files[0].model_indexes[0].model == "post");
  CHECK(read.django->warnings.front() == "a mapping warning");
}

TEST_CASE("migrations in the report: no Django mapping, an older report, a bad file name", "[migration][migration_json]") {
  Advice advice = post_advice();
  json report = report_of(advice);
  RenderedMigrations never = migrations_from_report(report, "r.json");
  CHECK(never.django_missing.find("no django_migrations table") != std::string::npos);
  CHECK_FALSE(never.django_failed);
  report["diagnostics"].push_back({{"source", "django mapping"}, {"message", "permission denied for django_migrations"}});
  CHECK(migrations_from_report(report, "r.json").django_missing == "permission denied for django_migrations");
  CHECK(migrations_from_report(report, "r.json").django_failed);
  report["stages"].push_back({{"name", "django mapping"}, {"outcome", "failed"}, {"error", "server closed"}});
  CHECK(migrations_from_report(report, "r.json").django_missing == "reading the Django models failed: server closed");

  json older = report;
  older.erase("migrations");
  CHECK_THROWS_WITH(migrations_from_report(older, "r.json"), Catch::Contains("r.json: the report has no migrations"));

  DjangoMapping mapping;
  mapping.models["blog_post"] = {"blog", "post"};
  advice.django = mapping;
  json escaping = report_of(advice);
  escaping["migrations"]["django"]["files"][0]["app_label"] = "../../etc";
  CHECK_THROWS_AS(migrations_from_report(escaping, "r.json"), FatalError);
}
