#include "cli/migration/migration_output.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/migration/models_py_edit.hpp"
#include "plans/fatal_error.hpp"
#include "plans/json_text.hpp"
#include "plans/output_file.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {
namespace {

namespace fs = std::filesystem;

// A migration to `output`, or standard output when it is empty; UTF-8 (a byte that is not, from a
// Latin-1 statement, is written as \xNN), as every report.
void emit(const std::string& output, const std::string& text) {
  if (output.empty()) write_standard_output(visible_utf8(text));
  else write_output(output, visible_utf8(text));
}

std::string read_models_py(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw FatalError(FatalKind::Input, "--migration django: cannot read " + path.string());
  return text.str();
}

// Adds the file's indexes to the Meta.indexes of their models in APP/models.py, or says what to add.
void edit_models(const fs::path& app, const DjangoMigrationFile& file) {
  std::map<std::string, std::vector<DjangoModelIndex>> by_model;
  for (const auto& index : file.model_indexes) by_model[index.model].push_back(index);
  if (by_model.empty()) return;
  fs::path models = app / "models.py";
  std::error_code error;
  bool readable = fs::is_regular_file(models, error);
  std::string text = readable ? read_models_py(models) : "";
  bool changed = false;
  for (const auto& [model, indexes] : by_model) {
    ModelsEdit edit = readable ? add_model_indexes(text, indexes) : ModelsEdit{};
    if (!readable) edit.reason = "there is no such file (a models/ package?)";
    if (edit.outcome == ModelsEditOutcome::Edited) {
      text = edit.text;
      changed = true;
      std::cerr << "pgadvisor: --migration django: added " << edit.added << " index(es) to Meta.indexes of class " << edit.class_name
                << " in " << models.string() << "\n";
    } else if (edit.outcome == ModelsEditOutcome::Unsafe) {
      std::string where = edit.class_name.empty() ? "model " + model : "class " + edit.class_name;
      std::cerr << "pgadvisor: --migration django: " << models.string() << " not edited for " << where << ": " << edit.reason
                << ". Add these to the Meta.indexes of " << where << " (" << file.app_label << "." << model
                << ") by hand, or the next makemigrations will propose removing them:\n"
                << model_indexes_snippet(indexes);
    }
  }
  if (changed) write_output(models.string(), text);
}

// Writes one app's file under the project directory `dir`; false when DIR/<app> does not exist.
bool write_into_project(const fs::path& dir, const DjangoMigrationFile& file) {
  fs::path app = dir / file.app_label;
  if (!fs::is_directory(app)) return false;
  fs::path migrations = app / "migrations";
  std::error_code error;
  if (!fs::is_directory(migrations)) {
    if (!fs::create_directory(migrations, error) && error)
      throw FatalError(FatalKind::Input, "cannot create " + migrations.string() + ": " + error.message());
    write_output((migrations / "__init__.py").string(), "");
  }
  std::string number = file.file_name.substr(0, 5);  // "0002_"
  for (const auto& entry : fs::directory_iterator(migrations, error)) {
    std::string name = entry.path().filename().string();
    if (name != file.file_name && name.rfind(number, 0) == 0 && entry.path().extension() == ".py")
      std::cerr << "pgadvisor: --migration django: " << migrations.string() << " already has " << name
                << ", which the audited database has not applied: check the new migration's dependency\n";
  }
  write_output((migrations / file.file_name).string(), visible_utf8(file.content));
  std::cerr << "pgadvisor: --migration django: wrote " << (migrations / file.file_name).string() << "\n";
  edit_models(app, file);
  return true;
}

void write_django(const RenderedMigrations& migrations, const std::string& output) {
  bool into_dir = !output.empty() && fs::is_directory(output);
  if (migrations.no_indexes) {
    std::string text = comment_lines("# ", "pgadvisor audit --migration django: no index proposed, so no migration.");
    if (into_dir) std::cerr << "pgadvisor: --migration django: no index proposed, no migration written\n";
    else emit(output, text);
    return;
  }
  if (!migrations.django && migrations.interrupted) {  // Ctrl-C came before the stage: exit 130 says the rest
    std::cerr << "pgadvisor: --migration django: interrupted before the Django models were read: no migration written\n";
    return;
  }
  if (!migrations.django)  // a database error (exit 3), or a report of an audit that read no models (exit 2)
    throw FatalError(migrations.django_failed ? FatalKind::Connection : FatalKind::Usage,
                     "--migration django: " + migrations.django_missing);
  const DjangoMigrations& result = *migrations.django;
  for (const auto& warning : result.warnings) std::cerr << "pgadvisor: " << warning << "\n";
  if (result.files.empty()) {
    std::string text = comment_lines("# ", "pgadvisor audit --migration django: no proposed index is on a Django model.") +
                       result.unmapped_comment;
    if (into_dir) std::cerr << "pgadvisor: --migration django: no proposed index is on a Django model, no migration written\n";
    else emit(output, text);
    return;
  }
  if (!output.empty() && !into_dir && result.files.size() > 1) {
    std::string apps;
    for (const auto& file : result.files) apps += (apps.empty() ? "" : ", ") + file.app_label;
    throw FatalError(FatalKind::Usage, "--migration django: the indexes belong to several apps (" + apps +
                                           "): -o must name an existing directory, the Django project's");
  }
  if (!output.empty() && !into_dir) {
    write_output(output, visible_utf8(result.files[0].content));
    return;
  }
  std::string printed;
  for (const auto& file : result.files) {
    if (into_dir && write_into_project(output, file)) continue;
    if (into_dir)
      std::cerr << "pgadvisor: --migration django: " << (fs::path(output) / file.app_label).string()
                << " does not exist (an app outside the project?): its migration is printed on standard output\n";
    if (result.files.size() > 1 || into_dir)
      printed += std::string(printed.empty() ? "" : "\n") + "# file: " + file.app_label + "/migrations/" +
                 file.file_name + "\n";
    printed += file.content;
  }
  if (!printed.empty()) std::cout << printed << std::flush;
}

}  // namespace

void write_rendered_migration(const std::string& kind, const RenderedMigrations& migrations, const std::string& output) {
  if (kind == "sql") emit(output, migrations.sql);
  else if (kind == "django") write_django(migrations, output);
  else throw FatalError(FatalKind::Usage, "--migration: expected sql or django, got '" + kind + "'");
}

}  // namespace pgadvisor
