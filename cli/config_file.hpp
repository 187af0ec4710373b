// pgadvisor.toml: every option of `audit` and `replay` can be set in a TOML file, found in the
// working directory or named with --config; the command line wins over the file. Sections are
// the option groups of --help ([connection], [log], [replay], [advisor], [rewrites], [report],
// [ci], [django]); a key is the option's long name (`max-indexes` or `max_indexes`), a flag is
// `true` (turned off on the command line with `--verify=false`), a repeatable option takes an
// array. Inputs go together: when the command line names any of --log, --workload and
// --from-pg-stat-statements, the file's are not added. [django.models] maps tables to Django models
// ("blog_post" = "blog.Post") for --migration django. Relative paths given to log, workload and
// baseline are read from the file's directory. An unknown section or key, a key in the wrong
// section, a value of the wrong type or one the option refuses is an error naming the file and
// line (exit status 2).
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <optional>
#include <string>

namespace pgadvisor {

struct AppliedConfig {
  std::string path;
  std::map<std::string, std::string> django_models;  // table → "app_label.Model"
};

// `explicit_path` (--config) or ./pgadvisor.toml when it exists; nullopt when there is none.
std::optional<std::string> find_config_file(const std::string& explicit_path);

// Applies the file to `command` (the subcommand being run); `all_commands` tells keys of the
// other subcommands (ignored here) from unknown ones. Throws FatalError(Usage).
AppliedConfig apply_config_file(const std::string& path, CLI::App& command,
                                const std::vector<CLI::App*>& all_commands);

}  // namespace pgadvisor
