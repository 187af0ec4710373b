// A saved workload (`audit --workload`) may come from another database or an older schema: before
// the later stages execute or plan its statements again (what-if, --verify, rewrites, savings),
// each template's closure is checked again on the database audited now. One whose closure holds a
// function the planner would run is marked refused; one that would execute a function not on the
// allow list is kept with its saved plan but marked explained, so nothing executes it. Each change
// is a diagnostic. Errors of the catalog queries throw DatabaseError.
#pragma once

#include <string>
#include <vector>

#include "advisor/model/advice.hpp"
#include "plans/pg/session.hpp"

namespace pgadvisor {

// Makes those changes in `templates`, each with its diagnostic, as it goes: what was rechecked
// before an error stays rechecked.
void recheck_closures(Session& session, const std::vector<std::string>& trusted, std::vector<TemplateAdvice>& templates,
                      Diagnostics& diagnostics);

}  // namespace pgadvisor
