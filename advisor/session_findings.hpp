// Findings from the order of the statements in each session (Workload::sessions()): the ORM
// habits only a sequence shows. Pure: reads the workload, needs no database.
//
//   n_plus_one        one SELECT with a one-column equality (`WHERE t.id = N`, `WHERE t.x_id = N`)
//                     run >= n_plus_one_min times close together with varying constants, right
//                     after another SELECT (the parent): select_related (pk), prefetch_related
//                     (`_id`), or only()/defer() when it fetches one deferred column by pk
//   duplicate_queries the same SELECT with the same parameters run again in one session (within
//                     duplicate_window_seconds when the log has timestamps)
//   writes_in_loop    >= loop_min close UPDATEs by `id = ` or single-row INSERTs of one template:
//                     bulk_update / update() with F() / bulk_create
//   count_then_fetch  SELECT COUNT(*) FROM t WHERE X, then the rows of t with the same WHERE
//                     (the same columns and operators) and no LIMIT: the rows were counted twice
//
// "Close together": at most max_gap_events other statements between two runs and, when the log
// has timestamps, at most window_seconds between them. One finding per template (and parent):
// the evidence names the largest occurrence and counts them all; saving_ms is over the log.
// Field names in the Django fixes are guesses from table and column names, and say so.
// A workload read from a pg_stat_statements summary or a workload file has no sequence: no
// findings, no summaries.
#pragma once

#include <string>
#include <vector>

#include "advisor/finding.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct SessionFindingOptions {
  long long n_plus_one_min = 5;   // runs of the repeated SELECT
  long long loop_min = 5;         // runs of the UPDATE / INSERT in a loop
  double window_seconds = 1.0;    // most time between two runs of a loop (timed logs)
  long long max_gap_events = 3;   // most other statements between two runs of a loop
  double duplicate_window_seconds = 10;  // timed logs; 0 or less: the whole session
};

std::vector<Finding> session_findings(const Workload& workload, const SessionFindingOptions& options = {});

// Per session, like django-querycount's per-request table: statements, those that repeat an
// earlier statement of the session with the same parameters, the logged time, and where it
// starts. In order of first appearance.
struct SessionSummary {
  std::string session;  // "" for a log without session ids
  long long queries = 0;
  long long duplicates = 0;
  double total_ms = 0;
  int first_line = 0;
};

std::vector<SessionSummary> session_summaries(const Workload& workload);

}  // namespace pgadvisor
