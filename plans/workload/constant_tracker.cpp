#include "plans/workload/constant_tracker.hpp"

#include <algorithm>

namespace pgadvisor {

ConstantTracker::ConstantTracker(const QueryFacts& first_facts, const Statement& first_call,
                                 const StatementShape& first_shape)
    : first_facts_(first_facts), first_params_(first_call.params), param_varies_(first_call.params.size(), false) {
  std::vector<size_t> offsets;
  if (first_shape.cacheable) {
    first_shape_known_ = true;
    for (const auto& span : first_shape.literals) {
      first_literals_.push_back(first_call.sql.substr(span.offset, span.length));
      offsets.push_back(span.offset);
    }
    literal_varies_.assign(first_literals_.size(), false);
  }
  for (const auto& scope : first_facts.scopes) {
    uses_.emplace_back();
    for (const auto& predicate : scope.predicates) {
      Uses uses;
      for (size_t v = 0; v < predicate.values.size(); ++v) {
        const std::string& value = predicate.values[v];
        if (value.size() > 1 && value[0] == '$') {
          uses.param_slots.push_back(std::atoi(value.c_str() + 1) - 1);
          continue;
        }
        int location = v < predicate.value_locations.size() ? predicate.value_locations[v] : -1;
        auto found = std::find(offsets.begin(), offsets.end(), static_cast<size_t>(location));
        bool literal = value != "true" && value != "false" && value != "NULL";  // keywords are not literals
        if (literal || found != offsets.end())
          uses.literal_slots.push_back(location < 0 || found == offsets.end() ? -1 : static_cast<int>(found - offsets.begin()));
      }
      if (std::find(uses.literal_slots.begin(), uses.literal_slots.end(), -1) != uses.literal_slots.end())
        has_unknown_slots_ = true;
      uses_.back().push_back(uses);
    }
  }
}

bool ConstantTracker::observe(const Statement& call, const StatementShape& shape) {
  bool changed = false;
  for (size_t p = 0; p < call.params.size() && p < first_params_.size(); ++p) {
    if (!param_varies_[p] && call.params[p] != first_params_[p]) param_varies_[p] = changed = true;
  }
  if (!first_shape_known_ || !shape.cacheable) {
    refresh();
    return false;
  }
  if (shape.literals.size() != first_literals_.size()) {
    // Another shape of the same template (an IN list of another length): its literals cannot be
    // paired with the first call's, so every literal counts as varying from now on.
    literal_varies_.assign(literal_varies_.size(), true);
    refresh();
    return true;
  }
  for (size_t i = 0; i < shape.literals.size(); ++i) {
    if (literal_varies_[i]) continue;
    const LiteralSpan& span = shape.literals[i];
    if (call.sql.compare(span.offset, span.length, first_literals_[i]) != 0) literal_varies_[i] = changed = true;
  }
  if (changed || has_unknown_slots_) refresh();
  return true;
}

void ConstantTracker::observe_facts(const QueryFacts& facts) {
  for (size_t s = 0; s < uses_.size(); ++s) {
    bool same_shape = s < facts.scopes.size() && facts.scopes[s].predicates.size() == uses_[s].size();
    for (size_t p = 0; p < uses_[s].size(); ++p) {
      if (!same_shape || facts.scopes[s].predicates[p].values != first_facts_.scopes[s].predicates[p].values)
        uses_[s][p].constant = false;
    }
  }
}

void ConstantTracker::refresh() {
  for (auto& scope : uses_) {
    for (auto& uses : scope) {
      for (int slot : uses.literal_slots)
        if (slot < 0 || literal_varies_[static_cast<size_t>(slot)]) uses.constant = false;
      for (int slot : uses.param_slots)
        if (slot < 0 || static_cast<size_t>(slot) >= param_varies_.size() || param_varies_[static_cast<size_t>(slot)])
          uses.constant = false;
    }
  }
}

bool ConstantTracker::is_constant(size_t scope, size_t predicate) const {
  return scope < uses_.size() && predicate < uses_[scope].size() && uses_[scope][predicate].constant;
}

std::vector<std::pair<size_t, size_t>> ConstantTracker::varying_predicates() const {
  std::vector<std::pair<size_t, size_t>> varying;
  for (size_t s = 0; s < uses_.size(); ++s)
    for (size_t p = 0; p < uses_[s].size(); ++p)
      if (!uses_[s][p].constant) varying.emplace_back(s, p);
  return varying;
}

ConstantTracker ConstantTracker::restored(const QueryFacts& facts, const std::vector<std::pair<size_t, size_t>>& varying) {
  ConstantTracker tracker;
  tracker.first_facts_ = facts;
  for (const auto& scope : facts.scopes) tracker.uses_.emplace_back(scope.predicates.size());
  for (const auto& [scope, predicate] : varying)
    if (scope < tracker.uses_.size() && predicate < tracker.uses_[scope].size()) tracker.uses_[scope][predicate].constant = false;
  return tracker;
}

}  // namespace pgadvisor
