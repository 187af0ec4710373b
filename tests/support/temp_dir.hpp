// TempDir: a fresh directory under the system's temporary directory, made with mkdtemp (a name
// no one can guess or take first) and removed with everything in it when the test ends, passed
// or failed. Failing to make it fails the test (REQUIRE).
#pragma once

#include <string>

namespace pgadvisor::testing {

struct TempDir {
  // `prefix` names the directory ("pgadvisor-<prefix>-XXXXXX") for whoever lists /tmp.
  explicit TempDir(const std::string& prefix = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The path of `name` inside the directory.
  std::string file(const std::string& name) const { return path + "/" + name; }

  std::string path;
};

}  // namespace pgadvisor::testing
