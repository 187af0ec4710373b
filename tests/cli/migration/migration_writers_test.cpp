// The migration writers on hand-made advice: index names within Django's 30 characters and
// shared by both writers, WHERE predicates into Q(), DESC and expression columns, literals,
// file names, and the two files' layout (skipped indexes, tables without a model, drops).
#include <catch2/catch.hpp>

#include "cli/migration/migration_django.hpp"
#include "cli/migration/migration_sql.hpp"

using namespace pgadvisor;

namespace {

IndexColumn column(const std::string& name, bool descending = false, bool expression = false, bool nulls = false) {
  IndexColumn out;
  out.name = name;
  out.descending = descending;
  out.expression = expression;
  out.nulls_flipped = nulls;
  return out;
}

Predicate predicate(const std::string& table, const std::string& name, PredicateOp op, std::vector<std::string> values,
                    bool boolean = false) {
  Predicate out;
  out.column = {table, name, false};
  out.op = op;
  out.values = std::move(values);
  out.boolean_column = boolean;
  return out;
}

IndexCandidate candidate(const std::string& table, std::vector<IndexColumn> columns, std::vector<Predicate> where = {}) {
  IndexCandidate out;
  out.definition.table = table;
  out.definition.columns = std::move(columns);
  for (const auto& p : where) out.definition.where += (out.definition.where.empty() ? "" : " AND ") + p.to_sql();
  out.where_predicates = std::move(where);
  return out;
}

DjangoMapping blog_mapping() {
  DjangoMapping mapping;
  mapping.models["blog_post"] = {"blog", "post"};
  mapping.models["todos_todo"] = {"todos", "todo"};
  mapping.foreign_key_columns["blog_post"] = {"author_id"};
  mapping.dependencies["blog"] = "0003_post_slug";
  return mapping;
}

IndexProposal proposal(IndexCandidate index, const std::string& fingerprint) {
  IndexProposal out;
  out.candidate = std::move(index);
  out.size_bytes = 2 * 1024 * 1024;
  out.saved_ms = 120;
  TemplateEffect effect;
  effect.fingerprint = fingerprint;
  effect.calls = 9;
  effect.saved_ms = 120;
  out.templates.push_back(effect);
  return out;
}

Advice blog_advice() {
  Advice advice;
  advice.logs = {"django.log"};
  advice.database = "dbname=blog";
  advice.statements = 84;
  TemplateAdvice list;
  list.tmpl.fingerprint = "f1";
  list.tmpl.normalized_sql = "SELECT id FROM blog_post WHERE published ORDER BY created_at DESC LIMIT $1";
  advice.templates.push_back(list);
  Predicate published = predicate("blog_post", "published", PredicateOp::Equal, {"true"}, true);
  advice.indexes.push_back(proposal(candidate("blog_post", {column("created_at", true)}, {published}), "f1"));
  advice.indexes.push_back(proposal(candidate("blog_post", {column("author_id"), column("published_at", true)}, {published}), "f1"));
  advice.indexes.push_back(proposal(candidate("blog_post", {column("md5(body)", false, true)}), "f1"));
  advice.indexes.push_back(proposal(candidate("todos_todo", {column("priority", true)}), "f1"));
  advice.indexes.push_back(proposal(candidate("audit_entry", {column("created")}), "f1"));
  return advice;
}

}  // namespace

TEST_CASE("index names fit Django's 30 characters, deterministically", "[advisor][migration]") {
  IndexCandidate email = candidate("users_user", {column("email")});
  CHECK(email.name() == "users_user_email_idx");
  Predicate published = predicate("blog_post", "published", PredicateOp::Equal, {"true"}, true);
  IndexCandidate longer = candidate("blog_post", {column("author_id"), column("published_at", true)}, {published});
  std::string name = longer.name();
  CHECK(name.size() <= kIndexNameMax);
  CHECK(name.rfind("blog_post_author", 0) == 0);
  CHECK(name.substr(name.size() - 4) == "_idx");
  CHECK(name == IndexCandidate(longer).name());
  IndexCandidate other = longer;
  other.definition.where = "NOT published";
  CHECK(other.name() != name);
  CHECK(candidate("2023_events", {column("at")}).name().substr(0, 1) == "i");
  IndexCandidate wide = candidate("a_very_long_table_name_for_events", {column("lower(\"Email Address\")", true, true, true)});
  CHECK(wide.name().size() <= kIndexNameMax);
  CHECK(longer.ddl().find(" " + name + " ON blog_post (author_id, published_at DESC) WHERE published;") != std::string::npos);
  IndexCandidate parent = longer;
  parent.partitioned = true;
  CHECK(parent.ddl().rfind("CREATE INDEX IF NOT EXISTS " + parent.name() + " ON", 0) == 0);
}

TEST_CASE("partial predicates become Q() exactly, or not at all", "[advisor][migration]") {
  DjangoMapping mapping = blog_mapping();
  std::string why;
  auto q = [&](std::vector<Predicate> predicates) { return django_condition(mapping, "blog_post", predicates, why); };
  CHECK(q({predicate("blog_post", "published", PredicateOp::Equal, {"true"}, true)}) == "models.Q(published=True)");
  CHECK(q({predicate("blog_post", "published", PredicateOp::Equal, {"false"}, true)}) == "models.Q(published=False)");
  CHECK(q({predicate("blog_post", "published_at", PredicateOp::IsNull, {})}) == "models.Q(published_at__isnull=True)");
  CHECK(q({predicate("blog_post", "author_id", PredicateOp::IsNotNull, {})}) == "models.Q(author__isnull=False)");
  CHECK(q({predicate("blog_post", "slug", PredicateOp::Equal, {"'it''s'"})}) == "models.Q(slug=\"it's\")");
  CHECK(q({predicate("blog_post", "view_count", PredicateOp::In, {"1", "2"})}) == "models.Q(view_count__in=[1, 2])");
  CHECK(q({predicate("blog_post", "published", PredicateOp::Equal, {"true"}, true),
           predicate("blog_post", "author_id", PredicateOp::Equal, {"5"})}) ==
        "models.Q(published=True) & models.Q(author=5)");
  CHECK_FALSE(q({predicate("blog_post", "view_count", PredicateOp::Greater, {"5"})}));
  CHECK(why.find("view_count > 5") != std::string::npos);
  CHECK_FALSE(q({predicate("blog_post", "slug", PredicateOp::Equal, {"$1"})}));
  CHECK_FALSE(q({predicate("blog_post", "slug", PredicateOp::Equal, {"'x'::text"})}));
  CHECK_FALSE(q({predicate("blog_post", "slug", PredicateOp::NotEqual, {"'x'"})}));
  Predicate expression = predicate("blog_post", "lower(slug)", PredicateOp::Equal, {"'x'"});
  expression.column.expression = true;
  CHECK_FALSE(q({expression}));
  CHECK(why.find("expression") != std::string::npos);
}

TEST_CASE("a column named like a Python keyword is left out of Q(), a soft keyword is not",
          "[advisor][migration]") {
  DjangoMapping mapping = blog_mapping();
  std::string why;
  auto q = [&](const std::string& name) {
    return django_condition(mapping, "blog_post", {predicate("blog_post", name, PredicateOp::Equal, {"1"})}, why);
  };
  CHECK_FALSE(q("class"));  // models.Q(class=1) is a syntax error
  CHECK(why == "the column class is not a Python identifier");
  CHECK_FALSE(q("async"));
  CHECK_FALSE(q("Order Date"));
  CHECK(q("match") == "models.Q(match=1)");
  CHECK(q("type") == "models.Q(type=1)");
  auto lower_case = django_index(mapping, candidate("blog_post", {column("lower(\"case\")", false, true)}), why);
  REQUIRE(lower_case);
  CHECK(lower_case->rfind("models.Index(Lower(\"case\"), name=", 0) == 0);
}

TEST_CASE("index columns: field names, DESC, simple expressions and NULLS orders", "[advisor][migration]") {
  DjangoMapping mapping = blog_mapping();
  std::string why;
  IndexCandidate ordered = candidate("blog_post", {column("author_id"), column("published_at", true)});
  ordered.definition.include = {"id", "title"};
  CHECK(django_index(mapping, ordered, why) ==
        "models.Index(fields=[\"author\", \"-published_at\"], name=\"" + ordered.name() +
            "\", include=[\"id\", \"title\"])");
  CHECK(django_field_name(mapping, "blog_post", "author_id") == "author");
  CHECK(django_field_name(mapping, "todos_todo", "author_id") == "author_id");  // not a foreign key there
  IndexCandidate lower = candidate("blog_post", {column("lower(slug)", false, true)});
  CHECK(django_index(mapping, lower, why) == "models.Index(Lower(\"slug\"), name=\"blog_post_lower_slug_idx\")");
  IndexCandidate upper = candidate("blog_post", {column("upper((slug)::text)", true, true), column("created_at", true, false, true)});
  CHECK(django_index(mapping, upper, why)->rfind(
            "models.Index(Upper(\"slug\").desc(), models.F(\"created_at\").desc(nulls_last=True), name=", 0) == 0);
  IndexCandidate other = candidate("blog_post", {column("md5(body)", false, true)});
  CHECK_FALSE(django_index(mapping, other, why));
  CHECK(why.find("md5(body)") != std::string::npos);
  IndexCandidate merged = candidate("blog_post", {column("created_at")});
  merged.definition.where = "(published) OR (view_count = 0)";
  CHECK_FALSE(django_index(mapping, merged, why));
  CHECK(why.find("OR") != std::string::npos);
}

TEST_CASE("SQL literals become Python literals, file names follow the dependency", "[advisor][migration]") {
  CHECK(python_literal("TRUE") == "True");
  CHECK(python_literal("-12") == "-12");
  CHECK(python_literal("1.5") == "1.5");
  CHECK(python_literal("'a\"b\\c'") == "\"a\\\"b\\\\c\"");
  CHECK_FALSE(python_literal("007"));
  CHECK_FALSE(python_literal("NULL"));
  CHECK_FALSE(python_literal("'a'b'"));
  CHECK_FALSE(python_literal("E'x'"));
  CHECK(django_migration_file_name(std::string("0003_post_slug")) == "0004_pgadvisor_indexes.py");
  CHECK(django_migration_file_name(std::string("initial")) == "0001_pgadvisor_indexes.py");
  CHECK(django_migration_file_name(std::nullopt) == "0001_pgadvisor_indexes.py");
}

TEST_CASE("the SQL migration: a comment per index, the statements, drops commented out", "[advisor][migration]") {
  Advice advice = blog_advice();
  DropSuggestion drop;
  drop.reason = "blog_post_old_idx is never used.";
  drop.ddl = "DROP INDEX CONCURRENTLY IF EXISTS blog_post_old_idx;";
  drop.caveats = {"check the replicas"};
  advice.drops.push_back(drop);
  std::string sql = sql_migration(advice);
  CHECK(sql.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS blog_post_created_") != std::string::npos);
  CHECK(sql.find("_idx ON blog_post (created_at DESC) WHERE published;\n") != std::string::npos);
  CHECK(sql.find(advice.indexes[1].candidate.ddl()) != std::string::npos);
  CHECK(sql.find("-- template #1 (9 calls") == std::string::npos);  // indented under its index
  CHECK(sql.find("--    template #1 (9 calls, saves 120.0 ms): SELECT id FROM blog_post WHERE published") != std::string::npos);
  CHECK(sql.find("\n-- DROP INDEX CONCURRENTLY IF EXISTS blog_post_old_idx;\n") != std::string::npos);
  CHECK(sql.find("--   note: check the replicas") != std::string::npos);
  for (size_t at = 0, end; at < sql.size(); at = end + 1) {  // every line is a comment or a statement
    end = sql.find('\n', at);
    std::string line = sql.substr(at, end - at);
    CHECK((line.empty() || line.rfind("--", 0) == 0 || line.rfind("CREATE INDEX", 0) == 0 ||
           line.rfind("SET ", 0) == 0 || line.rfind("RESET ", 0) == 0));
  }
  // the timeouts around the builds, the cleanup of an INVALID index in the header
  size_t set = sql.find("\nSET lock_timeout = '5s';\nSET statement_timeout = 0;\n");
  size_t first = sql.find("\nCREATE INDEX"), last = sql.rfind("\nCREATE INDEX");
  size_t reset = sql.find("\nRESET statement_timeout;\nRESET lock_timeout;\n");
  CHECK((set != std::string::npos && set < first && last < reset && reset != std::string::npos));
  CHECK(sql.find("SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid") < set);
  CHECK(sql.find("DROP INDEX CONCURRENTLY IF EXISTS <name>") < set);
  std::string none = sql_migration(Advice{});
  CHECK(none.find("-- No index proposed") != std::string::npos);
  CHECK(none.find("\nSET ") == std::string::npos);
}

TEST_CASE("the Django migrations: one file per app, what is left out says why", "[advisor][migration]") {
  Advice advice = blog_advice();
  advice.indexes[3].candidate.partitioned = true;  // todos_todo: PostgreSQL cannot build it concurrently
  DjangoMigrations result = django_migrations(advice, blog_mapping());
  REQUIRE(result.files.size() == 2);
  const DjangoMigrationFile& blog = result.files[0];
  CHECK(blog.app_label == "blog");
  CHECK(blog.file_name == "0004_pgadvisor_indexes.py");
  CHECK(blog.operations == 2);
  CHECK(blog.content.find("    atomic = False\n") != std::string::npos);
  CHECK(blog.content.find("(\"blog\", \"0003_post_slug\"),") != std::string::npos);
  CHECK(blog.content.find("fields=[\"-created_at\"],") != std::string::npos);
  CHECK(blog.content.find("fields=[\"author\", \"-published_at\"],") != std::string::npos);
  CHECK(blog.content.find("condition=models.Q(published=True),") != std::string::npos);
  CHECK(blog.content.find("# Left out: 3. blog_post ((md5(body)))") != std::string::npos);
  CHECK(blog.content.find("Not here: table audit_entry has no Django model") != std::string::npos);
  const DjangoMigrationFile& todos = result.files[1];
  CHECK(todos.file_name == "0001_pgadvisor_indexes.py");  // no dependency known
  CHECK(todos.content.find("    dependencies = []\n") != std::string::npos);
  CHECK(todos.content.find("        migrations.AddIndex(\n            model_name=\"todo\",") != std::string::npos);
  // lock_timeout set before the first operation, reset after the last, each the other's reverse
  size_t set = blog.content.find("        migrations.RunSQL(\n            [\"SET lock_timeout = '5s'\", \"SET statement_timeout = 0\"],\n"
                                 "            reverse_sql=[\"RESET statement_timeout\", \"RESET lock_timeout\"],\n");
  size_t reset = blog.content.find("            [\"RESET statement_timeout\", \"RESET lock_timeout\"],\n"
                                   "            reverse_sql=[\"SET lock_timeout = '5s'\", \"SET statement_timeout = 0\"],\n");
  CHECK((set != std::string::npos && set < blog.content.find("AddIndexConcurrently(\n")));
  CHECK((reset != std::string::npos && reset > blog.content.rfind("AddIndexConcurrently(\n")));
  // the same indexes for the models' Meta.indexes, with the imports they need
  REQUIRE(blog.model_indexes.size() == 2);
  CHECK(blog.model_indexes[0].model == "post");
  CHECK(blog.model_indexes[0].name == advice.indexes[0].candidate.name());
  CHECK(blog.model_indexes[0].index == "models.Index(\n    fields=[\"-created_at\"],\n    name=\"" +
                                           advice.indexes[0].candidate.name() +
                                           "\",\n    condition=models.Q(published=True),\n)");
  CHECK(blog.model_indexes[0].imports == std::vector<std::string>{"from django.db import models"});
  std::string operation_index = blog.content.substr(blog.content.find("index=models.Index(\n") + 6);
  operation_index = operation_index.substr(0, operation_index.find("            ),\n") + 13);
  std::string unindented;  // the operation's models.Index, 12 spaces less: the same text
  for (size_t at = 0, end; at < operation_index.size(); at = end + 1) {
    end = operation_index.find('\n', at);
    std::string line = operation_index.substr(at, end - at);
    unindented += (at == 0 ? line : line.substr(std::min<size_t>(12, line.size()))) + (end == std::string::npos ? "" : "\n");
    if (end == std::string::npos) break;
  }
  CHECK(unindented == blog.model_indexes[0].index);
  CHECK(result.warnings.size() == 3);  // the expression, the table without a model, todos' dependency
  CHECK(result.unmapped_comment.find("audit_entry") != std::string::npos);
}
