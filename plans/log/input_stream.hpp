// InputStream: a log opened for reading as a stream of bytes, whatever it is stored as. "-" is
// standard input. Compressed input (gzip, bzip2, xz, and the other filters libarchive knows) is
// recognized by its magic bytes, not by the file name, and decompressed as it is read, 256 KiB at
// a time, so memory stays bounded whatever the size of the log. Plain input goes through
// libarchive's passthrough too (several GB/s, far above what the readers take).
//
// On failure: a file that cannot be opened, or whose data is already corrupt in its first block,
// throws FatalError(FatalKind::Input, "cannot read <path>: <reason>"). Corruption found later
// (a truncated .gz, a bad checksum) ends the stream: the read that meets it sets badbit on the
// stream reading it, and input_error() then gives the reason. Nothing is silently cut short.
#pragma once

#include <istream>
#include <memory>
#include <string>

namespace pgadvisor {

std::unique_ptr<std::istream> open_log_input(const std::string& path);

// Why reading `in` (a stream open_log_input returned) stopped before the end of its data: the
// reason alone, without "cannot read <path>: ", e.g. "truncated gzip input". Empty while no error
// happened. The reason is kept by the stream's buffer, so it is found here even when the error
// was met by another istream reading through `in.rdbuf()`. For any other stream: "read error"
// when it is bad, empty otherwise.
std::string input_error(const std::istream& in);

// True when `in` (a stream open_log_input returned) reads a file as it is stored: not standard
// input, not decompressed.
bool is_plain_file(const std::istream& in);

}  // namespace pgadvisor
