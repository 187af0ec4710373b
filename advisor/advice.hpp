// Advice: everything an audit found, handed from the pipeline to the report writers: each
// template with its replay, the proposed indexes, the candidates an existing index already
// serves, and every diagnostic. Plain data.
#pragma once

#include <string>
#include <vector>

#include "advisor/index_selection.hpp"
#include "plans/diagnostic.hpp"
#include "plans/pg/replay.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct TemplateAdvice {
  QueryTemplate tmpl;
  ReplayResult replay;
};

struct ServedCandidate {
  IndexCandidate candidate;
  std::string existing_index;
};

struct Advice {
  std::vector<std::string> logs;
  std::string database;        // redacted connection string
  int server_version = 0;
  long long statements = 0;    // read from the logs
  std::vector<TemplateAdvice> templates;  // slowest total time first
  std::vector<IndexProposal> indexes;
  std::vector<ServedCandidate> already_served;
  long long candidates_evaluated = 0;
  long long whatif_requests = 0;
  Diagnostics diagnostics;
};

}  // namespace pgadvisor
