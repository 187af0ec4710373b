// The steps of the proposed IN-subquery rewrites as templates for the index advisor, so index
// and rewrite advice agree: each proposed rewrite's original template is superseded, and
// its two steps (step 2 in its array form) join the templates the advisor plans, with the
// original's calls. Their fingerprints are the original's with "/step1" and "/step2".
#pragma once

#include <set>
#include <string>
#include <vector>

#include "advisor/model/advice.hpp"

namespace pgadvisor {

struct RewriteSteps {
  std::vector<TemplateAdvice> steps;
  std::set<std::string> superseded;  // fingerprints of the templates the rewrites replace
};

RewriteSteps rewrite_steps(const std::vector<RewriteAdvice>& rewrites, const std::vector<TemplateAdvice>& templates);

}  // namespace pgadvisor
