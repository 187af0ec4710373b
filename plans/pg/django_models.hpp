// The Django models of a database, as django_content_type lists them (app_label, model), and the
// model behind a table under Django's default db_table naming (`app_label + "_" + model`, lower
// case). A database without a readable django_content_type has no models; reading the rows
// throws DatabaseError only when the catalog itself cannot be read.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

struct DjangoModel {
  std::string app_label;         // "todos"
  std::string model;             // lower case, as stored: "todoassignee"
  std::string class_name_guess;  // the model capitalized: "Todoassignee"
};

// The rows of django_content_type by app_label, model; empty when the table does not exist
// (through search_path) or the session's role may not read it.
std::vector<DjangoModel> read_django_models(Transaction& tx);

// The one model whose default db_table is `table` (compared in lower case, a "public." prefix
// ignored); nullptr when none matches, or when two do ("a_b" + "c" and "a" + "b_c").
const DjangoModel* model_for_table(const std::vector<DjangoModel>& models, const std::string& table);

}  // namespace pgadvisor
