// What the reference index selection algorithms (Extend, relaxation: the yardsticks the
// selection benchmark measures pgadvisor's selection against) share: their input and result,
// the weighted workload cost they minimize (Σ weight × cost over templates) asked of a
// CostSource template by template, and how they name the indexes they build.
#pragma once

#include <string>
#include <vector>

#include "advisor/candidates/indexable_columns.hpp"
#include "advisor/whatif/cost_source.hpp"

namespace pgadvisor {

struct ReferenceInput {
  std::vector<double> weights;            // per template of the cost source (calls; 1 in the benchmark)
  std::vector<IndexableColumns> columns;  // per template: indexable_columns()
  std::vector<std::string> fingerprints;  // per template, for the candidates' `templates`; may be empty
  long long budget_bytes = 0;
  size_t max_width = 2;  // index_selection_evaluation's default and its TPC-H, TPC-DS and JOB setting
};

struct ReferenceResult {
  Configuration configuration;
  double cost = 0;  // Σ weight × cost(template, configuration)
  long long size_bytes = 0;
  long long cost_requests = 0;  // template costs (and plans) asked of the cost source
};

// The weighted workload cost at a current configuration, with each template's cost kept, so a
// neighbouring configuration is costed by asking only the templates that a candidate in one
// but not the other may serve (a template's cost depends on no other candidate).
class WorkloadCosts {
 public:
  WorkloadCosts(CostSource& costs, const std::vector<double>& weights);

  void move_to(const Configuration& configuration);  // asks the templates that change (all, first)
  double total() const { return total_; }
  const Configuration& current() const { return current_; }
  double total_of(const Configuration& next);  // the total under `next`; stays at current()
  std::vector<size_t> used_by_plan(size_t tmpl, const Configuration& configuration);
  long long requests() const { return requests_; }
  CostSource& source() { return costs_; }

 private:
  std::vector<size_t> changed_templates(const Configuration& next) const;

  CostSource& costs_;
  std::vector<double> weights_;
  Configuration current_;
  std::vector<double> template_costs_;
  double total_ = 0;
  bool started_ = false;
  long long requests_ = 0;
};

// A plain btree on `table` ("schema.table" or "table") over `columns`, derived from the
// templates whose indexable columns on that table include its leading column.
IndexCandidate reference_index(const std::string& table, const std::vector<std::string>& columns,
                               const ReferenceInput& input);

std::vector<std::string> index_columns(const IndexCandidate& candidate);
long long configuration_size(CostSource& costs, const Configuration& configuration);
Configuration sorted_configuration(std::vector<size_t> candidates);

}  // namespace pgadvisor
