#include "cli/migration/migration_django.hpp"

#include "advisor/rewrites/django_lookup_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "cli/migration/migration_sql.hpp"
#include "plans/text_format.hpp"
#include "plans/ascii_case.hpp"

namespace pgadvisor {
namespace {

// -?(0|[1-9][0-9]*)(.[0-9]+)?: a number written the same in SQL and Python.
bool is_plain_number(const std::string& text) {
  size_t i = text.size() > 0 && text[0] == '-' ? 1 : 0;
  auto digits = [&]() {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return i - start;
  };
  size_t whole_start = i;
  size_t whole = digits();
  if (whole == 0 || (whole > 1 && text[whole_start] == '0')) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

// lower(email), upper(email::text), lower(("Email")::text) -> Lower("email") ...; nullopt otherwise.
std::optional<std::string> function_expression(const DjangoMapping& mapping, const std::string& table,
                                               const std::string& sql) {
  size_t open = sql.find('(');
  if (open == std::string::npos || sql.empty() || sql.back() != ')') return std::nullopt;
  std::string function = ascii_lower(sql.substr(0, open));
  if (function != "lower" && function != "upper") return std::nullopt;
  std::string inner = sql.substr(open + 1, sql.size() - open - 2);
  for (bool changed = true; changed;) {
    changed = false;
    for (const std::string cast : {"::text", "::character varying", "::varchar"})
      if (inner.size() > cast.size() && inner.compare(inner.size() - cast.size(), cast.size(), cast) == 0)
        inner.erase(inner.size() - cast.size()), changed = true;
    if (inner.size() >= 2 && inner.front() == '(' && inner.back() == ')') inner = inner.substr(1, inner.size() - 2), changed = true;
  }
  if (inner.size() >= 2 && inner.front() == '"' && inner.back() == '"') inner = inner.substr(1, inner.size() - 2);
  if (!is_python_identifier(inner)) return std::nullopt;
  return std::string(function == "lower" ? "Lower" : "Upper") + "(" +
         python_string(django_field_name(mapping, table, inner)) + ")";
}

std::optional<std::string> literal_list(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) {
    auto literal = python_literal(value);
    if (!literal) return std::nullopt;
    out += (out.empty() ? "" : ", ") + *literal;
  }
  return out;
}

std::optional<std::string> q_of(const DjangoMapping& mapping, const std::string& table, const Predicate& p,
                                std::string& why) {
  if (p.column.expression || p.computed_value) {
    why = "its WHERE compares an expression (" + p.to_sql() + ")";
    return std::nullopt;
  }
  std::string field = django_field_name(mapping, table, p.column.column);
  auto q = [&](const std::string& lookup, const std::string& value) { return "models.Q(" + field + lookup + "=" + value + ")"; };
  if (!is_python_identifier(field)) {  // models.Q(field=...): a keyword argument
    why = "the column " + p.column.column + " is not a Python identifier";
    return std::nullopt;
  }
  if (p.boolean_column && p.values.size() == 1) return q("", p.values[0] == "true" ? "True" : "False");
  if (p.op == PredicateOp::IsNull) return q("__isnull", "True");
  if (p.op == PredicateOp::IsNotNull) return q("__isnull", "False");
  // Only = and IN: a range over a date or time would go through Django's conversion of the value.
  std::optional<std::string> values = p.values.empty() ? std::nullopt : literal_list(p.values);
  if (values && p.op == PredicateOp::Equal && p.values.size() == 1) return q("", *values);
  if (values && p.op == PredicateOp::In) return q("__in", "[" + *values + "]");
  why = values ? "its WHERE has a comparison other than =, IN, IS NULL or a boolean (" + p.to_sql() + ")"
               : "its WHERE compares with a value that is not a plain constant (" + p.to_sql() + ")";
  return std::nullopt;
}

// models.Index(...)'s arguments, one string each.
std::optional<std::vector<std::string>> index_arguments(const DjangoMapping& mapping, const IndexCandidate& candidate,
                                                        std::string& why) {
  const IndexDefinition& definition = candidate.definition;
  const std::string table = definition.qualified_table();
  bool expressions = false;
  for (const auto& column : definition.columns) expressions = expressions || column.expression || column.nulls_flipped;
  std::vector<std::string> args;
  std::string fields;
  for (const auto& column : definition.columns) {
    std::string field = column.expression ? "" : django_field_name(mapping, table, column.name);
    std::string item;
    if (column.expression) {
      auto expression = function_expression(mapping, table, column.name);
      if (!expression) {
        why = "its expression (" + column.name + ") has no simple Django form (only lower() and upper() of a column)";
        return std::nullopt;
      }
      item = *expression;
    } else if (expressions) {
      item = "models.F(" + python_string(field) + ")";
    }
    if (expressions) {
      if (column.descending) item += column.nulls_flipped ? ".desc(nulls_last=True)" : ".desc()";
      else if (column.nulls_flipped) item += ".asc(nulls_first=True)";
      args.push_back(item);
    } else {
      fields += (fields.empty() ? "" : ", ") + python_string((column.descending ? "-" : "") + field);
    }
  }
  if (!expressions) args.push_back("fields=[" + fields + "]");
  args.push_back("name=" + python_string(candidate.name()));
  if (candidate.is_partial()) {
    if (candidate.where_predicates.empty()) {
      why = "its WHERE (" + definition.where + ") joins two forms with OR, which is not translated into Q()";
      return std::nullopt;
    }
    auto condition = django_condition(mapping, table, candidate.where_predicates, why);
    if (!condition) return std::nullopt;
    args.push_back("condition=" + *condition);
  }
  if (!definition.include.empty()) {
    std::string include;
    for (const auto& column : definition.include)
      include += (include.empty() ? "" : ", ") + python_string(django_field_name(mapping, table, column));
    args.push_back("include=[" + include + "]");
  }
  return args;
}

using AppIndexes = std::vector<std::pair<size_t, const IndexProposal*>>;  // with their number in the SQL migration

std::string workload_line(const Advice& advice) {
  std::string logs;
  for (const auto& log : advice.logs) logs += (logs.empty() ? "" : ", ") + log;
  return fmt::format("Audit of {} statement(s) in {} on {}.", advice.statements, logs.empty() ? "the workload" : logs,
                     advice.database.empty() ? "the default database" : advice.database);
}

std::string operation(const DjangoModelRef& model, const IndexCandidate& candidate, const std::vector<std::string>& args) {
  // PostgreSQL cannot build an index on a partitioned table concurrently: a plain AddIndex, as the SQL migration.
  std::string out = fmt::format("        {}(\n            model_name={},\n            index=models.Index(\n",
                                candidate.partitioned ? "migrations.AddIndex" : "AddIndexConcurrently",
                                python_string(model.model_name));
  for (const auto& arg : args) out += "                " + arg + ",\n";
  return out + "            ),\n        ),\n";
}

// The RunSQL that sets the migration's timeouts (`set`) or resets them, each the other's reverse.
std::string timeouts_operation(bool set) {
  std::string on = fmt::format("[\"SET lock_timeout = '{}'\", \"SET statement_timeout = 0\"]", kMigrationLockTimeout);
  std::string off = "[\"RESET statement_timeout\", \"RESET lock_timeout\"]";
  return "        migrations.RunSQL(\n            " + (set ? on : off) + ",\n            reverse_sql=" + (set ? off : on) +
         ",\n        ),\n";
}

// The same index as the operation's, for the model's Meta.indexes.
DjangoModelIndex model_index(const DjangoModelRef& model, const IndexCandidate& candidate,
                             const std::vector<std::string>& args) {
  DjangoModelIndex out{model.model_name, candidate.name(), "models.Index(\n", {"from django.db import models"}};
  for (const auto& arg : args) out.index += "    " + arg + ",\n";
  out.index += ")";
  for (const std::string function : {"Lower", "Upper"})
    for (const auto& arg : args)
      if (arg.rfind(function + "(", 0) == 0) {
        out.imports.push_back("from django.db.models.functions import " + function);
        break;
      }
  return out;
}

DjangoMigrationFile app_file(const Advice& advice, const DjangoMapping& mapping, const std::string& app,
                             const AppIndexes& indexes, const std::string& unmapped, std::vector<std::string>& warnings) {
  DjangoMigrationFile file;
  file.app_label = app;
  auto dependency = mapping.dependencies.find(app);
  std::optional<std::string> after;
  if (dependency != mapping.dependencies.end()) after = dependency->second;
  file.file_name = django_migration_file_name(after);
  std::string migration = file.file_name.substr(0, file.file_name.size() - 3);
  std::string out = comment_lines("# ", "pgadvisor audit --migration django: the indexes proposed for the models of app \"" +
                                            app + "\". " + workload_line(advice));
  out += comment_lines("# ", "Save it as " + app + "/migrations/" + file.file_name +
                                 (after ? ": it follows " + *after + ", the app's latest migration applied in the audited "
                                          "database (or --django-dependency)."
                                        : ": no applied migration of the app was found, so it depends on none; add the "
                                          "app's latest migration to its dependencies (or pass --django-dependency)."));
  out += comment_lines("# ", fmt::format("AddIndexConcurrently builds each index without blocking writes, so the "
                                         "migration is not atomic; the RunSQL around the builds sets lock_timeout = "
                                         "'{}' (a build waits no longer for a lock) and statement_timeout = 0, and "
                                         "resets them after.", kMigrationLockTimeout));
  out += comment_lines("# ", "A build that fails leaves an INVALID index behind: find it, drop it and the indexes "
                             "this migration built before it (AddIndexConcurrently has no IF NOT EXISTS), then "
                             "migrate again:");
  out += "#   SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;\n"
         "#   DROP INDEX CONCURRENTLY IF EXISTS <name>;\n";
  out += comment_lines("# ", "`manage.py sqlmigrate " + app + " " + migration + "` prints the statements of "
                             "`--migration sql` (the same index names). Each index must be in its model's Meta.indexes "
                             "as well, or the next makemigrations will propose removing it: with -o PROJECT_DIR "
                             "pgadvisor adds it there.");
  out += unmapped;
  out += "from django.contrib.postgres.operations import AddIndexConcurrently\n";
  out += "from django.db import migrations, models\n";
  std::string operations, functions;
  for (const auto& [number, proposal] : indexes) {
    const IndexCandidate& candidate = proposal->candidate;
    std::string why;
    auto args = index_arguments(mapping, candidate, why);
    std::string title = fmt::format("{}. {}", number, candidate.key());
    if (!args) {
      operations += comment_lines("        # ", "Left out: " + title + " (" + candidate.name() + "): " + why +
                                                   ". The SQL migration has it.");
      warnings.push_back(fmt::format("--migration django: {} left out of the {} migration: {}",
                                     candidate.name(), app, why));
      continue;
    }
    for (const std::string function : {"Lower", "Upper"})
      for (const auto& arg : *args)
        if (arg.rfind(function + "(", 0) == 0 && functions.find(function) == std::string::npos)
          functions += (functions.empty() ? "" : ", ") + function;
    operations += comment_lines("        # ", title);
    for (const auto& reason : proposal_reasons(advice, *proposal)) operations += comment_lines("        #    ", reason);
    const DjangoModelRef& model = mapping.models.at(candidate.definition.qualified_table());
    operations += operation(model, candidate, *args);
    file.model_indexes.push_back(model_index(model, candidate, *args));
    ++file.operations;
  }
  if (file.operations > 0) operations = timeouts_operation(true) + operations + timeouts_operation(false);
  if (!functions.empty()) out += "from django.db.models.functions import " + functions + "\n";
  out += "\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n";
  out += after ? "    dependencies = [\n        (" + python_string(app) + ", " + python_string(*after) + "),\n    ]\n\n"
               : "    dependencies = []\n\n";
  file.content = out + "    operations = [\n" + operations + "    ]\n";
  if (!after)
    warnings.push_back("--migration django: no applied migration of app " + app +
                       " in django_migrations: its migration depends on none (pass --django-dependency " + app + ".NAME)");
  return file;
}

}  // namespace

std::string django_field_name(const DjangoMapping& mapping, const std::string& table, const std::string& column) {
  auto found = mapping.foreign_key_columns.find(table);
  bool foreign = found != mapping.foreign_key_columns.end() && found->second.count(column);
  if (foreign && column.size() > 3 && column.compare(column.size() - 3, 3, "_id") == 0)
    return column.substr(0, column.size() - 3);
  return column;
}

std::optional<std::string> django_condition(const DjangoMapping& mapping, const std::string& table,
                                            const std::vector<Predicate>& predicates, std::string& why) {
  std::string out;
  for (const auto& predicate : predicates) {
    auto q = q_of(mapping, table, predicate, why);
    if (!q) return std::nullopt;
    out += (out.empty() ? "" : " & ") + *q;
  }
  if (out.empty()) why = "it has no WHERE conjunct to translate";
  return out.empty() ? std::nullopt : std::optional<std::string>(out);
}

std::optional<std::string> django_index(const DjangoMapping& mapping, const IndexCandidate& candidate, std::string& why) {
  auto args = index_arguments(mapping, candidate, why);
  if (!args) return std::nullopt;
  std::string out;
  for (const auto& arg : *args) out += (out.empty() ? "" : ", ") + arg;
  return "models.Index(" + out + ")";
}

std::optional<std::string> python_literal(const std::string& sql) {
  std::string lowered = ascii_lower(sql);
  if (lowered == "true") return std::string("True");
  if (lowered == "false") return std::string("False");
  if (is_plain_number(sql)) return sql;  // also a Python literal, unchanged
  if (sql.size() < 2 || sql.front() != '\'' || sql.back() != '\'') return std::nullopt;
  std::string text;
  for (size_t j = 1; j + 1 < sql.size(); ++j) {
    if (sql[j] == '\'') {
      if (j + 2 < sql.size() && sql[j + 1] == '\'') ++j;
      else return std::nullopt;
    }
    text += sql[j];
  }
  return python_string(text);
}

std::string django_migration_file_name(const std::optional<std::string>& dependency) {
  size_t digits = dependency ? std::min(dependency->find_first_not_of("0123456789"), dependency->size()) : 0;
  int number = digits > 0 ? std::stoi(dependency->substr(0, std::min<size_t>(digits, 8))) : 0;
  return fmt::format("{:04d}_pgadvisor_indexes.py", number + 1);
}

DjangoMigrations django_migrations(const Advice& advice, const DjangoMapping& mapping) {
  DjangoMigrations out;
  std::map<std::string, AppIndexes> apps;
  std::map<std::string, std::vector<std::string>> unmapped;  // table -> index names
  for (size_t i = 0; i < advice.indexes.size(); ++i) {
    const IndexCandidate& candidate = advice.indexes[i].candidate;
    auto model = mapping.models.find(candidate.definition.qualified_table());
    if (model == mapping.models.end()) unmapped[candidate.definition.qualified_table()].push_back(candidate.name());
    else apps[model->second.app_label].push_back({i + 1, &advice.indexes[i]});
  }
  for (const auto& [table, names] : unmapped) {
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    out.unmapped_comment += comment_lines("# ", "Not here: table " + table + " has no Django model (django_content_type, "
                                                "Django's default db_table, [django.models] in pgadvisor.toml); the SQL "
                                                "migration has its index(es) " + list + ".");
    out.warnings.push_back("--migration django: table " + table + " has no Django model (map it in [django.models]): " +
                           list + " left out");
  }
  for (const auto& [app, indexes] : apps)
    out.files.push_back(app_file(advice, mapping, app, indexes, out.unmapped_comment, out.warnings));
  return out;
}

}  // namespace pgadvisor
