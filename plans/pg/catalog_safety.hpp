// What the catalog says about running a statement for real: a called user function that is
// volatile or written in an untrusted language may act outside the transaction (files,
// network, sequences), and a write whose target draws from a sequence, fires user triggers or
// has rewrite rules leaves traces a rollback does not undo. Each check returns the reason not to
// ANALYZE, or an empty string when the catalog sees no such risk. Errors throw DatabaseError.
#pragma once

#include <string>
#include <vector>

#include "plans/pg/session.hpp"

namespace pgadvisor {

// `allowed` lists functions the user declared safe (config allow list): they are not reported.
std::string risky_user_function(Transaction& tx, const std::vector<std::string>& functions,
                                const std::vector<std::string>& allowed);

// For a write about to be analyzed: its target tables' sequences (for INSERT and MERGE),
// triggers and rules, and those of tables its foreign-key actions reach.
std::string risky_write_target(Transaction& tx, const std::vector<std::string>& tables, bool inserts);

}  // namespace pgadvisor
