// Parallel reading of one large stderr log: the plain (uncompressed) file, from `offset` on, is
// cut into pieces of about kPieceBytes at lines that start a record (StderrRecords::starts_record),
// so that no record, and no line, is split between two pieces. `jobs` threads read the pieces
// into records (StderrRecords over a LineReader of the piece), each piece numbering its own lines;
// the calling thread takes the pieces in the order of the file, renumbers their lines as lines
// of the whole file and hands the records to one StatementAssembler (the per-session state: an
// execute waiting for its DETAIL, a statement for its bare duration, lives there, across pieces).
// So the statements and diagnostics reaching `sink`, their order and their line numbers are
// exactly those read_stderr_log gives on the same file. Threads read at most jobs + 2 pieces
// ahead of the calling thread, so memory stays bounded whatever the size of the file. With one
// job the file is read on the calling thread alone. Either way the file is read with pread
// straight into the line reader's buffer. A file that cannot be read throws
// FatalError(FatalKind::Input).
#pragma once

#include <cstdint>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

class LogLinePrefixFormat;

constexpr std::int64_t kPieceBytes = std::int64_t{2} << 20;

// `path` names the file to open, `source` the log in statements and diagnostics. `prefix`: the
// compiled log_line_prefix, or null for the built-in recognition of the common ones.
// `piece_bytes`: 0 for kPieceBytes; small ones are for tests.
void read_stderr_file_parallel(const std::string& path, std::int64_t offset, const std::string& source,
                               const LogSink& sink, const LogLinePrefixFormat* prefix, unsigned jobs,
                               std::int64_t piece_bytes = 0);

}  // namespace pgadvisor
