// DjangoMapping: what the database (and the configuration) tell about the Django project behind
// the proposed indexes — each table's model, its single-column foreign keys, each app's latest
// migration (django/map_models reads them). Plain data.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace pgadvisor {

struct DjangoModelRef {
  std::string app_label;   // "blog"
  std::string model_name;  // lower case, as migrations name it: "post"
};

// What the database (and the configuration) tell about the Django project, by table as
// IndexDefinition::qualified_table() names it.
struct DjangoMapping {
  std::map<std::string, DjangoModelRef> models;
  std::map<std::string, std::set<std::string>> foreign_key_columns;  // single-column foreign keys
  std::map<std::string, std::string> dependencies;  // app_label -> its latest migration; absent: none known
  std::vector<std::string> warnings;  // a --django-dependency app with no proposed index
};

}  // namespace pgadvisor
