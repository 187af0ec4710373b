#include "advisor/baseline_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>

#include "advisor/findings/plan_shape.hpp"
#include "plans/text_format.hpp"

namespace pgadvisor {
namespace {

using json = nlohmann::json;

const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto found = object.find(key);
  return found == object.end() || found->is_null() ? nullptr : &*found;
}
std::optional<double> number(const json& object, const char* key) {
  const json* value = member(object, key);
  return value && value->is_number() ? std::optional<double>(value->get<double>()) : std::nullopt;
}
std::string text(const json& object, const char* key) {
  const json* value = member(object, key);
  return value && value->is_string() ? value->get<std::string>() : "";
}
json or_null(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }
json or_null(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

struct TemplateView {
  std::string fingerprint, sql, status, plan, diagnostic;
  std::optional<double> ms, total_ms, cost;
  long long calls = 0;
  std::optional<std::vector<PlanSummaryNode>> tree;  // every node of the plan (plan_nodes), when the report has it
};

TemplateView view_of(const json& entry) {
  TemplateView view;
  view.fingerprint = text(entry, "fingerprint"), view.sql = text(entry, "normalized_sql");
  view.calls = static_cast<long long>(number(entry, "calls").value_or(0));
  view.total_ms = number(entry, "total_ms");
  if (const json* replay = member(entry, "replay")) {
    view.status = text(*replay, "status");
    view.ms = number(*replay, "execution_ms");
    view.plan = text(*replay, "plan_summary");
    if (const json* nodes = member(*replay, "plan_nodes"); nodes && nodes->is_array())
      view.tree = plan_nodes_from_json(*nodes);
    view.cost = number(*replay, "plan_total_cost");
    if (const json* diagnostic = member(*replay, "diagnostic")) view.diagnostic = text(*diagnostic, "message");
  }
  return view;
}

void require_report(const json& report, const std::string& which) {
  if (!report.is_object()) throw std::invalid_argument(which + " is not a pgadvisor JSON report: not a JSON object");
  if (text(report, "format") == "pgadvisor-workload")
    throw std::invalid_argument(which + " is a workload file of `pgadvisor replay`, not a JSON report of `pgadvisor audit`");
  const json* templates = member(report, "templates");
  if (!member(report, "version") || !templates || !templates->is_array())
    throw std::invalid_argument(which + " is not a pgadvisor JSON report (no \"version\" and \"templates\"): "
                                "write one with `pgadvisor audit --format json -o FILE`");
}

// The templates by fingerprint, in the report's order; entries without one cannot be matched.
std::vector<TemplateView> templates_of(const json& report) {
  std::vector<TemplateView> out;
  for (const auto& entry : report["templates"]) {
    TemplateView view = view_of(entry);
    if (view.fingerprint.empty()) continue;
    if (std::none_of(out.begin(), out.end(), [&](const TemplateView& v) { return v.fingerprint == view.fingerprint; }))
      out.push_back(view);
  }
  return out;
}

json template_brief(const TemplateView& view) {
  return {{"fingerprint", view.fingerprint}, {"normalized_sql", view.sql},   {"calls", view.calls},
          {"total_ms", or_null(view.total_ms)}, {"execution_ms", or_null(view.ms)}, {"plan", or_null(view.plan)}};
}

json reason(const std::string& code, const std::string& said) { return {{"code", code}, {"text", said}}; }

json time_reason(const std::string& code, double before, double after) {
  return reason(code, fmt::format("{} -> {} a call ({:.1f}x)", human_ms(before), human_ms(after),
                                  code == "slower" ? after / std::max(before, 1e-3) : before / std::max(after, 1e-3)));
}

// The two plans' nodes, compared alike: every node of both plan trees, or, when a report (an
// older baseline) has only the summaries, the costliest branch of both.
std::pair<std::vector<PlanSummaryNode>, std::vector<PlanSummaryNode>> shapes(const TemplateView& was,
                                                                              const TemplateView& now) {
  if (was.tree && now.tree) return {*was.tree, *now.tree};
  return {parse_plan_summary(was.plan), parse_plan_summary(now.plan)};
}

// The same nodes, and planner costs within 10% (data growth or other estimates change them).
bool same_plan(const TemplateView& was, const TemplateView& now) {
  bool similar_cost = !was.cost || !now.cost ||
                      std::max(*was.cost, *now.cost) <= 1.1 * std::max(std::min(*was.cost, *now.cost), 1e-9);
  auto [before, after] = shapes(was, now);
  return similar_cost && same_plan_nodes(before, after);
}

struct Verdict {
  json worse = json::array(), better = json::array(), timing = json::array();  // reasons
};

Verdict judge(const TemplateView& was, const TemplateView& now, const BaselineOptions& options) {
  Verdict verdict;
  json &worse = verdict.worse, &better = verdict.better;
  if (was.ms && now.ms) {
    double before = *was.ms, after = *now.ms;
    bool timing_only = !options.trust_timing_alone && same_plan(was, now);
    if (after >= before * options.slower_factor && after - before >= options.min_delta_ms)
      (timing_only ? verdict.timing : worse).push_back(time_reason("slower", before, after));
    else if (before >= after * options.slower_factor && before - after >= options.min_delta_ms)
      (timing_only ? verdict.timing : better).push_back(time_reason("faster", before, after));
  }
  auto [before_nodes, after_nodes] = shapes(was, now);
  for (const AccessChange& change : access_changes(before_nodes, after_nodes)) {
    json entry = reason(change.worse ? "seq_scan" : "index_scan", change.text());
    entry["relation"] = change.relation;
    entry["before"] = change.before;
    entry["after"] = change.after;
    (change.worse ? worse : better).push_back(entry);
  }
  bool ran = was.status == "analyzed" || was.status == "explained";
  if (ran && now.status == "failed")
    worse.push_back(reason("failed", "the replay now fails" + (now.diagnostic.empty() ? "" : ": " + now.diagnostic)));
  if (ran && now.status == "timed_out") worse.push_back(reason("timed_out", "the replay now times out"));
  if (was.status == "failed" && (now.status == "analyzed" || now.status == "explained"))
    better.push_back(reason("replays", "the replay no longer fails"));
  if (was.status == "timed_out" && (now.status == "analyzed" || now.status == "explained"))
    better.push_back(reason("replays", "the replay no longer times out"));
  return verdict;
}

json pair_entry(const TemplateView& was, const TemplateView& now, json reasons) {
  long long calls = now.calls > 0 ? now.calls : std::max(was.calls, 1LL);
  std::optional<double> delta, factor;
  if (was.ms && now.ms) {
    delta = *now.ms - *was.ms;
    factor = *now.ms / std::max(*was.ms, 1e-3);
  }
  return {{"type", "template"}, {"fingerprint", now.fingerprint}, {"normalized_sql", now.sql.empty() ? was.sql : now.sql},
          {"calls", calls}, {"status_before", or_null(was.status)}, {"status_after", or_null(now.status)},
          {"before_ms", or_null(was.ms)}, {"after_ms", or_null(now.ms)}, {"delta_ms", or_null(delta)},
          {"factor", or_null(factor)}, {"added_ms", delta ? json(*delta * static_cast<double>(calls)) : json(nullptr)},
          {"plan_before", or_null(was.plan)}, {"plan_after", or_null(now.plan)}, {"reasons", std::move(reasons)}};
}

double value_or(const json& entry, const char* key, double fallback) { return number(entry, key).value_or(fallback); }

// A finding's identity: its kind and its templates.
std::string finding_key(const json& finding) {
  std::string key = text(finding, "kind");
  if (const json* templates = member(finding, "templates"))
    for (const auto& fingerprint : *templates) key += "|" + (fingerprint.is_string() ? fingerprint.get<std::string>() : "");
  return key;
}

json finding_entry(const json& finding, const std::map<std::string, std::string>& sql_by_fingerprint) {
  json templates = member(finding, "templates") && finding["templates"].is_array() ? finding["templates"] : json::array();
  std::string first = !templates.empty() && templates[0].is_string() ? templates[0].get<std::string>() : "";
  auto sql = sql_by_fingerprint.find(first);
  return {{"kind", text(finding, "kind")}, {"severity", or_null(text(finding, "severity"))}, {"templates", templates},
          {"fingerprint", or_null(first)},
          {"normalized_sql", sql == sql_by_fingerprint.end() ? json(nullptr) : json(sql->second)},
          {"summary", or_null(text(finding, "summary"))}};
}

// Findings of `from` whose kind and templates `other` lacks (as many times as they are missing).
std::vector<json> findings_missing(const json& from, const json& other, const std::map<std::string, std::string>& sql) {
  std::map<std::string, int> left;
  if (const json* list = member(other, "findings"); list && list->is_array())
    for (const auto& finding : *list) ++left[finding_key(finding)];
  std::vector<json> out;
  if (const json* list = member(from, "findings"); list && list->is_array())
    for (const auto& finding : *list)
      if (finding.is_object() && left[finding_key(finding)]-- <= 0) out.push_back(finding_entry(finding, sql));
  return out;
}

}  // namespace

json compare_to_baseline(const json& baseline, const json& current, const BaselineOptions& options) {
  require_report(baseline, options.label.empty() ? "the baseline" : "the baseline " + options.label);
  require_report(current, "the current report");
  std::vector<TemplateView> before = templates_of(baseline), after = templates_of(current);
  std::map<std::string, const TemplateView*> before_by, after_by;
  std::map<std::string, std::string> sql;
  for (const auto* views : {&before, &after})
    for (const auto& view : *views) {
      (views == &before ? before_by : after_by)[view.fingerprint] = &view;
      sql[view.fingerprint] = view.sql;
    }
  json out = {{"baseline", or_null(options.label)},          {"baseline_database", or_null(text(baseline, "database"))},
              {"slower_factor", options.slower_factor},      {"min_delta_ms", options.min_delta_ms},
              {"new_templates", json::array()},              {"gone_templates", json::array()}};
  std::vector<json> regressions, fixed, timing_only;
  long long compared = 0, unchanged = 0;
  for (const auto& now : after) {
    auto found = before_by.find(now.fingerprint);
    if (found == before_by.end()) { out["new_templates"].push_back(template_brief(now)); continue; }
    ++compared;
    Verdict verdict = judge(*found->second, now, options);
    if (!verdict.worse.empty()) regressions.push_back(pair_entry(*found->second, now, verdict.worse));
    else if (!verdict.better.empty()) fixed.push_back(pair_entry(*found->second, now, verdict.better));
    else if (!verdict.timing.empty()) timing_only.push_back(pair_entry(*found->second, now, verdict.timing));
    else ++unchanged;
  }
  for (const auto& was : before)
    if (!after_by.count(was.fingerprint)) out["gone_templates"].push_back(template_brief(was));

  auto by_size = [](const json& a, const json& b) {  // largest first: time added over the log, factor, name
    double added_a = value_or(a, "added_ms", 0), added_b = value_or(b, "added_ms", 0);
    if (added_a != added_b) return added_a > added_b;
    double factor_a = value_or(a, "factor", 1), factor_b = value_or(b, "factor", 1);
    if (factor_a != factor_b) return factor_a > factor_b;
    return a["fingerprint"].get<std::string>() < b["fingerprint"].get<std::string>();
  };
  std::sort(regressions.begin(), regressions.end(), by_size);
  auto by_change = [](const json& a, const json& b) {  // the most time saved (or changed) first
    double change_a = std::abs(value_or(a, "added_ms", 0)), change_b = std::abs(value_or(b, "added_ms", 0));
    if (change_a != change_b) return change_a > change_b;
    return a["fingerprint"].get<std::string>() < b["fingerprint"].get<std::string>();
  };
  std::sort(fixed.begin(), fixed.end(), by_change);
  std::sort(timing_only.begin(), timing_only.end(), by_change);
  // A finding is gone only when its templates were planned this time: a template missing from
  // the new log, or failing now, did not get the chance to show it.
  auto planned_now = [&](const json& entry) {
    for (const auto& fingerprint : entry["templates"]) {
      auto now = after_by.find(fingerprint.is_string() ? fingerprint.get<std::string>() : "");
      if (now == after_by.end() || (now->second->status != "analyzed" && now->second->status != "explained"))
        return false;
    }
    return true;
  };
  for (json entry : findings_missing(baseline, current, sql)) {
    if (!planned_now(entry)) continue;
    entry["type"] = "finding";
    entry["reasons"] = json::array({reason("finding_gone", "no longer found: " + entry["kind"].get<std::string>())});
    fixed.push_back(std::move(entry));
  }
  out.update({{"regressions", regressions}, {"fixed", fixed}, {"timing_only", timing_only},
              {"new_findings", findings_missing(current, baseline, sql)}, {"compared", compared}, {"unchanged", unchanged}});
  return out;
}

namespace {

std::string count(size_t n, const std::string& one, const std::string& many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

const json& list(const json& comparison, const char* key) {
  static const json empty = json::array();
  const json* value = member(comparison, key);
  return value && value->is_array() ? *value : empty;
}

std::string reasons_text(const json& entry) {
  std::string out;
  for (const auto& r : list(entry, "reasons")) out += (out.empty() ? "" : "; ") + text(r, "text");
  return out;
}

// One template line: "<fingerprint> (<calls> calls): <tail, or the statement>".
std::string template_line(const std::string& tag, const json& entry, const std::string& tail = "") {
  return fmt::format("  {:<11} {} ({}): {}\n", tag, text(entry, "fingerprint"),
                     count(static_cast<size_t>(value_or(entry, "calls", 0)), "call", "calls"),
                     tail.empty() ? one_line(text(entry, "normalized_sql"), 90) : tail);
}

void capped(std::string& out, const json& entries, size_t cap, const std::function<void(const json&)>& write) {
  for (size_t i = 0; i < entries.size() && i < cap; ++i) write(entries[i]);
  if (entries.size() > cap) out += fmt::format("  ... and {} more (in the JSON report)\n", entries.size() - cap);
}

}  // namespace

std::string baseline_to_text(const json& comparison) {
  const json &regressions = list(comparison, "regressions"), &fixed = list(comparison, "fixed"),
             &added = list(comparison, "new_templates"), &gone = list(comparison, "gone_templates"),
             &findings = list(comparison, "new_findings");
  const json& timing = list(comparison, "timing_only");
  std::string label = text(comparison, "baseline").empty() ? text(comparison, "file") : text(comparison, "baseline");
  std::string out = fmt::format(
      "\nCompared with baseline{}: {}, {} fixed, {}, {} gone, {}, {} unchanged{}\n", label.empty() ? "" : " " + label,
      count(regressions.size(), "regression", "regressions"), fixed.size(),
      count(added.size(), "new template", "new templates"), gone.size(),
      count(findings.size(), "new finding", "new findings"), static_cast<long long>(value_or(comparison, "unchanged", 0)),
      timing.empty() ? "" : fmt::format(", {} timing only (same plan)", timing.size()));
  for (const auto& entry : regressions) {
    out += template_line("REGRESSION", entry);
    out += "     " + reasons_text(entry) + "\n";
    if (text(entry, "plan_before") != text(entry, "plan_after"))
      out += fmt::format("     before: {}\n     after:  {}\n", one_line(text(entry, "plan_before"), 160),
                         one_line(text(entry, "plan_after"), 160));
  }
  constexpr size_t kCap = 10;
  capped(out, added, kCap, [&](const json& entry) { out += template_line("new", entry); });
  capped(out, gone, kCap, [&](const json& entry) { out += template_line("gone", entry); });
  capped(out, fixed, kCap, [&](const json& entry) {
    if (text(entry, "type") == "finding")
      out += fmt::format("  {:<11} {} (template {}): {}\n", "fixed", text(entry, "kind"), text(entry, "fingerprint"),
                         one_line(text(entry, "summary"), 90));
    else
      out += template_line("fixed", entry) + "     " + reasons_text(entry) + "\n";
  });
  capped(out, timing, 5, [&](const json& entry) {
    out += template_line("timing only", entry, reasons_text(entry) + ", same plan and cost: noise?");
  });
  capped(out, findings, kCap, [&](const json& entry) {
    out += fmt::format("  {:<11} [{}] {} (template {}): {}\n", "new finding", text(entry, "severity"), text(entry, "kind"),
                       text(entry, "fingerprint"), one_line(text(entry, "summary"), 90));
  });
  return out;
}

}  // namespace pgadvisor
