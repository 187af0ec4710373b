#include "plans/log/input_stream.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ios>
#include <sstream>
#include <streambuf>
#include <string_view>
#include <utility>
#include <vector>

#include "plans/fatal_error.hpp"

namespace pgadvisor {
namespace {

// Big enough that reading costs little per byte, small enough to never matter for memory.
constexpr std::size_t kBufferSize = 256 * 1024;

struct ArchiveFree {
  void operator()(archive* handle) const { archive_read_free(handle); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

std::string archive_reason(archive* handle) {
  const char* message = archive_error_string(handle);
  if (message != nullptr && *message != '\0') return message;
  if (archive_errno(handle) != 0) return std::strerror(archive_errno(handle));
  return "unknown libarchive error";
}

// The data of a libarchive "raw" entry: the input after its compression filters are undone. A
// read error keeps its reason and throws, which the istream reading turns into badbit.
class ArchiveBuffer : public std::streambuf {
 public:
  ArchiveBuffer(ArchivePtr handle, bool plain_file)
      : handle_(std::move(handle)), buffer_(kBufferSize), plain_file_(plain_file) {}

  bool plain_file() const { return plain_file_; }
  const std::string& error() const { return error_; }
  // The bytes read but not yet taken, the whole first block right after open.
  std::string_view available() const {
    return {gptr(), static_cast<std::size_t>(egptr() - gptr())};
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (!error_.empty()) throw std::ios_base::failure(error_);
    if (ended_) return traits_type::eof();
    const la_ssize_t count = archive_read_data(handle_.get(), buffer_.data(), buffer_.size());
    if (count < 0) {
      error_ = archive_reason(handle_.get());
      throw std::ios_base::failure(error_);
    }
    if (count == 0) {
      ended_ = true;
      return traits_type::eof();
    }
    setg(buffer_.data(), buffer_.data(), buffer_.data() + count);
    return traits_type::to_int_type(*gptr());
  }

 private:
  ArchivePtr handle_;
  std::vector<char> buffer_;
  std::string error_;
  bool ended_ = false;
  bool plain_file_;
};

// An istream that owns its buffer.
class OwningStream : public std::istream {
 public:
  explicit OwningStream(std::unique_ptr<std::streambuf> buffer)
      : std::istream(buffer.get()), buffer_(std::move(buffer)) {}

 private:
  std::unique_ptr<std::streambuf> buffer_;
};

// What a compressed file starts with. Input that libarchive takes for uncompressed but starts like
// this is a compressed file cut short or damaged in its header, not a log.
struct Magic {
  std::string_view bytes;
  const char* name;
};
constexpr Magic kCompressedMagic[] = {
    {std::string_view("\x1f\x8b", 2), "gzip"},
    {std::string_view("BZh", 3), "bzip2"},
    {std::string_view("\xfd" "7zXZ\0", 6), "xz"},
};

const char* compressed_format(std::string_view head) {
  for (const Magic& magic : kCompressedMagic) {
    if (head.substr(0, magic.bytes.size()) == magic.bytes) return magic.name;
  }
  return nullptr;
}

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw FatalError(FatalKind::Input, "cannot read " + path + ": " + reason);
}

// An archive reader that takes any input as one raw entry, undoing whatever compression filters
// its magic bytes show.
ArchivePtr new_raw_reader(const std::string& path) {
  ArchivePtr handle(archive_read_new());
  if (!handle) fail(path, "out of memory");
  if (archive_read_support_filter_all(handle.get()) == ARCHIVE_FATAL ||
      archive_read_support_format_raw(handle.get()) == ARCHIVE_FATAL ||
      archive_read_support_format_empty(handle.get()) == ARCHIVE_FATAL) {
    fail(path, archive_reason(handle.get()));
  }
  return handle;
}

}  // namespace

std::unique_ptr<std::istream> open_log_input(const std::string& path) {
  const bool from_stdin = path == "-";
  if (!from_stdin) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) fail(path, std::strerror(errno));
    if (S_ISDIR(status.st_mode)) fail(path, "is a directory");
  }

  ArchivePtr handle = new_raw_reader(path);
  archive* reader = handle.get();
  const int opened = from_stdin ? archive_read_open_fd(reader, 0, kBufferSize)
                                : archive_read_open_filename(reader, path.c_str(), kBufferSize);
  if (opened != ARCHIVE_OK) {
    const int error = archive_errno(reader);
    fail(path, error > 0 ? std::strerror(error) : archive_reason(reader));
  }
  archive_entry* entry = nullptr;
  const int header = archive_read_next_header(reader, &entry);
  if (header == ARCHIVE_EOF) {
    return std::make_unique<OwningStream>(std::make_unique<std::stringbuf>(std::ios::in));
  }
  if (header < ARCHIVE_WARN) fail(path, archive_reason(reader));

  const bool compressed = archive_filter_code(reader, 0) != ARCHIVE_FILTER_NONE;
  auto buffer = std::make_unique<ArchiveBuffer>(std::move(handle), !compressed && !from_stdin);
  try {
    buffer->sgetc();  // corruption in the first block is an error at open
  } catch (const std::ios_base::failure&) {
    fail(path, buffer->error());
  }
  if (!compressed) {
    if (const char* format = compressed_format(buffer->available())) {
      fail(path, std::string("truncated or corrupt ") + format + " header");
    }
  }
  return std::make_unique<OwningStream>(std::move(buffer));
}

std::string input_error(const std::istream& in) {
  if (const auto* buffer = dynamic_cast<const ArchiveBuffer*>(in.rdbuf())) {
    if (!buffer->error().empty()) return buffer->error();
  }
  return in.bad() ? "read error" : "";
}

}  // namespace pgadvisor

namespace pgadvisor {

bool is_plain_file(const std::istream& in) {
  const auto* buffer = dynamic_cast<const ArchiveBuffer*>(in.rdbuf());
  return buffer != nullptr && buffer->plain_file();
}

}  // namespace pgadvisor
