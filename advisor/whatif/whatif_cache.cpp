#include "advisor/whatif/whatif_cache.hpp"

#include <algorithm>

namespace pgadvisor {

namespace {

// Hypothetical indexes alive at once. hypopg 1.4 draws their oids from the few thousand below
// FirstNormalObjectId ("hypopg: not more oid available"); staying far below keeps planning of
// the hypothetical catalog cheap too.
constexpr size_t kMaxLiveIndexes = 500;

// Whether the template compares, sorts, groups or joins on the candidate's leading column, at any
// level (subqueries included): an index the query never reaches through its first column is no
// use to it.
bool uses_leading_column(const QueryTemplate& tmpl, const IndexCandidate& candidate) {
  if (candidate.definition.columns.empty()) return false;
  ColumnName lead{candidate.definition.qualified_table(), candidate.definition.columns.front().name};
  auto is_lead = [&](const ColumnName& column) { return column.table == lead.table && column.column == lead.column; };
  for (const auto& scope : tmpl.facts.scopes) {
    for (const auto& predicate : scope.predicates)
      if (is_lead(predicate.column)) return true;
    for (const auto& key : scope.order_by)
      if (is_lead(key.column)) return true;
    for (const auto& column : scope.join_columns)
      if (is_lead(column)) return true;
    for (const auto& column : scope.group_by)
      if (is_lead(column)) return true;
  }
  return false;
}

}  // namespace

WhatIfCache::WhatIfCache(WhatIf& whatif, std::vector<const QueryTemplate*> templates,
                         std::vector<IndexCandidate> candidates)
    : whatif_(whatif), templates_(std::move(templates)), candidates_(std::move(candidates)) {
  std::map<std::string, size_t> by_fingerprint;
  for (const QueryTemplate* tmpl : templates_) {
    auto names = tmpl->facts.table_names();
    by_fingerprint[tmpl->fingerprint] = template_tables_.size();
    template_tables_.emplace_back(names.begin(), names.end());
  }
  // A template that reads a view gets candidates on the view's table: that table counts too.
  for (const auto& candidate : candidates_)
    for (const auto& fingerprint : candidate.templates)
      if (auto found = by_fingerprint.find(fingerprint); found != by_fingerprint.end())
        template_tables_[found->second].insert(candidate.definition.qualified_table());
  relevant_.resize(templates_.size());
  for (size_t c = 0; c < candidates_.size(); ++c) link(c);
}

void WhatIfCache::link(size_t c) {
  on_table_.resize(candidates_.size());
  by_key_.emplace(candidates_[c].key(), c);
  const auto& derived_from = candidates_[c].templates;
  for (size_t t = 0; t < templates_.size(); ++t) {
    if (!template_tables_[t].count(candidates_[c].definition.qualified_table())) continue;
    bool derived = std::find(derived_from.begin(), derived_from.end(), templates_[t]->fingerprint) != derived_from.end();
    if (!derived && !uses_leading_column(*templates_[t], candidates_[c])) continue;
    on_table_[c].push_back(t);
    relevant_[t].insert(c);
  }
}

size_t WhatIfCache::add_candidate(IndexCandidate candidate) {
  if (auto found = by_key_.find(candidate.key()); found != by_key_.end()) return found->second;
  candidates_.push_back(std::move(candidate));
  link(candidates_.size() - 1);
  return candidates_.size() - 1;
}

std::vector<size_t> WhatIfCache::used_by_plan(size_t tmpl, const Configuration& configuration) {
  return plan(tmpl, configuration).candidates;
}

bool WhatIfCache::relevant(size_t tmpl, size_t candidate) const { return relevant_[tmpl].count(candidate) > 0; }

Configuration WhatIfCache::relevant_subset(size_t tmpl, const Configuration& configuration) const {
  Configuration subset;
  for (size_t c : configuration)
    if (relevant(tmpl, c) && (usable_.count(c) == 0 || usable_.at(c))) subset.push_back(c);
  return subset;
}

bool WhatIfCache::create(size_t candidate) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      auto oids = whatif_.create(candidates_[candidate]);
      created_[candidate] = std::move(oids);
      usable_[candidate] = true;
      return true;
    } catch (const DatabaseError& error) {
      if (attempt == 0 && is_out_of_hypothetical_oids(error.what())) {
        reset_all();
        continue;
      }
      usable_[candidate] = false;  // hypopg or the planner refused it: not a usable index
      return false;
    }
  }
  usable_[candidate] = false;
  return false;
}

void WhatIfCache::reset_all() {
  whatif_.reset();
  created_.clear();
  ++stats_.resets;
}

void WhatIfCache::materialize(size_t tmpl, const Configuration& wanted) {
  bool crowded = created_.size() + wanted.size() > kMaxLiveIndexes;
  std::vector<size_t> extra;
  for (const auto& [candidate, oids] : created_) {
    if (std::binary_search(wanted.begin(), wanted.end(), candidate)) continue;
    // Any index on a table the template reads could change its plan; others go when crowded.
    if (crowded || template_tables_[tmpl].count(candidates_[candidate].definition.qualified_table()))
      extra.push_back(candidate);
  }
  for (size_t candidate : extra) {
    whatif_.drop(created_[candidate]);
    created_.erase(candidate);
  }
  long long resets = stats_.resets;
  for (size_t candidate : wanted)
    if (!created_.count(candidate)) create(candidate);
  if (stats_.resets != resets)  // a reset in between removed the ones created before it
    for (size_t candidate : wanted)
      if (!created_.count(candidate)) create(candidate);
}

const WhatIf::PlanCost& WhatIfCache::plan(size_t tmpl, const Configuration& configuration) {
  ++stats_.requests;
  Configuration subset = relevant_subset(tmpl, configuration);
  std::string key = std::to_string(tmpl);
  for (size_t c : subset) key += "," + std::to_string(c);
  auto found = cache_.find(key);
  if (found != cache_.end()) {
    ++stats_.hits;
    return found->second;
  }
  materialize(tmpl, subset);
  ++stats_.explains;
  WhatIf::PlanCost planned = whatif_.plan_cost(*templates_[tmpl]);
  for (const auto& name : planned.indexes) {
    std::string oid = WhatIf::oid_of_index_name(name);
    for (size_t c : subset) {
      if (!created_.count(c) || !std::count(created_[c].begin(), created_[c].end(), oid)) continue;
      if (!std::count(planned.candidates.begin(), planned.candidates.end(), c)) planned.candidates.push_back(c);
      // the plan shows the index under the name the proposal gives it, not hypopg's <oid>btree_...
      for (size_t at = planned.summary.find(name); at != std::string::npos; at = planned.summary.find(name, at))
        planned.summary.replace(at, name.size(), candidates_[c].name());
    }
  }
  return cache_[key] = std::move(planned);
}

bool WhatIfCache::usable(size_t candidate) {
  if (!usable_.count(candidate)) {
    if (create(candidate)) {  // leave it for the next materialize to keep or drop
      whatif_.drop(created_[candidate]);
      created_.erase(candidate);
    }
  }
  return usable_[candidate];
}

long long WhatIfCache::size_bytes(size_t candidate) {
  auto found = sizes_.find(candidate);
  if (found != sizes_.end()) return found->second;
  long long size = 0;
  bool was_created = created_.count(candidate) > 0;
  if (was_created || create(candidate)) {
    size = whatif_.size_bytes(created_[candidate]);
    if (!was_created) {
      whatif_.drop(created_[candidate]);
      created_.erase(candidate);
    }
  }
  return sizes_[candidate] = size;
}

}  // namespace pgadvisor
