#include "plans/pg/execution_closure.hpp"

#include <fmt/format.h>

#include <set>

#include "plans/pg/closure_catalog.hpp"
#include "plans/pg/function_allow_list.hpp"
#include "plans/pg/write_closure.hpp"
#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {
namespace {

constexpr size_t kMaxSources = 500;  // views within views, policies, defaults, ...

// The stricter of two moments: code that planning brings in is checked as planned.
RunsWhen at_least_planned(RunsWhen when) { return when == RunsWhen::Executed ? RunsWhen::Planned : when; }

class ClosureCollector {
 public:
  explicit ClosureCollector(Transaction& tx) : tx_(tx) {
    for (const char* json_type : {"json", "jsonb"}) cast_types_.insert(json_type);  // to_json() applies user casts to json
  }

  // Reads one piece of SQL the statement runs (its own text, a view's query, a default, ...).
  StatementObjects add_source(const std::string& what, const std::string& sql, RunsWhen when) {
    if (++sources_ > kMaxSources) {
      note(when, fmt::format("reaches more than {} views, policies and expressions: not all were checked", kMaxSources));
      return {};
    }
    ParsedSql parsed = parse_sql(sql);
    if (!parsed.ok()) {
      note(when, fmt::format("{} cannot be read ({}): what it runs is not checked", what, parsed.error));
      return {};
    }
    StatementObjects objects = statement_objects(parsed.tree);
    for (const auto& name : objects.functions) cast_types_.insert(name.name);  // tag('x'): a type's name called is a cast
    for (const auto& oid : function_candidates(tx_, objects.functions)) add_use(oid, what + " calls", when);
    for (const auto& op : user_operators(tx_, objects.operators)) {
      for (const auto& oid : op.run) add_use(oid, fmt::format("{} uses operator {}, which calls", what, op.signature), when);
      for (const auto& oid : op.estimators)
        add_use(oid, fmt::format("{} uses operator {}, whose selectivity estimator is", what, op.signature),
                RunsWhen::Explained);
    }
    for (const auto& type : objects.cast_types) cast_types_.insert(type.name);
    for (const auto& name : objects.relations) {
      std::optional<ClosureRelation> relation = resolve_relation(tx_, name);
      if (relation) add_relation(*relation, when);
    }
    return objects;
  }

  void add_write_closure(const StatementObjects& statement) {
    std::vector<WriteTarget> targets;
    for (const auto& written : statement.written) {
      std::optional<ClosureRelation> relation = resolve_relation(tx_, written.name);
      if (!relation) {
        note(RunsWhen::Executed, fmt::format("writes {}, which this database does not have", written.name.text()));
        continue;
      }
      targets.push_back({*relation, written.action});
    }
    bool complete = true;
    for (const auto& table : tables_touched_by_write(tx_, targets, complete)) {
      CodeRunByWrite code = code_run_by_write(tx_, table, statement.sets_default);
      for (auto& use : code.triggers) uses_.push_back(std::move(use));
      for (const auto& expression : code.expressions) add_source(expression.what, expression.sql, expression.when);
      for (auto& risk : code.risks) notes_.push_back(std::move(risk));
    }
    if (!complete)
      note(RunsWhen::Planned, fmt::format("touches more than {} tables through partitions and foreign keys: not all "
                                          "were checked", kMaxTouchedTables));
  }

  ClosureVerdict verdict(const std::vector<std::string>& trusted) {
    // A cast to a domain checks its CHECK constraints, even when binding a parameter; they may cast to more domains.
    for (std::set<std::string> checked; checked != cast_types_;) {
      std::vector<std::string> fresh;
      for (const auto& type : cast_types_)
        if (!checked.count(type)) fresh.push_back(type);
      checked = cast_types_;
      for (const auto& check : domain_checks(tx_, fresh))
        add_source("the CHECK constraint " + check.name, check.sql, RunsWhen::Explained);
    }
    std::vector<std::string> type_names(cast_types_.begin(), cast_types_.end());
    for (const auto& cast : user_casts(tx_, type_names))
      add_use(cast.oid, fmt::format("the cast {} calls", cast.cast), RunsWhen::Planned);
    std::vector<DisallowedFunction> disallowed = disallowed_functions(tx_, uses_, trusted);
    for (const auto& function : disallowed)
      if (runs_when_planned(function)) return {ClosureRisk::AtPlanning, reason(function, true)};
    for (const auto& risk : notes_)
      if (risk.at_planning) return {ClosureRisk::AtPlanning, risk.text};
    if (!disallowed.empty()) return {ClosureRisk::AtExecution, reason(disallowed.front(), false)};
    if (!notes_.empty()) return {ClosureRisk::AtExecution, notes_.front().text};
    return {};
  }

 private:
  static std::string reason(const DisallowedFunction& function, bool planned) {
    std::string text = fmt::format("{} {}(), {}", function.use.via, function.name, describe_function(function));
    if (planned) {
      text += function.use.when == RunsWhen::Explained ? ", which even a plain EXPLAIN runs"
                                                       : ", which the planner runs even for a plain EXPLAIN";
      text += function.builtin ? ": not planned" : ", and is not known to be free of side effects: not planned";
    } else if (!function.builtin) {
      text += " not known to be free of side effects";
    }
    if (!function.builtin) text += fmt::format(" (--allow-function {} trusts it)", function.proname);
    return text;
  }

  void note(RunsWhen when, std::string text) { notes_.push_back({when != RunsWhen::Executed, std::move(text)}); }

  void add_relation(const ClosureRelation& relation, RunsWhen when) {
    if (relation.builtin || !expanded_.insert(relation.oid).second) return;
    // a view's query is planned with the statement
    if (relation.kind == 'v') add_source("view " + relation.name, view_definition(tx_, relation.oid), at_least_planned(when));
    if (relation.kind == 'f') note(RunsWhen::Executed, fmt::format("reads foreign table {}, whose wrapper acts outside this database", relation.name));
    if (relation.row_security)
      for (const auto& policy : policy_expressions(tx_, relation.oid))
        add_source(fmt::format("policy {} on {}", policy.name, relation.name), policy.sql, at_least_planned(when));
  }

  void add_use(const std::string& oid, const std::string& via, RunsWhen when) {
    if (oid.empty() || oid == "0") return;
    if (!seen_uses_.insert(fmt::format("{}:{}:{}", oid, static_cast<int>(when), via)).second) return;
    uses_.push_back({oid, via, when});
  }

  Transaction& tx_;
  size_t sources_ = 0;
  std::vector<FunctionUse> uses_;
  std::set<std::string> seen_uses_;
  std::vector<ClosureNote> notes_;
  std::set<std::string> expanded_;  // relation oids whose views and policies were read
  std::set<std::string> cast_types_;
};

}  // namespace

ClosureVerdict check_execution_closure(Transaction& tx, const std::string& sql, const std::vector<std::string>& trusted) {
  ClosureCollector collector(tx);
  StatementObjects statement = collector.add_source("the statement", sql, RunsWhen::Planned);
  if (!statement.written.empty()) collector.add_write_closure(statement);
  return collector.verdict(trusted);
}

}  // namespace pgadvisor
