#include "plans/pg/django_models.hpp"

#include <cctype>

#include "plans/ascii_case.hpp"
#include "plans/pg/relation_catalog.hpp"

namespace pgadvisor {
namespace {

const char* kContentTypes = "SELECT app_label, model FROM django_content_type ORDER BY app_label, model";

std::string capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

std::vector<DjangoModel> read_django_models(Transaction& tx) {
  std::vector<DjangoModel> models;
  if (!table_readable(tx, "django_content_type")) return models;
  for (const auto& row : tx.query(kContentTypes)) {
    DjangoModel model;
    model.app_label = row[0].value_or("");
    model.model = row[1].value_or("");
    model.class_name_guess = capitalized(model.model);
    models.push_back(std::move(model));
  }
  return models;
}

const DjangoModel* model_for_table(const std::vector<DjangoModel>& models, const std::string& table) {
  std::string wanted = ascii_lower(table);
  if (wanted.rfind("public.", 0) == 0) wanted.erase(0, 7);
  const DjangoModel* found = nullptr;
  for (const auto& model : models) {
    if (ascii_lower(model.app_label + "_" + model.model) != wanted) continue;
    if (found != nullptr) return nullptr;  // ambiguous
    found = &model;
  }
  return found;
}

}  // namespace pgadvisor
