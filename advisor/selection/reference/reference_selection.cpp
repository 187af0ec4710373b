#include "advisor/selection/reference/reference_selection.hpp"

#include <algorithm>
#include <set>

namespace pgadvisor {

WorkloadCosts::WorkloadCosts(CostSource& costs, const std::vector<double>& weights)
    : costs_(costs), weights_(weights), template_costs_(costs.template_count(), 0) {
  weights_.resize(costs.template_count(), 1.0);
}

std::vector<size_t> WorkloadCosts::changed_templates(const Configuration& next) const {
  Configuration changed;
  std::set_symmetric_difference(current_.begin(), current_.end(), next.begin(), next.end(), std::back_inserter(changed));
  std::set<size_t> templates;
  for (size_t candidate : changed)
    for (size_t tmpl : costs_.templates_on_table_of(candidate)) templates.insert(tmpl);
  return {templates.begin(), templates.end()};
}

void WorkloadCosts::move_to(const Configuration& configuration) {
  std::vector<size_t> templates;
  if (started_) {
    templates = changed_templates(configuration);
  } else {
    for (size_t t = 0; t < costs_.template_count(); ++t) templates.push_back(t);
    started_ = true;
  }
  for (size_t t : templates) {
    ++requests_;
    template_costs_[t] = costs_.cost(t, configuration);
  }
  current_ = configuration;
  total_ = 0;
  for (size_t t = 0; t < template_costs_.size(); ++t) total_ += weights_[t] * template_costs_[t];
}

double WorkloadCosts::total_of(const Configuration& next) {
  double total = total_;
  for (size_t t : changed_templates(next)) {
    ++requests_;
    total += weights_[t] * (costs_.cost(t, next) - template_costs_[t]);
  }
  return total;
}

std::vector<size_t> WorkloadCosts::used_by_plan(size_t tmpl, const Configuration& configuration) {
  ++requests_;
  return costs_.used_by_plan(tmpl, configuration);
}

IndexCandidate reference_index(const std::string& table, const std::vector<std::string>& columns,
                               const ReferenceInput& input) {
  IndexCandidate candidate;
  if (size_t dot = table.find('.'); dot != std::string::npos) {
    candidate.definition.schema = table.substr(0, dot);
    candidate.definition.table = table.substr(dot + 1);
  } else {
    candidate.definition.table = table;
  }
  for (const auto& column : columns) candidate.definition.columns.push_back({column});
  for (size_t t = 0; t < input.fingerprints.size() && t < input.columns.size(); ++t) {
    auto found = input.columns[t].find(table);
    if (found == input.columns[t].end() || columns.empty()) continue;
    if (std::count(found->second.begin(), found->second.end(), columns.front()))
      candidate.templates.push_back(input.fingerprints[t]);
  }
  return candidate;
}

std::vector<std::string> index_columns(const IndexCandidate& candidate) {
  std::vector<std::string> columns;
  for (const auto& column : candidate.definition.columns) columns.push_back(column.name);
  return columns;
}

long long configuration_size(CostSource& costs, const Configuration& configuration) {
  long long size = 0;
  for (size_t candidate : configuration) size += costs.size_bytes(candidate);
  return size;
}

Configuration sorted_configuration(std::vector<size_t> candidates) {
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

}  // namespace pgadvisor
