// The steps of the proposed IN-subquery rewrites as templates for the index advisor, so index
// and rewrite advice agree: each proposed rewrite's original template is marked superseded, and
// its two steps (step 2 in its array form) join the templates the advisor plans, with the
// original's calls. Their fingerprints are the original's with "/step1" and "/step2".
#pragma once

#include "advisor/advice.hpp"

namespace pgadvisor {

void add_rewrite_steps(Advice& advice);

}  // namespace pgadvisor
