#include "advisor/model/index_proposal.hpp"

namespace pgadvisor {

double IndexProposal::weighted_cost_before() const {
  double total = 0;
  for (const auto& t : templates) total += static_cast<double>(t.calls) * t.cost_before;
  return total;
}

double IndexProposal::weighted_cost_after() const {
  double total = 0;
  for (const auto& t : templates) total += static_cast<double>(t.calls) * t.cost_after;
  return total;
}

}  // namespace pgadvisor
