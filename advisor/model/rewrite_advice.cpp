#include "advisor/model/rewrite_advice.hpp"

namespace pgadvisor {

std::string rewrite_verdict_name(RewriteVerdict verdict) {
  switch (verdict) {
    case RewriteVerdict::Proposed: return "proposed";
    case RewriteVerdict::NotWorthIt: return "not worth it";
    case RewriteVerdict::NotEqual: return "not equal";
    case RewriteVerdict::Refused: return "refused";
  }
  return "refused";
}

}  // namespace pgadvisor
