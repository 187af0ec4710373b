#include "advisor/findings/session_sequence.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

namespace pgadvisor::session_detail {

const char* scope_name(GroupScope scope) {
  switch (scope) {
    case GroupScope::Burst: return "burst";
    case GroupScope::Session: return "session";
    case GroupScope::Log: return "log";
  }
  return "session";
}

SessionOrder order_by_session(const SessionLog& log, double burst_gap_seconds) {
  const auto& events = log.events();
  SessionOrder order;
  order.timed = log.timed();
  size_t sessions = log.session_count();
  std::vector<size_t> begin(sessions + 1, 0);  // by session, before the split
  for (size_t i = 0; i < events.size(); ++i) ++begin[events[i].session + 1];
  for (size_t s = 0; s < sessions; ++s) begin[s + 1] += begin[s];
  order.events.resize(events.size());
  std::vector<size_t> next(begin.begin(), begin.end() - 1);
  for (size_t i = 0; i < events.size(); ++i) order.events[next[events[i].session]++] = static_cast<uint32_t>(i);
  auto earlier = [&](uint32_t a, uint32_t b) { return events[a].at_seconds < events[b].at_seconds; };
  bool split = order.timed && burst_gap_seconds > 0;
  for (size_t s = 0; s < sessions; ++s) {
    if (begin[s] == begin[s + 1]) continue;
    auto from = order.events.begin() + static_cast<long>(begin[s]);
    auto to = order.events.begin() + static_cast<long>(begin[s + 1]);
    // Logs given out of order: sort each session by time, keeping log order on ties.
    if (order.timed && !std::is_sorted(from, to, earlier)) std::stable_sort(from, to, earlier);
    size_t first_burst = order.session_of.size();
    for (size_t p = begin[s]; p < begin[s + 1]; ++p) {
      // The idle time before a statement: a server log stamps statements when they end, so one
      // that ran long starts its duration before its stamp.
      const SessionEvent& event = events[order.events[p]];
      double started = event.at_seconds - std::max(event.duration_ms, 0.0) / 1000.0;
      bool gap = p > begin[s] && split && started - events[order.events[p - 1]].at_seconds >= burst_gap_seconds;
      if (p > begin[s] && !gap) continue;
      order.begin.push_back(p);
      order.session_of.push_back(static_cast<uint32_t>(s));
      order.burst_of.push_back(static_cast<uint32_t>(order.session_of.size() - first_burst));
    }
    size_t count = order.session_of.size() - first_burst;
    bool sessionless = log.session_name(static_cast<uint32_t>(s)).empty();
    GroupScope scope = count > 1                        ? GroupScope::Burst
                       : !order.timed && sessionless ? GroupScope::Log
                                                     : GroupScope::Session;
    if (count == 1) order.burst_of.back() = 0;
    order.scope_of.insert(order.scope_of.end(), count, scope);
  }
  order.begin.push_back(events.size());
  return order;
}

std::vector<Loop> find_loops(const Workload& workload, const SessionOrder& order,
                             const std::function<bool(uint32_t)>& eligible, long long min_runs,
                             const SessionFindingOptions& options) {
  const auto& events = workload.sessions().events();
  std::vector<char> is_eligible(workload.templates().size());
  for (uint32_t t = 0; t < is_eligible.size(); ++t) is_eligible[t] = eligible(t);

  struct Open {
    Loop loop;
    std::vector<uint64_t> hashes;
  };
  std::vector<Loop> found;
  for (size_t b = 0; b < order.bursts(); ++b) {
    std::unordered_map<uint32_t, Open> open;
    std::vector<Loop> loops;
    auto close = [&](Open& run) {
      if (run.loop.runs < min_runs) return;
      std::sort(run.hashes.begin(), run.hashes.end());
      run.loop.distinct_params =
          static_cast<size_t>(std::unique(run.hashes.begin(), run.hashes.end()) - run.hashes.begin());
      loops.push_back(run.loop);
    };
    for (size_t p = order.begin[b]; p < order.begin[b + 1]; ++p) {
      const SessionEvent& event = events[order.events[p]];
      if (!is_eligible[event.template_index]) continue;
      auto it = open.find(event.template_index);
      bool extend = it != open.end() &&
                    static_cast<long long>(p - it->second.loop.last - 1) <= options.max_gap_events &&
                    (!order.timed || event.at_seconds - it->second.loop.last_at <= options.window_seconds);
      if (it != open.end() && !extend) {
        close(it->second);
        open.erase(it);
      }
      if (!extend) {
        Open run;
        run.loop.burst = static_cast<uint32_t>(b);
        run.loop.session = event.session;
        run.loop.template_index = event.template_index;
        run.loop.first = p;
        run.loop.first_at = event.at_seconds;
        run.loop.first_line = event.line;
        if (p > order.begin[b]) {
          uint32_t before = events[order.events[p - 1]].template_index;
          if (before != event.template_index) run.loop.parent = before;
        }
        it = open.emplace(event.template_index, std::move(run)).first;
      }
      Open& run = it->second;
      ++run.loop.runs;
      run.loop.last = p;
      run.loop.last_at = event.at_seconds;
      run.loop.total_ms += std::max(event.duration_ms, 0.0);
      run.hashes.push_back(event.params_hash);
    }
    for (auto& [tmpl, run] : open) close(run);
    // A loop starting inside another loop (interleaved per-row queries) has that loop's parent.
    std::sort(loops.begin(), loops.end(), [](const Loop& a, const Loop& b) { return a.first < b.first; });
    std::unordered_map<uint32_t, std::vector<size_t>> by_template;
    for (size_t i = 0; i < loops.size(); ++i) {
      Loop& loop = loops[i];
      if (loop.parent >= 0) {
        auto enclosing = by_template.find(static_cast<uint32_t>(loop.parent));
        if (enclosing != by_template.end()) {
          const Loop& outer = loops[enclosing->second.back()];
          if (outer.first < loop.first && loop.first <= outer.last) loop.parent = outer.parent;
        }
      }
      by_template[loop.template_index].push_back(i);
    }
    found.insert(found.end(), loops.begin(), loops.end());
  }
  return found;
}

void add_scope(const SessionOrder& order, size_t burst, nlohmann::json& evidence) {
  evidence["scope"] = scope_name(order.scope_of[burst]);
  evidence["burst"] = order.burst_of[burst];
}

nlohmann::json window_ms(const SessionOrder& order, double first_at, double last_at) {
  if (!order.timed) return nullptr;
  return std::round((last_at - first_at) * 1000.0 * 1000.0) / 1000.0;
}

Severity severity_for(double saving_ms, long long runs) {
  if (saving_ms >= 10 || runs >= 20) return Severity::High;
  if (saving_ms >= 1 || runs >= 5) return Severity::Medium;
  return Severity::Low;
}

std::string model_name_of(const std::string& table) {
  std::string name = table.substr(table.find('.') == std::string::npos ? 0 : table.find('.') + 1);
  size_t underscore = name.find('_');
  if (underscore != std::string::npos && underscore + 1 < name.size()) name = name.substr(underscore + 1);
  return name;
}

std::string model_class_of(const std::string& table) {
  std::string name = model_name_of(table), out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string field_of_column(const std::string& column) {
  if (column.size() > 3 && column.compare(column.size() - 3, 3, "_id") == 0) return column.substr(0, column.size() - 3);
  return column;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "'" : ", '") + name + "'";
  return out;
}

}  // namespace pgadvisor::session_detail
