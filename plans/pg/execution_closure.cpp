#include "plans/pg/execution_closure.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "plans/pg/closure_catalog.hpp"
#include "plans/pg/function_allow_list.hpp"
#include "plans/pg/write_closure.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

constexpr size_t kMaxSources = 500;  // views within views, policies, defaults, ...

class ClosureCollector {
 public:
  explicit ClosureCollector(Transaction& tx) : tx_(tx) {}

  // Reads one piece of SQL the statement runs (its own text, a view's query, a default, ...).
  StatementObjects add_source(const std::string& what, const std::string& sql, bool at_planning) {
    if (++sources_ > kMaxSources) {
      risks_.push_back(fmt::format("reaches more than {} views, policies and expressions: not all were checked", kMaxSources));
      return {};
    }
    ParsedSql parsed = parse_sql(sql);
    if (!parsed.ok()) {
      risks_.push_back(fmt::format("{} cannot be read ({}): what it runs is not checked", what, parsed.error));
      return {};
    }
    StatementObjects objects = statement_objects(parsed.tree);
    for (const auto& name : objects.functions)
      for (const auto& oid : cached(function_oids_, name, [&] { return function_candidates(tx_, name); }))
        add_use(oid, what + " calls", at_planning);
    for (const auto& op : user_operators(tx_, objects.operators)) {
      for (const auto& oid : op.run) add_use(oid, fmt::format("{} uses operator {}, which calls", what, op.signature), at_planning);
      for (const auto& oid : op.estimators)
        add_use(oid, fmt::format("{} uses operator {}, whose selectivity estimator is", what, op.signature), true);
    }
    for (const auto& type : objects.cast_types) cast_types_.insert(type.name);
    for (const auto& name : objects.relations) {
      std::optional<RelationInfo> relation = resolve_relation(tx_, name);
      if (relation) add_relation(*relation, at_planning);
    }
    return objects;
  }

  void add_write_closure(const StatementObjects& statement) {
    std::vector<WriteTarget> targets;
    for (const auto& written : statement.written) {
      std::optional<RelationInfo> relation = resolve_relation(tx_, written.name);
      if (!relation) {
        risks_.push_back(fmt::format("writes {}, which this database does not have", written.name.text()));
        continue;
      }
      targets.push_back({*relation, written.action});
    }
    for (const auto& table : tables_touched_by_write(tx_, targets)) {
      CodeRunByWrite code = code_run_by_write(tx_, table, statement.sets_default);
      for (auto& use : code.triggers) uses_.push_back(std::move(use));
      for (const auto& expression : code.expressions) add_source(expression.what, expression.sql, expression.at_planning);
      for (auto& risk : code.risks) risks_.push_back(std::move(risk));
    }
  }

  ClosureVerdict verdict(const std::vector<std::string>& trusted) {
    // A cast to a domain runs its CHECK constraints when executed; they may cast to more domains.
    for (std::set<std::string> checked; checked != cast_types_;) {
      std::vector<std::string> fresh;
      for (const auto& type : cast_types_)
        if (!checked.count(type)) fresh.push_back(type);
      checked = cast_types_;
      for (const auto& check : domain_checks(tx_, fresh)) add_source("the CHECK constraint " + check.name, check.sql, false);
    }
    std::vector<std::string> type_names(cast_types_.begin(), cast_types_.end());
    for (const auto& cast : user_casts(tx_, type_names)) add_use(cast.oid, fmt::format("the cast {} calls", cast.cast), true);
    std::vector<DisallowedFunction> disallowed = disallowed_functions(tx_, uses_, trusted);
    for (const auto& function : disallowed) {
      if (!function.use.at_planning || function.volatility == 'v') continue;
      return {ClosureRisk::AtPlanning,
              fmt::format("{} {}(), {} that the planner runs even for a plain EXPLAIN and that is not known to be free "
                          "of side effects: not planned (--allow-function {} trusts it)",
                          function.use.via, function.name, describe_function(function), function.proname)};
    }
    if (!disallowed.empty()) {
      const DisallowedFunction& function = disallowed.front();
      if (function.builtin)
        return {ClosureRisk::AtExecution, fmt::format("{} {}(), {}", function.use.via, function.name, describe_function(function))};
      return {ClosureRisk::AtExecution,
              fmt::format("{} {}(), {} not known to be free of side effects (--allow-function {} trusts it)",
                          function.use.via, function.name, describe_function(function), function.proname)};
    }
    if (!risks_.empty()) return {ClosureRisk::AtExecution, risks_.front()};
    return {};
  }

 private:
  void add_relation(const RelationInfo& relation, bool at_planning) {
    if (relation.builtin || !expanded_.insert(relation.oid).second) return;
    if (relation.kind == 'v') add_source("view " + relation.name, view_definition(tx_, relation.oid), at_planning);
    if (relation.row_security)
      for (const auto& policy : policy_expressions(tx_, relation.oid))
        add_source(fmt::format("policy {} on {}", policy.name, relation.name), policy.sql, at_planning);
  }

  void add_use(const std::string& oid, const std::string& via, bool at_planning) {
    if (oid.empty() || oid == "0") return;
    if (!seen_uses_.insert(oid + (at_planning ? "+" : "-") + via).second) return;
    uses_.push_back({oid, via, at_planning});
  }

  template <typename Value, typename Lookup>
  const Value& cached(std::map<std::string, Value>& cache, const QualifiedName& name, Lookup lookup) {
    auto found = cache.find(name.text());
    if (found == cache.end()) found = cache.emplace(name.text(), lookup()).first;
    return found->second;
  }

  Transaction& tx_;
  size_t sources_ = 0;
  std::vector<FunctionUse> uses_;
  std::set<std::string> seen_uses_;
  std::vector<std::string> risks_;
  std::set<std::string> expanded_;  // relation oids whose views and policies were read
  std::set<std::string> cast_types_;
  std::map<std::string, std::vector<std::string>> function_oids_;
};

}  // namespace

ClosureVerdict check_execution_closure(Transaction& tx, const std::string& sql, const std::vector<std::string>& trusted) {
  ClosureCollector collector(tx);
  StatementObjects statement = collector.add_source("the statement", sql, true);
  if (!statement.written.empty()) collector.add_write_closure(statement);
  return collector.verdict(trusted);
}

}  // namespace pgadvisor
