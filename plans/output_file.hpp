// Writing an output (report, migration, workload file) without ever touching what is not ours:
// "-" is standard output; a regular file (or a new path) is written to a temporary file made
// with mkstemp beside it (no predictable name, never a symlink followed) and renamed over it,
// keeping an existing file's mode, so a reader never sees half a file; a symlink is followed
// and its target replaced, the link kept; a character device, FIFO or socket (/dev/null,
// /dev/stdout, a pipe) is written through, never replaced; a directory is refused. Any write
// error (a full disk, /dev/full, a closed pipe) throws FatalError(Input) naming the path and the
// reason, and leaves no temporary file behind.
#pragma once

#include <string>

namespace pgadvisor {

void write_output(const std::string& path, const std::string& content);

// Writes `content` to standard output and flushes; a write error throws FatalError(Input).
void write_standard_output(const std::string& content);

// Whether two paths name the same file: the same existing file by any name, or the same path once
// made canonical (for a file not written yet). An empty path names no file.
bool same_file(const std::string& a, const std::string& b);

}  // namespace pgadvisor
