// ConstantTracker: which predicates of a template compare with the same constant in every call.
// It remembers the first call's literals and parameters and, on each later call, compares them
// slot by slot from the statement's shape — no parse. A predicate whose literal or parameter
// ever differs is not constant; a call of another shape (an IN list of another length) makes
// every literal count as varying. When a call's shape is unknown (an uncacheable statement),
// the caller passes that call's parsed facts instead.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plans/sql/query_facts.hpp"
#include "plans/statement.hpp"
#include "plans/workload/statement_shape.hpp"

namespace pgadvisor {

class ConstantTracker {
 public:
  ConstantTracker() = default;
  ConstantTracker(const QueryFacts& first_facts, const Statement& first_call, const StatementShape& first_shape);

  // False when the shape cannot be compared: call observe_facts() with the call's facts then.
  bool observe(const Statement& call, const StatementShape& shape);
  void observe_facts(const QueryFacts& facts);

  bool is_constant(size_t scope, size_t predicate) const;

  // [scope, predicate] of every predicate whose constant varied, for a saved workload; and the
  // tracker such a file restores (no further calls can be observed by it).
  std::vector<std::pair<size_t, size_t>> varying_predicates() const;
  static ConstantTracker restored(const QueryFacts& facts, const std::vector<std::pair<size_t, size_t>>& varying);

 private:
  struct Uses {
    std::vector<int> literal_slots;  // -1: a literal the shape did not see
    std::vector<int> param_slots;
    bool constant = true;
  };
  void refresh();

  QueryFacts first_facts_;
  std::vector<std::string> first_literals_;
  bool first_shape_known_ = false;
  bool has_unknown_slots_ = false;  // a literal the shape did not see: constant only in one call
  std::vector<bool> literal_varies_;
  std::vector<StatementParam> first_params_;
  std::vector<bool> param_varies_;
  std::vector<std::vector<Uses>> uses_;  // [scope][predicate]
};

}  // namespace pgadvisor
