#include "advisor/model/finding.hpp"

#include <utility>

namespace pgadvisor {
namespace {

const std::pair<FindingKind, const char*> kNames[] = {
    {FindingKind::NPlusOne, "n_plus_one"},
    {FindingKind::DuplicateQueries, "duplicate_queries"},
    {FindingKind::WritesInLoop, "writes_in_loop"},
    {FindingKind::CountThenFetch, "count_then_fetch"},
    {FindingKind::CountAsFlag, "count_as_flag"},
    {FindingKind::CountForExistence, "count_for_existence"},
    {FindingKind::FetchForCountOrMembership, "fetch_for_count_or_membership"},
    {FindingKind::HeavyColumns, "heavy_columns"},
    {FindingKind::UnboundedResult, "unbounded_result"},
    {FindingKind::Misestimate, "misestimate"},
    {FindingKind::FilterDiscards, "filter_discards"},
    {FindingKind::SeqScanLargeFrequent, "seq_scan_large_frequent"},
    {FindingKind::NestedLoopLoops, "nested_loop_loops"},
    {FindingKind::DiskSort, "disk_sort"},
    {FindingKind::HashSpill, "hash_spill"},
    {FindingKind::TimedOut, "timed_out"},
};

}  // namespace

std::string finding_kind_name(FindingKind kind) {
  for (const auto& [known, name] : kNames)
    if (known == kind) return name;
  return "unknown";
}

std::optional<FindingKind> finding_kind_from_name(const std::string& name) {
  for (const auto& [kind, known] : kNames)
    if (name == known) return kind;
  return std::nullopt;
}

bool served_by_index(FindingKind kind) {
  return kind == FindingKind::FilterDiscards || kind == FindingKind::SeqScanLargeFrequent ||
         kind == FindingKind::NestedLoopLoops;
}

bool served_by_work_mem(FindingKind kind) { return kind == FindingKind::DiskSort || kind == FindingKind::HashSpill; }

}  // namespace pgadvisor
