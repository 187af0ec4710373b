// Writing a report or migration file atomically: to a temporary file beside it, then renamed,
// so a reader never sees half a file. Failure throws FatalError(Input) naming the path.
#pragma once

#include <string>

namespace pgadvisor {

void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace pgadvisor
