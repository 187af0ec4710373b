#include "advisor/findings/session_patterns.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "plans/ascii_case.hpp"

namespace pgadvisor::session_detail {
namespace {

std::string first_table(const QueryTemplate& tmpl) {
  if (tmpl.facts.scopes.empty() || tmpl.facts.scopes[0].tables.empty()) return "";
  return tmpl.facts.scopes[0].tables[0].qualified_name();
}

// One table, one level, a plain read.
bool simple_select(const QueryTemplate& tmpl) {
  return tmpl.statement_class.kind == StatementKind::Select && tmpl.facts.scopes.size() == 1 &&
         tmpl.facts.scopes[0].tables.size() == 1 && !first_table(tmpl).empty();
}

bool is_count(const QueryTemplate& tmpl) {
  const QueryScope& scope = tmpl.facts.scopes[0];
  if (scope.grouped || !scope.selected.empty()) return false;
  return std::any_of(scope.target_calls.begin(), scope.target_calls.end(),
                     [](const std::string& call) { return call == "count" || call == "count(*)"; });
}

// The table and the WHERE's columns and operators, in a canonical order.
std::string where_signature(const QueryTemplate& tmpl) {
  std::vector<std::string> keys;
  for (const auto& p : tmpl.facts.scopes[0].predicates)
    keys.push_back(p.column.table + "." + p.column.column + (p.column.expression ? "()" : "") + "#" +
                   std::to_string(static_cast<int>(p.op)) + (p.boolean_column ? "b" : ""));
  std::sort(keys.begin(), keys.end());
  std::string signature = first_table(tmpl);
  for (const auto& key : keys) signature += "|" + key;
  return signature;
}

}  // namespace

void duplicate_queries(const Workload& workload, const SessionOrder& order, const SessionFindingOptions& options,
                       const std::set<std::string>& skip, std::vector<Finding>& out) {
  const auto& templates = workload.templates();
  const auto& events = workload.sessions().events();
  std::vector<char> eligible(templates.size());
  for (size_t t = 0; t < templates.size(); ++t)
    eligible[t] = templates[t].statement_class.kind == StatementKind::Select &&
                  templates[t].statement_class.unsafe_functions.empty() && !skip.count(templates[t].fingerprint);
  bool windowed = order.timed && options.duplicate_window_seconds > 0;

  struct Largest {
    uint32_t burst = 0;
    long long repeats = 0;
    double total_ms = 0, first_at = 0, last_at = 0;
    int first_line = 0;
  };
  struct Grouped {
    Largest largest;
    long long statements = 0, redundant = 0;
    double saving_ms = 0;
  };
  std::map<uint32_t, Grouped> groups;  // by template
  std::vector<std::pair<uint64_t, uint32_t>> runs;  // (params_hash, event index), reused
  uint32_t current_burst = 0;
  auto flush = [&](size_t from, size_t to) {  // runs[from, to): one statement run again
    if (to - from < 2) return;
    const SessionEvent& first = events[runs[from].second];
    Grouped& group = groups[first.template_index];
    auto repeats = static_cast<long long>(to - from);
    ++group.statements;
    group.redundant += repeats - 1;
    group.saving_ms += static_cast<double>(repeats - 1) * templates[first.template_index].mean_ms();
    if (repeats > group.largest.repeats) {
      Largest largest{current_burst, repeats, 0, first.at_seconds, events[runs[to - 1].second].at_seconds, first.line};
      for (size_t i = from; i < to; ++i) largest.total_ms += std::max(events[runs[i].second].duration_ms, 0.0);
      group.largest = largest;
    }
  };
  for (size_t b = 0; b < order.bursts(); ++b) {
    runs.clear();
    current_burst = static_cast<uint32_t>(b);
    for (size_t p = order.begin[b]; p < order.begin[b + 1]; ++p) {
      uint32_t index = order.events[p];
      if (eligible[events[index].template_index]) runs.emplace_back(events[index].params_hash, index);
    }
    // By statement, then in burst order (event indices are in log order; the burst order
    // may differ only for timed logs given out of order, which the window reads by time).
    std::sort(runs.begin(), runs.end());
    if (windowed)
      std::stable_sort(runs.begin(), runs.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : events[a.second].at_seconds < events[b.second].at_seconds;
      });
    size_t from = 0;
    for (size_t i = 1; i <= runs.size(); ++i) {
      bool same = i < runs.size() && runs[i].first == runs[from].first &&
                  (!windowed || events[runs[i].second].at_seconds - events[runs[i - 1].second].at_seconds <=
                                    options.duplicate_window_seconds);
      if (same) continue;
      flush(from, i);
      from = i;
    }
  }
  for (const auto& [index, group] : groups) {
    const QueryTemplate& tmpl = templates[index];
    const Largest& largest = group.largest;
    std::string table = first_table(tmpl);
    Finding finding;
    finding.kind = FindingKind::DuplicateQueries;
    finding.templates = {tmpl.fingerprint};
    GroupScope scope = order.scope_of[largest.burst];
    finding.evidence = {{"session", workload.sessions().session_name(order.session_of[largest.burst])},
                        {"repeats", largest.repeats},
                        {"total_ms", largest.total_ms},
                        {"window_ms", window_ms(order, largest.first_at, largest.last_at)},
                        {"first_line", largest.first_line},
                        {"duplicated_statements", group.statements},
                        {"redundant_runs", group.redundant}};
    add_scope(order, largest.burst, finding.evidence);
    finding.saving_ms = group.saving_ms;
    finding.severity = severity_for(finding.saving_ms, largest.repeats);
    // Repeats across a whole log may be separate requests (views) asking for the same rows.
    if (scope == GroupScope::Log) finding.severity = std::min(finding.severity, Severity::Low);
    finding.summary = "the same SELECT" + (table.empty() ? std::string() : " on " + table) +
                      " with the same parameters run " + std::to_string(largest.repeats) + " times " +
                      (scope == GroupScope::Log     ? "in the whole log (it has no session ids or timestamps to tell "
                                                      "requests apart)"
                       : scope == GroupScope::Burst ? "in one request burst of a session"
                                                    : "in one session") +
                      (group.statements > 1 ? " (" + std::to_string(group.statements) + " such statements)" : "");
    finding.fix_django =
        "# evaluate the queryset once and reuse the result: rows = list(qs), or keep the queryset in a variable\n"
        "# (a new .filter()/.get() each time queries again); @cached_property for a value computed per object,\n"
        "# {% with %} in a template";
    if (scope == GroupScope::Log)
      finding.fix_django += "\n# if the repeats are separate requests (views), cache them instead: cache_page, "
                            "cache.get_or_set";
    out.push_back(std::move(finding));
  }
}

void count_then_fetch(const Workload& workload, const SessionOrder& order, const SessionFindingOptions& options,
                      std::vector<Finding>& out) {
  const auto& templates = workload.templates();
  const auto& events = workload.sessions().events();
  std::unordered_map<std::string, std::vector<uint32_t>> counts_by_where;
  for (uint32_t t = 0; t < templates.size(); ++t)
    if (simple_select(templates[t]) && is_count(templates[t]))
      counts_by_where[where_signature(templates[t])].push_back(t);
  if (counts_by_where.empty()) return;
  std::vector<const std::vector<uint32_t>*> counts_of(templates.size(), nullptr);  // a fetch's counts
  std::vector<char> is_count_template(templates.size());
  for (const auto& [signature, counts] : counts_by_where)
    for (uint32_t c : counts) is_count_template[c] = 1;
  for (uint32_t t = 0; t < templates.size(); ++t) {
    const QueryTemplate& tmpl = templates[t];
    if (is_count_template[t] || !simple_select(tmpl)) continue;
    if (tmpl.facts.scopes[0].limit || tmpl.facts.scopes[0].selected.empty()) continue;
    auto found = counts_by_where.find(where_signature(tmpl));
    if (found != counts_by_where.end()) counts_of[t] = &found->second;
  }

  struct Pair {
    long long occurrences = 0;
    double count_ms = 0, fetch_ms = 0;
    uint32_t burst = 0;
    int first_line = 0;
  };
  std::map<std::pair<uint32_t, uint32_t>, Pair> pairs;  // (count, fetch) → occurrences
  for (size_t b = 0; b < order.bursts(); ++b) {
    std::unordered_map<uint32_t, size_t> last_count;  // count template → position
    for (size_t p = order.begin[b]; p < order.begin[b + 1]; ++p) {
      const SessionEvent& event = events[order.events[p]];
      if (is_count_template[event.template_index]) {
        last_count[event.template_index] = p;
        continue;
      }
      if (!counts_of[event.template_index]) continue;
      for (uint32_t c : *counts_of[event.template_index]) {
        auto found = last_count.find(c);
        if (found == last_count.end()) continue;
        const SessionEvent& count = events[order.events[found->second]];
        if (static_cast<long long>(p - found->second - 1) > options.max_gap_events ||
            (order.timed && event.at_seconds - count.at_seconds > options.window_seconds))
          continue;
        Pair& pair = pairs[{c, event.template_index}];
        if (pair.occurrences++ == 0) {
          pair.burst = static_cast<uint32_t>(b);
          pair.first_line = count.line;
        }
        pair.count_ms += std::max(count.duration_ms, 0.0);
        pair.fetch_ms += std::max(event.duration_ms, 0.0);
        last_count.erase(found);
        break;
      }
    }
  }
  for (const auto& [key, pair] : pairs) {
    const QueryTemplate& count = templates[key.first];
    const QueryTemplate& fetch = templates[key.second];
    std::string table = first_table(fetch);
    Finding finding;
    finding.kind = FindingKind::CountThenFetch;
    finding.templates = {count.fingerprint, fetch.fingerprint};
    finding.evidence = {{"session", workload.sessions().session_name(order.session_of[pair.burst])},
                        {"occurrences", pair.occurrences},
                        {"count_template", count.fingerprint},
                        {"fetch_template", fetch.fingerprint},
                        {"count_ms", pair.count_ms},
                        {"fetch_ms", pair.fetch_ms},
                        {"first_line", pair.first_line}};
    add_scope(order, pair.burst, finding.evidence);
    finding.saving_ms = static_cast<double>(pair.occurrences) * count.mean_ms();
    finding.severity = severity_for(finding.saving_ms, pair.occurrences);
    finding.summary = "COUNT(*) of " + table + " then its rows with the same WHERE (" +
                      std::to_string(pair.occurrences) + " time(s)): the rows were counted twice";
    finding.fix_django =
        "# count() then evaluating the same queryset: evaluate it once and count the result\n"
        "rows = list(qs); n = len(rows)  # or {% with rows=qs %}...{{ rows|length }} in a template\n"
        "# keep qs.count() alone when the rows are not needed";
    finding.fix_sql = "-- drop the SELECT COUNT(*): the rows the second query returns are the count";
    out.push_back(std::move(finding));
  }
}

}  // namespace pgadvisor::session_detail

namespace pgadvisor {

std::vector<SessionSummary> session_summaries(const Workload& workload, const SessionFindingOptions& options) {
  const SessionLog& log = workload.sessions();
  const auto& events = log.events();
  session_detail::SessionOrder order = session_detail::order_by_session(log, options.burst_gap_seconds);
  std::vector<SessionSummary> summaries;
  std::vector<uint64_t> hashes;
  for (size_t b = 0; b < order.bursts(); ++b) {
    SessionSummary summary;
    summary.session = log.session_name(order.session_of[b]);
    summary.burst = order.burst_of[b];
    summary.scope = session_detail::scope_name(order.scope_of[b]);
    const SessionEvent& first = events[order.events[order.begin[b]]];
    const SessionEvent& last = events[order.events[order.begin[b + 1] - 1]];
    summary.first_line = first.line;
    if (order.timed) summary.window_ms = std::round((last.at_seconds - first.at_seconds) * 1e6) / 1e3;
    hashes.clear();
    for (size_t p = order.begin[b]; p < order.begin[b + 1]; ++p) {
      const SessionEvent& event = events[order.events[p]];
      ++summary.queries;
      summary.total_ms += std::max(event.duration_ms, 0.0);
      hashes.push_back(event.params_hash);
    }
    std::sort(hashes.begin(), hashes.end());
    summary.duplicates = static_cast<long long>(hashes.end() - std::unique(hashes.begin(), hashes.end()));
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

}  // namespace pgadvisor
