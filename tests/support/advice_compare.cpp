#include "tests/support/advice_compare.hpp"

#include <algorithm>

namespace pgadvisor::testing {
namespace {

bool contains(const std::vector<std::string>& sorted, const std::string& item) {
  return std::binary_search(sorted.begin(), sorted.end(), item);
}

}  // namespace

std::vector<std::string> proposed_ddl(const nlohmann::json& report) {
  std::vector<std::string> ddl;
  for (const auto& index : report["indexes"]) ddl.push_back(index["ddl"]);
  std::sort(ddl.begin(), ddl.end());
  return ddl;
}

std::vector<std::string> clearly_worth_it_ddl(const nlohmann::json& report) {
  double minimum = 0.05 * report["selection"]["net_saved_ms"].get<double>();
  std::vector<std::string> ddl;
  for (const auto& index : report["indexes"])
    if (index["saved_ms"].get<double>() - index["write_ms"].get<double>() >= minimum) ddl.push_back(index["ddl"]);
  std::sort(ddl.begin(), ddl.end());
  return ddl;
}

bool advice_agrees(const nlohmann::json& a, const nlohmann::json& b, std::string& why) {
  auto all_a = proposed_ddl(a), all_b = proposed_ddl(b);
  for (const auto& ddl : clearly_worth_it_ddl(a))
    if (!contains(all_b, ddl)) return why = "only the first proposes " + ddl, false;
  for (const auto& ddl : clearly_worth_it_ddl(b))
    if (!contains(all_a, ddl)) return why = "only the second proposes " + ddl, false;
  return !all_a.empty() && !all_b.empty();
}

}  // namespace pgadvisor::testing
