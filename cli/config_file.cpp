#include "cli/config_file.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <toml++/toml.h>

#include "plans/ascii_case.hpp"
#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

const std::set<std::string> kPathKeys = {"log", "workload", "baseline", "history"};
// What the run reads: given on the command line in any form, the file's inputs are not added.
const std::set<std::string> kInputKeys = {"log", "workload", "from-pg-stat-statements"};

std::string key_name(std::string key) {
  for (char& c : key)
    if (c == '_') c = '-';
  return key;
}

// The option of `command` whose long name is `key`, in a group (the section) other than the
// default one; nullptr when none.
CLI::Option* option_named(CLI::App& command, const std::string& key) {
  for (CLI::Option* option : command.get_options()) {
    const auto& names = option->get_lnames();
    if (std::find(names.begin(), names.end(), key) != names.end() && option->get_group() != "Options") return option;
  }
  return nullptr;
}

struct Located {
  std::string where;  // "file:line"
  [[noreturn]] void fail(const std::string& message) const {
    throw FatalError(FatalKind::Usage, where + ": " + message);
  }
};

Located at(const std::string& path, const toml::node& node) {
  return {fmt::format("{}:{}", path, node.source().begin.line)};
}

std::string scalar_text(const toml::node& value, const Located& where) {
  if (auto text = value.value_exact<std::string>()) return *text;
  if (auto number = value.value_exact<int64_t>()) return std::to_string(*number);
  if (auto number = value.value_exact<double>()) return fmt::format("{}", *number);
  if (auto flag = value.value_exact<bool>()) return *flag ? "true" : "false";
  where.fail("expected a string, a number or true/false");
}

void set_option(CLI::Option& option, const toml::node& value, const std::string& path, const std::string& key,
                const std::filesystem::path& base) {
  Located where = at(path, value);
  std::vector<std::string> results;
  if (const toml::array* list = value.as_array()) {
    if (option.get_items_expected_max() <= 1) where.fail("'" + key + "' takes one value, not an array");
    for (const auto& element : *list) results.push_back(scalar_text(element, at(path, element)));
  } else {
    results.push_back(scalar_text(value, where));
  }
  if (option.get_expected_max() == 0) {  // a flag
    if (results.size() != 1 || (results[0] != "true" && results[0] != "false"))
      where.fail("'" + key + "' is a flag: true or false");
    if (results[0] == "false") return;
  }
  for (auto& result : results) {
    if (kPathKeys.count(key) && !result.empty() && result != "-" && std::filesystem::path(result).is_relative())
      result = (base / result).lexically_normal().string();
    option.add_result(result);
  }
  try {
    option.run_callback();
  } catch (const CLI::Error& error) {
    where.fail(error.what());
  }
}

bool known_elsewhere(const std::vector<CLI::App*>& commands, const std::string& section, const std::string& key) {
  for (CLI::App* command : commands)
    if (CLI::Option* option = option_named(*command, key); option && ascii_lower(option->get_group()) == section) return true;
  return false;
}

std::set<std::string> known_sections(const std::vector<CLI::App*>& commands) {
  std::set<std::string> sections = {"django"};
  for (CLI::App* command : commands)
    for (CLI::Option* option : command->get_options())
      if (option->get_group() != "Options") sections.insert(ascii_lower(option->get_group()));
  return sections;
}

std::map<std::string, std::string> django_models(const std::string& path, const toml::table& models) {
  std::map<std::string, std::string> out;
  for (const auto& [table, model] : models) {
    auto text = model.value_exact<std::string>();
    if (!text || text->find('.') == std::string::npos)
      at(path, model).fail("[django.models] " + std::string(table.str()) + ": expected \"app_label.ModelName\"");
    out[std::string(table.str())] = *text;
  }
  return out;
}

}  // namespace

std::optional<std::string> find_config_file(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (std::filesystem::exists("pgadvisor.toml")) return std::string("pgadvisor.toml");
  return std::nullopt;
}

AppliedConfig apply_config_file(const std::string& path, CLI::App& command, const std::vector<CLI::App*>& all_commands) {
  toml::table file;
  try {
    file = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    if (!std::filesystem::exists(path)) throw FatalError(FatalKind::Input, "--config: cannot read " + path);
    throw FatalError(FatalKind::Usage, fmt::format("{}:{}: {}", path, error.source().begin.line, error.description()));
  }
  AppliedConfig applied{path, {}};
  std::filesystem::path base = std::filesystem::absolute(path).parent_path();
  std::set<std::string> sections = known_sections(all_commands);
  bool inputs_given = false;
  for (const auto& key : kInputKeys)
    if (CLI::Option* option = option_named(command, key)) inputs_given = inputs_given || option->count() > 0;
  for (const auto& [section_key, section_node] : file) {
    std::string section(section_key.str());
    Located where = at(path, section_node);
    const toml::table* entries = section_node.as_table();
    if (!entries) where.fail("'" + section + "' must be a section, [" + section + "]; top-level keys are not read");
    if (!sections.count(section))
      where.fail(fmt::format("unknown section [{}] (known: {})", section, fmt::join(sections, ", ")));
    for (const auto& [raw_key, value] : *entries) {
      std::string key = key_name(std::string(raw_key.str()));
      Located key_where = at(path, value);
      if (section == "django" && key == "models" && value.is_table()) {
        applied.django_models = django_models(path, *value.as_table());
        continue;
      }
      CLI::Option* option = option_named(command, key);
      if (!option || ascii_lower(option->get_group()) != section) {
        if (known_elsewhere(all_commands, section, key)) continue;  // another subcommand's option
        if (option)
          key_where.fail(fmt::format("'{}' belongs in [{}], not [{}]", key, ascii_lower(option->get_group()), section));
        key_where.fail(fmt::format("unknown key '{}' in [{}]", std::string(raw_key.str()), section));
      }
      if (option->count() > 0) continue;  // the command line wins
      if (kInputKeys.count(key) && inputs_given) continue;
      set_option(*option, value, path, key, base);
    }
  }
  return applied;
}

}  // namespace pgadvisor
