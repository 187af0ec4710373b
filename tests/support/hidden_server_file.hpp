// The file fixtures/hidden's write_server_file() would make the server write (lo_export, as the
// server's OS user): /tmp/pgadvisor-hidden-file. Its path is fixed because it is written in the
// fixture's SQL, which the safety tests must see refused, so it cannot live in a TempDir. A
// HiddenServerFile removes a file left there by an earlier run before the test looks (a stale
// file would fail the test, or hide a new one) and fails the test if it cannot; it removes the
// file again when the test ends, passed or failed. Header-only.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <system_error>

namespace pgadvisor::testing {

struct HiddenServerFile {
  static constexpr const char* kPath = "/tmp/pgadvisor-hidden-file";

  HiddenServerFile() {
    remove();
    INFO("a stale " << kPath << " could not be removed");
    REQUIRE_FALSE(exists());
  }
  ~HiddenServerFile() { remove(); }
  HiddenServerFile(const HiddenServerFile&) = delete;
  HiddenServerFile& operator=(const HiddenServerFile&) = delete;

  static bool exists() {
    std::error_code ignored;
    return std::filesystem::symlink_status(kPath, ignored).type() != std::filesystem::file_type::not_found;
  }

 private:
  static void remove() {
    std::error_code ignored;
    std::filesystem::remove(kPath, ignored);
  }
};

}  // namespace pgadvisor::testing
