// FatalError: what ends a run (bad usage or config, unreadable file, no connection). Thrown
// anywhere, caught only in cli/main.cpp, which prints the one-line message and maps the kind
// to an exit code. Everything that fails for a single item is a Diagnostic instead.
#pragma once

#include <stdexcept>
#include <string>

namespace pgadvisor {

enum class FatalKind { Usage, Input, Connection };

class FatalError : public std::runtime_error {
 public:
  FatalError(FatalKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  FatalKind kind() const { return kind_; }

 private:
  FatalKind kind_;
};

}  // namespace pgadvisor
