// Writing the rendered migrations where `--migration sql|django -o` says, shared by `audit
// --migration` and `report --migration` (from the saved JSON report), so both write the same.
// sql: the file (or standard output). django: one app's migration to -o FILE or standard output;
// with -o naming an existing directory (the Django project's, required when several apps get
// one), DIR/<app_label>/migrations/<NNNN>_pgadvisor_indexes.py — the migrations/ package is
// created (with an empty __init__.py) only inside an existing DIR/<app_label>/; an app without
// that directory (one installed elsewhere) is printed on standard output instead — and each
// index is added to its model's Meta.indexes in DIR/<app_label>/models.py (models_py_edit): when
// that edit is not safe, the file is left alone and standard error shows what to add by hand.
// Without -o, several files are printed one after the other, each after a
// `# file: <app>/migrations/<name>` line.
#pragma once

#include <string>

#include "cli/migration/migration_json.hpp"

namespace pgadvisor {

// `kind` is "sql" or "django"; FatalError when it cannot be written (no Django mapping: Connection;
// several apps and -o a file: Usage; a write error: Input).
void write_rendered_migration(const std::string& kind, const RenderedMigrations& migrations, const std::string& output);

}  // namespace pgadvisor
