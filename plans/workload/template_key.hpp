// TemplateKey: what groups the statements of a log into one query template, and names the
// template in every report, workload file and baseline (QueryTemplate::fingerprint).
// libpg_query's fingerprint ignores constants, but also folds parts of relation names: digits
// (orders_2024 and orders_2025, ft11 and ft21: monthly and hash partitions are named so) and
// the name of a temporary table being created. Two statements on different relations must be
// two templates, so the key is the fingerprint followed, when the statement names such
// relations, by ':' and their names as written (quoted as PostgreSQL would, sorted, joined by
// ','): "c2cf8679ff113674" for most statements, "c2cf8679ff113674:orders_2024" for one on a
// monthly partition. Pure; a statement that does not parse has an empty key.
#pragma once

#include <string>

#include "plans/sql/pg_query_api.hpp"

namespace pgadvisor {

std::string template_key(const ParsedSql& parsed);

}  // namespace pgadvisor
