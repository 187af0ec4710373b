#include "plans/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <vector>

#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw FatalError(FatalKind::Input, "cannot write " + path + ": " + reason);
}

// Writes all of `content` to `fd`; the errno of the first failure, or 0.
int write_all(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<size_t>(n);
  }
  return 0;
}

// A device, FIFO or socket: written through as it is.
void write_through(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) fail(path, std::strerror(errno));
  int error = write_all(fd, content);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) fail(path, std::strerror(error));
}

std::string directory_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The path a symlink chain leads to (its target may not exist yet).
std::string resolved(const std::string& path) {
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat link;
    if (::lstat(current.c_str(), &link) != 0 || !S_ISLNK(link.st_mode)) return current;
    std::vector<char> target(PATH_MAX + 1, '\0');
    ssize_t n = ::readlink(current.c_str(), target.data(), PATH_MAX);
    if (n < 0) fail(path, std::strerror(errno));
    std::string next(target.data(), static_cast<size_t>(n));
    current = next.front() == '/' ? next : directory_of(current) + "/" + next;
  }
  fail(path, "too many levels of symbolic links");
}

// A regular file or a new path: a temporary file beside it, then renamed over it.
void write_replacing(const std::string& path, const std::string& content, const struct stat* existing) {
  const std::string directory = directory_of(path);
  const std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  std::string pattern = directory + "/." + base + ".pgadvisor-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());  // O_EXCL: never opens a file (or symlink) planted there
  if (fd < 0) fail(path, std::strerror(errno));
  const std::string temporary(name.data());
  mode_t mode;
  if (existing) {
    mode = existing->st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  int error = write_all(fd, content);
  if (error == 0 && ::fchmod(fd, mode) != 0) error = errno;
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    std::remove(temporary.c_str());
    fail(path, std::strerror(error));
  }
}

}  // namespace

void write_output(const std::string& path, const std::string& content) {
  if (path == "-") return write_standard_output(content);
  if (path.empty()) fail("''", "an empty file name");
  const std::string target = resolved(path);
  struct stat status;
  if (::stat(target.c_str(), &status) != 0) {
    if (errno != ENOENT) fail(path, std::strerror(errno));
    return write_replacing(target, content, nullptr);
  }
  if (S_ISDIR(status.st_mode)) fail(path, "it is a directory");
  if (S_ISREG(status.st_mode)) return write_replacing(target, content, &status);
  write_through(target, content);  // a device, FIFO or socket
}

void write_standard_output(const std::string& content) {
  std::cout.flush();
  std::fflush(stdout);
  int error = write_all(STDOUT_FILENO, content);
  if (error != 0) fail("standard output", std::strerror(error));
}

bool same_file(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  std::error_code error;
  if (std::filesystem::equivalent(a, b, error)) return true;
  std::filesystem::path canonical_a = std::filesystem::weakly_canonical(a, error);
  if (error) return false;
  std::filesystem::path canonical_b = std::filesystem::weakly_canonical(b, error);
  return !error && canonical_a == canonical_b;
}

}  // namespace pgadvisor
