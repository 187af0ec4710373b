// LogSink: where a log reader hands what it reads, one item at a time, so that no reader holds a
// whole log in memory. A line that cannot be read goes to on_diagnostic and reading goes on.
#pragma once

#include <functional>

#include "plans/diagnostic.hpp"
#include "plans/statement.hpp"

namespace pgadvisor {

struct LogSink {
  std::function<void(Statement&&)> on_statement;
  std::function<void(Diagnostic&&)> on_diagnostic;
};

}  // namespace pgadvisor
