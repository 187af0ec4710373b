#include "cli/report/report_markdown.hpp"

#include "advisor/findings/sql_gist.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <vector>

#include "cli/report/markdown_cells.hpp"
#include "cli/report/report_origins.hpp"
#include "cli/report/report_stages.hpp"
#include "cli/report/report_trend_markdown.hpp"
#include "cli/report/report_values.hpp"
#include "plans/text_format.hpp"
#include "plans/workload/replay_identity_json.hpp"

namespace pgadvisor {
namespace {

using nlohmann::json;
using namespace markdown;

// A fenced code block, its fence longer than any backtick run inside.
std::string block(const std::string& language, const std::string& body) {
  size_t longest = 0, run = 0;
  for (char c : body) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string end = body.empty() || body.back() == '\n' ? "" : "\n";
  return fence + language + "\n" + body + end + fence + "\n";
}

double number(const json& object, const char* key, double fallback = 0) {
  auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

std::string string_of(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

const json& list(const json& report, const char* key) {
  static const json empty = json::array();
  auto found = report.find(key);
  return found != report.end() && found->is_array() ? *found : empty;
}

// The template's rank, "3" ("3 step 2" for a rewrite's step), or "?".
std::string rank_of(const json& report, const std::string& fingerprint) {
  size_t slash = fingerprint.find("/step");
  std::string base = fingerprint.substr(0, slash);
  const json& templates = list(report, "templates");
  for (size_t i = 0; i < templates.size(); ++i)
    if (string_of(templates[i], "fingerprint") == base)
      return std::to_string(i + 1) + (slash == std::string::npos ? "" : " step " + fingerprint.substr(slash + 5));
  return "?";
}

std::string ranks(const json& report, const json& fingerprints) {
  std::string out;
  for (const auto& fingerprint : fingerprints)
    if (fingerprint.is_string()) out += (out.empty() ? "#" : ", #") + rank_of(report, fingerprint.get<std::string>());
  return out.empty() ? "-" : out;
}

std::string saving(double per_log_ms, const json& object, const char* per_day_key) {
  std::string out = human_ms(per_log_ms);
  double per_day = number(object, per_day_key, -1);
  return per_day >= 0 ? out + " (" + human_ms(per_day) + "/day)" : out;
}

void write_headline(std::string& out, const json& report) {
  const json selection = report.value("selection", json::object());
  const json& findings = list(report, "findings");
  std::map<std::string, size_t> severities;
  for (const auto& finding : findings) ++severities[string_of(finding, "severity")];
  size_t proposals = list(report, "indexes").size();
  out += "## pgadvisor audit\n\n";
  if (report.value("interrupted", false))
    out += "> **Interrupted (Ctrl-C):** this report holds only what was measured before.\n\n";
  for (const auto& gap : list(report, "incomplete"))
    out += "> **Advice incomplete:** " + text(string_of(gap, "cause")) + ". Fix: " + text(string_of(gap, "fix")) + ".\n\n";
  if (!string_of(report, "database").empty()) out += "Database: " + text(string_of(report, "database")) + "\n\n";
  if (report.value("redacted", false)) out += "_Redacted (--redact): the statements' literal values are placeholders._\n\n";
  for (const auto& diagnostic : list(report, "diagnostics"))  // what --database, --since, ... left out
    if (string_of(diagnostic, "source") == "filters") out += "> Filtered: " + text(string_of(diagnostic, "message")) + "\n\n";
  out += fmt::format("**{}** statements, **{}** templates", report.value("statements", 0LL), list(report, "templates").size());
  out += fmt::format(" · **{}** proposed index{}", proposals, proposals == 1 ? "" : "es");
  if (proposals > 0) {
    out += fmt::format(" ({}) saving **{}** over the log", human_bytes(static_cast<long long>(number(selection, "total_size_bytes"))),
                       human_ms(number(selection, "net_saved_ms")));
    double per_day = number(selection, "net_saved_ms_per_day", -1);
    if (per_day >= 0) out += fmt::format(", **{}** a day", human_ms(per_day));
  }
  out += fmt::format(" · **{}** finding{}", findings.size(), findings.size() == 1 ? "" : "s");
  std::vector<std::string> counts;
  for (const char* severity : {"high", "medium", "low"})
    if (severities[severity]) counts.push_back(fmt::format("{} {}", severities[severity], severity));
  if (!counts.empty()) out += " (" + fmt::format("{}", fmt::join(counts, ", ")) + ")";
  out += "\n";
  const ReplayIdentity identity =
      replay_identity_from_json(report.is_object() ? report.value("replay_role", json::object()) : json::object());
  const std::string replayed_as = replay_identity_sentence(identity);
  if (!replayed_as.empty()) out += "\n" + replayed_as + "\n";
  for (const auto& warning : identity.warnings) out += "\n> **Warning:** " + warning + "\n";
}

void write_templates(std::string& out, const json& report, size_t top) {
  const json& templates = list(report, "templates");
  if (templates.empty()) return;
  out += fmt::format("\n#### Slowest templates ({} of {}, {})\n\n", std::min(top, templates.size()), templates.size(),
                     templates_ranking(report));
  const bool traced = !routes_of(report).empty();  // a "from" column only when the log had tags
  out += traced ? table_head({"#", "calls", "total", "mean", "replay", "statement", "from"}, "rrrrrll")
                : table_head({"#", "calls", "total", "mean", "replay", "statement"}, "rrrrrl");
  for (size_t i = 0; i < templates.size() && i < top; ++i) {
    const json& t = templates[i];
    const json replay = t.value("replay", json::object());
    double replay_ms = number(replay, "execution_ms", -1);
    double bound = number(replay, "lower_bound_ms", -1);
    std::string replayed = replay_ms >= 0 ? human_ms(replay_ms) + (replay.value("long_query", false) ? " (1 run, long query)" : "")
                           : bound >= 0   ? text("> " + human_ms(bound) + " (timed out)")
                                          : text(string_of(replay, "status"));
    std::vector<std::string> cells{std::to_string(i + 1), std::to_string(t.value("calls", 0LL)), human_ms(number(t, "total_ms")),
                                   human_ms(number(t, "mean_ms")), replayed, code(compact_sql(string_of(t, "normalized_sql")))};
    if (traced) cells.push_back(text(origins_line(list(t, "origins"), 2)));
    out += row(cells);
  }
}

void write_routes(std::string& out, const json& report, size_t top) {
  const std::vector<RouteRow> routes = routes_of(report);
  if (routes.empty()) return;
  out += fmt::format("\n#### By route ({})\n\n", routes.size());
  out += table_head({"route (view) or application", "templates", "calls", "time", "findings"}, "lrrrr");
  for (size_t i = 0; i < routes.size() && i < top; ++i)
    out += row({text(routes[i].name), std::to_string(routes[i].templates), std::to_string(routes[i].calls),
                human_ms(routes[i].total_ms), std::to_string(routes[i].findings)});
}

void write_indexes(std::string& out, const json& report) {
  const json& indexes = list(report, "indexes");
  if (indexes.empty()) return;
  out += fmt::format("\n#### Proposed indexes ({})\n\n", indexes.size());
  const bool traced = !routes_of(report).empty();
  out += traced ? table_head({"#", "index", "table", "size", "saves", "write cost", "templates", "serves"}, "rllrrrll")
                : table_head({"#", "index", "table", "size", "saves", "write cost", "templates"}, "rllrrrl");
  std::string ddl;
  for (size_t i = 0; i < indexes.size(); ++i) {
    const json& index = indexes[i];
    std::string table = string_of(index, "schema").empty() ? string_of(index, "table")
                                                           : string_of(index, "schema") + "." + string_of(index, "table");
    std::vector<std::string> cells{std::to_string(i + 1), code(string_of(index, "name")), code(table),
                                   human_bytes(static_cast<long long>(number(index, "size_bytes"))),
                                   saving(number(index, "saved_ms"), index, "saved_ms_per_day"), human_ms(number(index, "write_ms")),
                                   ranks(report, index.value("templates", json::array()))};
    if (traced) cells.push_back(text(origins_line(list(index, "origins"), 2)));
    out += row(cells);
    ddl += string_of(index, "ddl") + "\n";
  }
  out += "\n" + block("sql", ddl);
}

void write_findings(std::string& out, const json& report, size_t top) {
  const json& findings = list(report, "findings");
  if (findings.empty()) return;
  size_t shown = std::min(top, findings.size());
  out += fmt::format("\n#### Findings ({}{})\n\n", findings.size(),
                     shown < findings.size() ? fmt::format(", the first {}", shown) : "");
  const bool traced = !routes_of(report).empty();
  out += traced ? table_head({"#", "severity", "kind", "template", "summary", "saves", "from"}, "rllrlrl")
                : table_head({"#", "severity", "kind", "template", "summary", "saves"}, "rllrlr");
  // Findings with the same fix share one entry under "Suggested fixes".
  std::vector<std::pair<std::string, std::string>> fixes;
  std::vector<std::vector<size_t>> fixed_by;
  for (size_t i = 0; i < shown; ++i) {
    const json& f = findings[i];
    const json fingerprints = f.value("templates", json::array());
    std::string rank = fingerprints.empty() ? "?" : rank_of(report, fingerprints.front().get<std::string>());
    double saves = number(f, "saving_ms");
    std::string severity = string_of(f, "severity");
    std::vector<std::string> cells{std::to_string(i + 1), severity == "high" ? "**high**" : text(severity),
                                   code(string_of(f, "kind")), "#" + rank, text(string_of(f, "summary")),
                                   saves > 0 ? human_ms(saves) : "-"};
    if (traced) cells.push_back(text(origins_line(list(f, "origins"), 2, false)));
    out += row(cells);
    std::pair<std::string, std::string> fix{string_of(f, "fix_sql"), string_of(f, "fix_django")};
    bool see_indexes = fix.first.empty() && fix.second.rfind("# see the proposed indexes", 0) == 0;  // the table above
    if ((fix.first.empty() && fix.second.empty()) || see_indexes) continue;
    auto same = std::find(fixes.begin(), fixes.end(), fix);
    if (same == fixes.end()) {
      fixes.push_back(fix);
      fixed_by.emplace_back();
      same = fixes.end() - 1;
    }
    fixed_by[static_cast<size_t>(same - fixes.begin())].push_back(i + 1);
  }
  if (fixes.empty()) return;
  out += fmt::format("\n<details><summary>Suggested fixes ({})</summary>\n\n", fixes.size());
  for (size_t i = 0; i < fixes.size(); ++i) {
    out += fmt::format("Finding{} {} ({}):\n\n", fixed_by[i].size() == 1 ? "" : "s", fmt::join(fixed_by[i], ", "),
                       code(string_of(findings[fixed_by[i].front() - 1], "kind")));
    if (!fixes[i].first.empty()) out += block("sql", fixes[i].first) + "\n";
    if (!fixes[i].second.empty()) out += block("python", fixes[i].second) + "\n";
  }
  out += "</details>\n";
}

void write_rewrites(std::string& out, const json& report) {
  const json& rewrites = list(report, "rewrites");
  if (rewrites.empty()) return;
  out += fmt::format("\n#### IN-subquery rewrites ({})\n\n", rewrites.size());
  out += table_head({"template", "kind", "verdict", "before", "after", "speedup"}, "rllrrr");
  for (const auto& r : rewrites) {
    std::string verdict = string_of(r, "verdict");
    bool measured = verdict == "proposed" || verdict == "not_worth_it";
    std::string reason = string_of(r, "reason");
    out += row({"#" + rank_of(report, string_of(r, "fingerprint")), code(string_of(r, "kind")),
                (verdict == "proposed" ? "**proposed**" : text(verdict)) + (reason.empty() ? "" : ": " + text(reason)),
                measured ? human_ms(number(r, "before_ms")) : "-", measured ? human_ms(number(r, "after_ms")) : "-",
                measured ? fmt::format("{:.1f}x", number(r, "speedup")) : "-"});
  }
}

void write_drops(std::string& out, const json& report) {
  const json& drops = list(report, "drop_suggestions");
  if (drops.empty()) return;
  out += fmt::format("\n#### Existing indexes the workload does not need ({})\n\n", drops.size());
  out += table_head({"index", "table", "size", "why"}, "llrl");
  std::string ddl;
  for (const auto& drop : drops) {
    std::string covered = string_of(drop, "covered_by");
    std::string why = string_of(drop, "kind") == "prefix" && !covered.empty() ? "a prefix of " + code(covered)
                                                                               : text(string_of(drop, "kind"));
    out += row({code(string_of(drop, "index")), code(string_of(drop, "table")),
                human_bytes(static_cast<long long>(number(drop, "size_bytes"))), why});
    ddl += string_of(drop, "ddl") + "\n";
  }
  out += "\n" + block("sql", ddl);
}

void write_baseline(std::string& out, const json& report, size_t top) {
  auto found = report.find("baseline");
  if (found == report.end() || !found->is_object()) return;
  const json& b = *found;
  const json& regressions = list(b, "regressions");
  out += fmt::format("\n#### Against the baseline {}\n\n", code(string_of(b, "baseline").empty() ? string_of(b, "file")
                                                                                                  : string_of(b, "baseline")));
  out += fmt::format("**{}** regression{}, {} fixed, {} new finding{}, {} new and {} gone template{}\n",
                     regressions.size(), regressions.size() == 1 ? "" : "s", list(b, "fixed").size(),
                     list(b, "new_findings").size(), list(b, "new_findings").size() == 1 ? "" : "s",
                     list(b, "new_templates").size(), list(b, "gone_templates").size(),
                     list(b, "gone_templates").size() == 1 ? "" : "s");
  if (regressions.empty()) return;
  out += "\n" + table_head({"statement", "calls", "before", "after", "why"}, "lrrrl");
  for (size_t i = 0; i < regressions.size() && i < top; ++i) {
    const json& r = regressions[i];
    std::vector<std::string> reasons;
    for (const auto& reason : list(r, "reasons")) reasons.push_back(text(string_of(reason, "text")));
    double before = number(r, "before_ms", -1), after = number(r, "after_ms", -1);
    out += row({code(compact_sql(string_of(r, "normalized_sql")), 60), std::to_string(r.value("calls", 0LL)),
                before >= 0 ? human_ms(before) : "-", after >= 0 ? human_ms(after) : "-",
                fmt::format("{}", fmt::join(reasons, "; "))});
  }
}

}  // namespace

std::string report_to_markdown(const json& report, size_t top) {
  std::string out;
  write_headline(out, report);
  write_baseline(out, report, top);
  out += trend_to_markdown(report, top);
  write_templates(out, report, top);
  write_routes(out, report, top);
  write_indexes(out, report);
  write_findings(out, report, top);
  write_rewrites(out, report);
  write_drops(out, report);
  out += stages_markdown(report);
  size_t diagnostics = list(report, "diagnostics").size();
  if (diagnostics > 0)
    out += fmt::format("\n_{} diagnostic{}: see the text or JSON report._\n",
                       diagnostics, diagnostics == 1 ? "" : "s");
  return out;
}

}  // namespace pgadvisor
