// Whether an audit's advice could be computed at all, so that "nothing to do" is never said when
// nothing was checked. An audit is incomplete when no statement was read, no template could be
// planned, more than half of the templates tried failed, more than half of the relations the
// log names do not exist in the database (the wrong database), the what-if engine (hypopg) was
// unavailable, a stage failed on a database error, or the server was lost. Each gap names its
// cause and the fix; reports show them as a headline, the audit command as its exit status.
#pragma once

#include <string>
#include <vector>

#include "advisor/model/advice.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

struct RelationCheck {
  bool checked = false;
  size_t named = 0;                   // distinct relations the replayed templates name
  std::vector<std::string> missing;   // of those, the ones the database does not have
};

// Looks up every relation the templates name (CTE names aside) in the database.
RelationCheck check_relations(Transaction& tx, const Advice& advice);

// Pure: the gaps of `advice`, from its templates, its stages and `relations`.
std::vector<AdviceGap> advice_gaps(const Advice& advice, const RelationCheck& relations);

}  // namespace pgadvisor
