// The selection benchmark's yardstick: a set of indexes judged by the planner alone. Every
// index is created hypothetically (hypopg) at once and every template EXPLAINed; the total of
// their costs over the total with no hypothetical index is the relative cost. The what-if
// layer's relevance rule is not used here, so every algorithm's indexes are judged alike.
#pragma once

#include <string>
#include <vector>

#include "advisor/candidates/index_candidate.hpp"
#include "advisor/whatif/whatif.hpp"

namespace pgadvisor::bench {

struct Evaluation {
  double cost = 0;       // Σ over templates of EXPLAIN's total cost with the indexes
  long long size_bytes = 0;  // hypopg's estimates
  std::vector<std::string> definitions;  // "lineitem (l_orderkey, l_shipdate)"
  std::vector<std::string> refused;      // indexes hypopg would not create, with its message
};

// Removes every hypothetical index first and last.
Evaluation evaluate_indexes(WhatIf& whatif, const std::vector<const QueryTemplate*>& templates,
                            const std::vector<IndexCandidate>& indexes);

// The indexes of a pgadvisor JSON report (its "indexes": schema, table, columns, include,
// where), with the report's selection what-if requests and seconds. Throws FatalError on a file
// that is not such a report.
struct ReportedSelection {
  std::vector<IndexCandidate> indexes;
  long long whatif_requests = 0;
  double seconds = 0;
};
ReportedSelection read_report_selection(const std::string& path);

}  // namespace pgadvisor::bench
