// The objects a statement names, as the closure analysis resolves them: quoted names keep their
// case, schemas stay attached, operators include those sorting and IN imply, writes carry their
// action, and SET col = DEFAULT is seen.
#include <catch2/catch.hpp>

#include <algorithm>

#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/statement_objects.hpp"

using namespace pgadvisor;

namespace {

StatementObjects objects_of(const std::string& sql) {
  ParsedSql parsed = parse_sql(sql);
  REQUIRE(parsed.ok());
  return statement_objects(parsed.tree);
}

bool has(const std::vector<QualifiedName>& names, const std::string& schema, const std::string& name) {
  return std::find(names.begin(), names.end(), QualifiedName{schema, name}) != names.end();
}

}  // namespace

TEST_CASE("functions, operators and casts are named as written", "[sql][closure]") {
  StatementObjects objects =
      objects_of("SELECT Lower(owner)::tag, app.\"Bump\"(id) FROM accounts WHERE id OPERATOR(app.===) 5 AND id === 6");
  CHECK(has(objects.functions, "", "lower"));  // unquoted: folded as the server folds it
  CHECK(has(objects.functions, "app", "Bump"));
  CHECK(has(objects.operators, "app", "==="));
  CHECK(has(objects.operators, "", "==="));
  CHECK(has(objects.operators, "", "="));  // implied by IN, ORDER BY, joins: always checked
  CHECK(has(objects.operators, "", "<"));
  CHECK(has(objects.cast_types, "", "tag"));
  CHECK(has(objects.relations, "", "accounts"));
  CHECK(objects.written.empty());
  CHECK_FALSE(objects.sets_default);
}

TEST_CASE("relations keep their quoted case and writes their action", "[sql][closure]") {
  StatementObjects update = objects_of("UPDATE \"Ledger\" SET amount = DEFAULT WHERE id IN (SELECT id FROM public.ledger)");
  REQUIRE(update.written.size() == 1);
  CHECK(update.written[0].name.name == "Ledger");
  CHECK(update.written[0].action == WriteAction::Update);
  CHECK(update.sets_default);
  CHECK(has(update.relations, "public", "ledger"));
  CHECK_FALSE(has(update.relations, "", "ledger"));

  StatementObjects cte = objects_of("WITH gone AS (DELETE FROM orders WHERE id = 1 RETURNING id) "
                                    "INSERT INTO archive.orders_log (id) SELECT id FROM gone");
  REQUIRE(cte.written.size() == 2);
  for (const auto& written : cte.written) {
    INFO(written.name.text());
    CHECK(written.action == (written.name.schema == "archive" ? WriteAction::Insert : WriteAction::Delete));
  }
  CHECK(cte.written[0].name.text() != cte.written[1].name.text());
  CHECK(objects_of("INSERT INTO t (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 2").written.at(0).action ==
        WriteAction::Merge);
  CHECK(has(cte.relations, "", "gone"));  // a CTE name: the catalog resolves it to nothing

  StatementObjects attribute = objects_of("SELECT a.evil, (a).worse, id FROM accounts a");
  CHECK(has(attribute.functions, "", "evil"));   // evil(accounts) when accounts has no column evil
  CHECK(has(attribute.functions, "", "worse"));
  CHECK_FALSE(has(attribute.functions, "", "id"));  // a bare column is never a call

  StatementObjects any = objects_of("SELECT 1 FROM t WHERE x = ANY (SELECT y FROM u) AND x <@> 3");
  CHECK(has(any.operators, "", "<@>"));
}
