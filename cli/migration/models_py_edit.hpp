// The models.py edit of `--migration django -o PROJECT_DIR`: each index the migration adds goes
// into its model's Meta.indexes too, or the next `makemigrations` would propose removing it.
// The model is the top-level `class <Name>(...)` whose name in lower case is the migration's
// model_name. Edited in place only when that is plain: an existing `class Meta:` (no bases) gets
// `indexes = [...]` after its last statement, or the index appended to its `indexes = [...]`
// list literal; a model whose bases are exactly models.Model gets a new `class Meta:` before its
// first method. An index whose name is already in the class is not added again (idempotent), and
// the imports it needs are added after the file's last top-level import. Anything else (a Meta
// with bases, indexes computed or extended, a model with other bases and no Meta, whose Meta a new
// one would replace, a class not at the top level, a file that is not plainly readable) is
// left alone: the result says why and holds the snippet to add by hand. Pure.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

// One index of a model's Meta.indexes, as the migration's operation has it.
struct DjangoModelIndex {
  std::string model;                 // the migration's model_name, lower case: "post"
  std::string name;                  // the index name: "blog_post_created_at_4c1f_idx"
  std::string index;                 // "models.Index(\n    fields=[...],\n    name=...,\n)"
  std::vector<std::string> imports;  // "from django.db import models", ...
};

enum class ModelsEditOutcome { Edited, AlreadyThere, Unsafe };

struct ModelsEdit {
  ModelsEditOutcome outcome = ModelsEditOutcome::Unsafe;
  std::string text;        // Edited: the new file
  std::string class_name;  // the class found ("Post"), or empty
  std::string reason;      // Unsafe: why the file was not edited
  size_t added = 0;        // Edited: how many indexes
};

// Adds `indexes` (all of one model) to the Meta of their model in `source`.
ModelsEdit add_model_indexes(const std::string& source, const std::vector<DjangoModelIndex>& indexes);

// What to add by hand: a `class Meta:` with the indexes and, before it, the imports they need.
std::string model_indexes_snippet(const std::vector<DjangoModelIndex>& indexes);

}  // namespace pgadvisor
