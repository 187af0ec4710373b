// Makes the findings agree with the rest of the advice, once the indexes and rewrites are known:
// - one finding per template and problem: a scan that discards most of what it reads
//   (filter_discards) and the same scan found large and frequent (seq_scan_large_frequent)
//   become one, the evidence of both kept;
// - a finding an index serves quotes the proposed index that serves its template (its DDL and
//   name), never a column list of its own;
// - a template that timed out in the replay gets its own finding, with the rewrite or index
//   that fixes it and the time at stake;
// - a finding's severity comes from the time at stake (its saving, or else its template's
//   logged time) against the log's total, not from its kind;
// - the savings claimed for one template never add up to more than its logged time.
#pragma once

#include "advisor/model/advice.hpp"

namespace pgadvisor {

// advice.findings made to agree with its indexes and rewrites (above), sorted.
std::vector<Finding> reconcile_findings(const Advice& advice);

// High from 10% of the log's time or 1 s, Medium from 1% or 50 ms, else Low.
Severity severity_for_time(double time_at_stake_ms, double log_total_ms);

}  // namespace pgadvisor
