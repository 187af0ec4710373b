// `audit --migration django`: the proposed indexes as Django migrations, one per app, each an
// AddIndexConcurrently (atomic = False) per index with the name the SQL migration gives it
// (IndexCandidate::name()), so `manage.py sqlmigrate` prints the SQL migration's statements,
// between a RunSQL that sets lock_timeout and statement_timeout as the SQL migration does and
// one that resets them (each the other's reverse). Each file also lists the same models.Index
// per model, for the models' Meta.indexes (models_py_edit).
// Fields are Django field names: a single-column foreign key's column loses its "_id"
// (author_id -> author), any other column keeps its name (a db_column that differs from its
// field's name is not known here), "-" marks DESC. An index with an expression (lower(email),
// upper(email::text): Lower("email"), Upper("email")) or a NULLS order is written with
// expressions (F("created").desc(nulls_last=True)); any other expression, a WHERE that cannot be
// translated into Q() exactly (booleans, IS [NOT] NULL, = and IN constants are) or a table no
// model maps to leaves the index out, with a comment in the file and a warning. Pure.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "advisor/model/advice.hpp"
#include "advisor/django/map_models.hpp"
#include "cli/migration/models_py_edit.hpp"

namespace pgadvisor {

struct DjangoMigrationFile {
  std::string app_label;
  std::string file_name;  // "0002_pgadvisor_indexes.py"
  std::string content;
  size_t operations = 0;
  std::vector<DjangoModelIndex> model_indexes;  // the operations' indexes, for the models' Meta.indexes
};

struct DjangoMigrations {
  std::vector<DjangoMigrationFile> files;  // by app_label
  std::vector<std::string> warnings;       // indexes left out, tables without a model: for stderr
  std::string unmapped_comment;            // "# ..." lines about the tables without a model; may be empty
};

// The migrations for `advice.indexes`; an app gets a file as soon as one of its tables has a
// proposal (its operations may all have been left out: then the file says why).
DjangoMigrations django_migrations(const Advice& advice, const DjangoMapping& mapping);

// The file name after `dependency` ("0003_auto" -> "0004_pgadvisor_indexes.py"; no number or
// no dependency -> "0001_pgadvisor_indexes.py"), as makemigrations numbers them.
std::string django_migration_file_name(const std::optional<std::string>& dependency);

// The pieces, for tests. The field name of `column` of `table`.
std::string django_field_name(const DjangoMapping& mapping, const std::string& table, const std::string& column);

// `predicates` (ANDed) as a Q() expression (`models.Q(published=True) & models.Q(status="x")`),
// or nullopt with `why` set when one cannot be translated exactly.
std::optional<std::string> django_condition(const DjangoMapping& mapping, const std::string& table,
                                            const std::vector<Predicate>& predicates, std::string& why);

// The models.Index(...) of a candidate (name included), or nullopt with `why` set.
std::optional<std::string> django_index(const DjangoMapping& mapping, const IndexCandidate& candidate, std::string& why);

// A SQL literal ('it''s', 5, -1.5, true) as a Python literal ("it's", 5, -1.5, True); nullopt
// for anything else (NULL, parameters, casts, E'' strings).
std::optional<std::string> python_literal(const std::string& sql_literal);

}  // namespace pgadvisor
