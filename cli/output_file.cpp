#include "cli/output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "plans/fatal_error.hpp"

namespace pgadvisor {

void write_file_atomically(const std::string& path, const std::string& content) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw FatalError(FatalKind::Input, "cannot write " + path + ": " + std::strerror(errno));
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw FatalError(FatalKind::Input, "cannot write " + path + ": " + reason);
  }
}

}  // namespace pgadvisor
