#include "tests/support/temp_dir.hpp"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>

namespace pgadvisor::testing {

TempDir::TempDir(const std::string& prefix) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / ("pgadvisor-" + prefix + "-XXXXXX")).string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

}  // namespace pgadvisor::testing
