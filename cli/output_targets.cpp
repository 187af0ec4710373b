#include "cli/output_targets.hpp"

#include <filesystem>
#include <set>

#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

const std::set<std::string>& known_kinds() {
  static const std::set<std::string> kinds{"text", "json", "markdown", "html", "sql", "django"};
  return kinds;
}

// "markdown:out.md" -> {markdown, out.md}; a value whose part before ':' is not a known kind is
// a plain path ("./a:b.txt"), as is one with no ':'.
bool split_kind(const std::string& value, OutputTarget& target) {
  size_t colon = value.find(':');
  if (colon == std::string::npos || !known_kinds().count(value.substr(0, colon))) return false;
  target.kind = value.substr(0, colon);
  target.path = value.substr(colon + 1);
  return true;
}

}  // namespace

std::vector<OutputTarget> parse_output_targets(const std::vector<std::string>& outputs, const std::string& format,
                                               const std::string& migration_kind) {
  std::string plain_kind = !migration_kind.empty() ? migration_kind : !format.empty() ? format : "text";
  if (outputs.empty()) return {OutputTarget{plain_kind, ""}};
  std::vector<OutputTarget> targets;
  bool plain_seen = false, stdout_seen = false;
  std::set<std::string> paths;
  for (const auto& value : outputs) {
    OutputTarget target;
    if (!split_kind(value, target)) {
      if (plain_seen)
        throw FatalError(FatalKind::Usage, "-o " + value + ": only one -o may be a plain path; name the others' format, " +
                                               "as in -o markdown:audit.md");
      plain_seen = true;
      target = OutputTarget{plain_kind, value};
    }
    if (target.path.empty())
      throw FatalError(FatalKind::Usage, "-o " + value + ": no path after the format (use - for standard output)");
    if (target.path == "-") target.path.clear();
    if (target.path.empty()) {
      if (stdout_seen) throw FatalError(FatalKind::Usage, "-o " + value + ": only one output can go to standard output");
      stdout_seen = true;
    } else {
      std::error_code ignored;
      std::string canonical = std::filesystem::weakly_canonical(target.path, ignored).string();
      if (!paths.insert(canonical.empty() ? target.path : canonical).second)
        throw FatalError(FatalKind::Usage, "-o " + value + ": that path is already an output");
    }
    targets.push_back(target);
  }
  if (!plain_seen && !migration_kind.empty())
    throw FatalError(FatalKind::Usage, "--migration " + migration_kind + ": every -o names its own format, so none is the " +
                                           "migration: add -o " + migration_kind + ":PATH instead");
  if (!plain_seen && !format.empty())
    throw FatalError(FatalKind::Usage, "--format " + format + ": every -o names its own format, so none uses --format: " +
                                           "drop it, or add -o " + format + ":PATH");
  return targets;
}

std::string journal_anchor(const std::vector<OutputTarget>& targets) {
  for (const auto& target : targets)
    if (target.kind == "json" && !target.path.empty()) return target.path;
  for (const auto& target : targets)
    if (!target.path.empty() && target.kind != "django") return target.path;
  return "";
}

}  // namespace pgadvisor
