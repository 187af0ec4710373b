// WhatIfCache: the CostSource over hypopg: the planner's cost of each template under a
// configuration of candidate indexes, cached. A template's cost depends only on the configuration's candidates on the tables it
// reads, so the cache key is (template, that relevant subset): evaluating a candidate on one
// table never re-plans templates of other tables (a view's table counts as read by the templates
// reading the view). A candidate may serve a template when the template reads its table and
// either the candidate was derived from it or it compares, sorts or joins on the candidate's
// leading column. Before each EXPLAIN, the hypothetical indexes
// present on the template's tables are made exactly the relevant subset. A candidate hypopg
// refuses is marked unusable and left out; when hypopg runs out of hypothetical oids everything
// is reset and created again. hypopg reuses the oids of dropped indexes, so a plan's index names
// are mapped to candidates when it is made, never later. Counts requests, hits and EXPLAINs for the report and benchmark.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "advisor/whatif/cost_source.hpp"
#include "advisor/whatif/whatif.hpp"

namespace pgadvisor {

struct WhatIfStats {
  long long requests = 0;  // cost lookups
  long long hits = 0;      // answered from the cache
  long long explains = 0;  // EXPLAINs run
  long long resets = 0;    // hypopg_reset() after running out of oids
};

class WhatIfCache : public CostSource {
 public:
  WhatIfCache(WhatIf& whatif, std::vector<const QueryTemplate*> templates, std::vector<IndexCandidate> candidates);

  const WhatIf::PlanCost& plan(size_t tmpl, const Configuration& configuration);
  double cost(size_t tmpl, const Configuration& configuration) override { return plan(tmpl, configuration).cost; }

  size_t template_count() const override { return templates_.size(); }
  bool usable(size_t candidate) override;           // hypopg accepts it (tried once)
  long long size_bytes(size_t candidate) override;  // 0 when unusable
  const std::vector<size_t>& templates_on_table_of(size_t candidate) const override { return on_table_[candidate]; }
  bool relevant(size_t tmpl, size_t candidate) const;
  // Linked to templates as the constructor does (but its `templates` add no view's table to
  // theirs); references from candidates() may not survive it.
  size_t add_candidate(IndexCandidate candidate) override;
  std::vector<size_t> used_by_plan(size_t tmpl, const Configuration& configuration) override;

  const std::vector<const QueryTemplate*>& templates() const { return templates_; }
  const std::vector<IndexCandidate>& candidates() const override { return candidates_; }
  const WhatIfStats& stats() const { return stats_; }

 private:
  void link(size_t candidate);  // fills on_table_ and relevant_ for one candidate
  Configuration relevant_subset(size_t tmpl, const Configuration& configuration) const;
  void materialize(size_t tmpl, const Configuration& wanted);
  bool create(size_t candidate);
  void reset_all();

  WhatIf& whatif_;
  std::vector<const QueryTemplate*> templates_;
  std::vector<IndexCandidate> candidates_;
  std::vector<std::set<std::string>> template_tables_;
  std::vector<std::vector<size_t>> on_table_;  // candidate → templates it may serve
  std::vector<std::set<size_t>> relevant_;     // template → candidates that may serve it
  std::map<std::string, size_t> by_key_;       // candidate key() → its first index
  std::map<size_t, std::vector<std::string>> created_;  // candidate → its hypothetical oids
  std::map<size_t, bool> usable_;
  std::map<size_t, long long> sizes_;
  std::map<std::string, WhatIf::PlanCost> cache_;
  WhatIfStats stats_;
};

}  // namespace pgadvisor
