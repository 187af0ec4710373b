// Findings from the order of the statements in each session (Workload::sessions()): the ORM
// habits only a sequence shows. Pure: reads the workload, needs no database.
//
//   n_plus_one        one SELECT with a one-column equality (`WHERE t.id = N`, `WHERE t.x_id = N`)
//                     run >= n_plus_one_min times close together with varying constants, right
//                     after another SELECT (the parent): select_related (pk), prefetch_related
//                     (`_id`), or only()/defer() when it fetches one deferred column by pk
//   duplicate_queries the same SELECT with the same parameters run again in one burst (within
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
//
// Request bursts: one session can serve many requests (Django's persistent connections, one
// backend pid for every view), so when the log has timestamps each session is cut into bursts
// where two consecutive statements are burst_gap_seconds or more apart, and every detector and
// summary below works per burst: a loop or a duplicate never spans an idle gap. Each finding's
// evidence and each summary row says what its statements stand for, its "scope":
//   "burst"    one burst of a session that had idle gaps ("burst": 1, 2, ... within the session)
//   "session"  a whole session with no such gap ("burst": 0), or any session of an untimed log
//              (a timed log without session ids is one session, cut into bursts like any other)
//   "log"      the whole log: no session ids and no timestamps (Django's django.db.backends log),
//              so repeats may be separate requests; duplicate_queries there is at most Low
//
// A workload read from a pg_stat_statements summary or a workload file has no sequence: no
// findings, no summaries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advisor/model/finding.hpp"
#include "advisor/model/session_summary.hpp"
#include "plans/workload/workload.hpp"

namespace pgadvisor {

struct SessionFindingOptions {
  long long n_plus_one_min = 5;          // runs of the repeated SELECT
  long long loop_min = 5;                // runs of the UPDATE / INSERT in a loop
  double window_seconds = 1.0;           // most time between two runs of a loop (timed logs)
  long long max_gap_events = 3;          // most other statements between two runs of a loop
  double duplicate_window_seconds = 10;  // timed logs; 0 or less: the whole burst
  double burst_gap_seconds = 1.0;        // timed logs: an idle gap this long starts a burst; 0 or less: none
};

std::vector<Finding> session_findings(const Workload& workload, const SessionFindingOptions& options = {});

// Per burst, like django-querycount's per-request table: statements, those that repeat an
// earlier statement of the burst with the same parameters, the logged time, where it starts
// and how long it lasts. Sessions in order of first appearance, each one's bursts in time order.

std::vector<SessionSummary> session_summaries(const Workload& workload, const SessionFindingOptions& options = {});

}  // namespace pgadvisor
