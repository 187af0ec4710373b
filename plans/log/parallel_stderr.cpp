#include "plans/log/parallel_stderr.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <condition_variable>
#include <cstring>
#include <ios>
#include <istream>
#include <mutex>
#include <streambuf>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "plans/fatal_error.hpp"
#include "plans/log/line_reader.hpp"
#include "plans/log/log_message.hpp"
#include "plans/log/stderr_reader.hpp"
#include "plans/log/stderr_records.hpp"

namespace pgadvisor {
namespace {

// A guess at the bytes of a record (a statement and its DETAIL line are 200 to 800), to reserve
// a piece's items at once instead of moving them as the vector grows.
constexpr std::int64_t kBytesPerRecordGuess = 256;

// How much of a line is read to tell whether it starts a record: its prefix and severity.
constexpr std::size_t kBoundaryLineBytes = 4096;

class File {
 public:
  explicit File(const std::string& path) : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) fail(std::strerror(errno));
    struct stat status {};
    if (::fstat(fd_, &status) != 0) fail(std::strerror(errno));
    size_ = status.st_size;
  }
  ~File() { ::close(fd_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  std::int64_t size() const { return size_; }

  // Reads up to `count` bytes at `at` into `out`; fewer at the end of the file, or on an error,
  // which sets `error`.
  std::size_t read(char* out, std::size_t count, std::int64_t at, std::string& error) const {
    std::size_t done = 0;
    while (done < count) {
      const ssize_t got = ::pread(fd_, out + done, count - done, static_cast<off_t>(at + done));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        error = std::strerror(errno);
        return done;
      }
      if (got == 0) break;
      done += static_cast<std::size_t>(got);
    }
    return done;
  }

  std::string failure(const std::string& reason) const { return "cannot read " + path_ + ": " + reason; }
  [[noreturn]] void fail(const std::string& reason) const { throw FatalError(FatalKind::Input, failure(reason)); }

 private:
  std::string path_;
  int fd_;
  std::int64_t size_ = 0;
};

// The bytes [begin, end) of the file as a stream; sgetn reads straight into the caller's buffer.
// A read error keeps its reason and throws, which the reader turns into badbit.
class FileRangeBuffer : public std::streambuf {
 public:
  FileRangeBuffer(const File& file, std::int64_t begin, std::int64_t end) : file_(file), at_(begin), end_(end) {}
  const std::string& error() const { return error_; }

 protected:
  std::streamsize xsgetn(char* out, std::streamsize count) override {
    std::streamsize done = 0;
    while (done < count && gptr() < egptr()) out[done++] = *gbump_one();
    const auto wanted = static_cast<std::size_t>(std::min<std::int64_t>(count - done, end_ - at_));
    const std::size_t got = file_.read(out + done, wanted, at_, error_);
    if (!error_.empty()) throw std::ios_base::failure(error_);
    at_ += static_cast<std::int64_t>(got);
    return done + static_cast<std::streamsize>(got);
  }
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize got = xsgetn(byte_, 1);
    if (got <= 0) return traits_type::eof();
    setg(byte_, byte_, byte_ + 1);
    return traits_type::to_int_type(byte_[0]);
  }

 private:
  char* gbump_one() {
    char* at = gptr();
    gbump(1);
    return at;
  }
  const File& file_;
  std::int64_t at_, end_;
  std::string error_;
  char byte_[1] = {};
};

// The first line at or after `from` that starts a record (or the end of the file); `from` itself
// when it starts a line that does.
std::int64_t record_start_from(const File& file, std::int64_t from, const std::string& source,
                               const LogLinePrefixFormat* prefix) {
  const StderrRecordSink ignore{[](LogMessage&&) {}, [](Diagnostic&&) {}};
  StderrRecords records(source, ignore, prefix);
  std::vector<char> window(kBoundaryLineBytes);
  std::string error;
  std::int64_t at = from - 1;  // the '\n' that ends the line before, when `from` starts a line
  while (at < file.size()) {
    // Find the next '\n' at or after `at`, then look at the line after it.
    const std::size_t got = file.read(window.data(), window.size(), at, error);
    if (!error.empty()) file.fail(error);
    if (got == 0) break;
    const auto* newline = static_cast<const char*>(std::memchr(window.data(), '\n', got));
    if (newline == nullptr) {
      at += static_cast<std::int64_t>(got);
      continue;
    }
    const std::int64_t line_start = at + (newline - window.data()) + 1;
    const std::size_t line_got = file.read(window.data(), window.size(), line_start, error);
    if (!error.empty()) file.fail(error);
    std::string_view line(window.data(), line_got);
    line = line.substr(0, line.find('\n'));
    if (records.starts_record(line)) return line_start;
    at = line_start;
  }
  return file.size();
}

using PieceItem = std::variant<LogMessage, Diagnostic>;

struct Piece {
  std::vector<PieceItem> items;
  std::int64_t lines = 0;  // the lines read, numbered 1.. within the piece
  std::string failure;     // why reading stopped before the end of the piece: the whole message
  bool ready = false;
};

// Reads the piece [begin, end) into its records and diagnostics, numbered within the piece.
Piece read_piece(const File& file, std::int64_t begin, std::int64_t end, const std::string& source,
                 const LogLinePrefixFormat* prefix) {
  Piece piece;
  piece.items.reserve(static_cast<std::size_t>((end - begin) / kBytesPerRecordGuess));
  FileRangeBuffer buffer(file, begin, end);
  std::istream in(&buffer);
  const StderrRecordSink records{[&](LogMessage&& message) { piece.items.emplace_back(std::move(message)); },
                                 [&](Diagnostic&& diagnostic) { piece.items.emplace_back(std::move(diagnostic)); }};
  const LogSink line_sink{[](Statement&&) {},
                          [&](Diagnostic&& diagnostic) { piece.items.emplace_back(std::move(diagnostic)); }};
  StderrRecords reader(source, records, prefix);
  LineReader lines(in, source, line_sink);
  reader.read_all(lines);
  piece.lines = lines.number();
  if (in.bad()) piece.failure = file.failure(buffer.error().empty() ? "read error" : buffer.error());
  return piece;
}

// The pieces, read by worker threads at most `window` pieces ahead of the one taken last.
class PieceQueue {
 public:
  PieceQueue(std::size_t count, std::size_t window) : pieces_(count), window_(window) {}

  // The next piece for a worker to read; false when there is none left or reading stops.
  bool claim(std::size_t& index) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopped_ || next_ == pieces_.size()) return false;
    index = next_++;
    changed_.wait(lock, [&] { return stopped_ || index < taken_ + window_; });
    return !stopped_;
  }
  void put(std::size_t index, Piece piece) {
    std::lock_guard<std::mutex> lock(mutex_);
    pieces_[index] = std::move(piece);
    pieces_[index].ready = true;
    changed_.notify_all();
  }
  // The pieces in order, each once.
  Piece take(std::size_t index) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return pieces_[index].ready; });
    Piece piece = std::move(pieces_[index]);
    pieces_[index] = Piece();
    taken_ = index + 1;
    changed_.notify_all();
    return piece;
  }
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Piece> pieces_;
  std::size_t window_;
  std::size_t next_ = 0, taken_ = 0;
  bool stopped_ = false;
};

int in_file(std::int64_t base, int line) {
  return line <= 0 ? line : static_cast<int>(std::min<std::int64_t>(base + line, INT_MAX));
}

}  // namespace

void read_stderr_file_parallel(const std::string& path, std::int64_t offset, const std::string& source,
                               const LogSink& sink, const LogLinePrefixFormat* prefix, unsigned jobs,
                               std::int64_t piece_bytes) {
  const std::int64_t piece_size = piece_bytes > 0 ? piece_bytes : kPieceBytes;
  const File file(path);
  if (jobs <= 1) {  // on this thread, to the end of the file (as long as it grows)
    FileRangeBuffer buffer(file, offset, INT64_MAX);
    std::istream in(&buffer);
    if (prefix) {
      read_stderr_log(in, source, sink, *prefix);
    } else {
      read_stderr_log(in, source, sink);
    }
    if (in.bad()) file.fail(buffer.error().empty() ? "read error" : buffer.error());
    return;
  }
  offset = std::min(offset, file.size());
  const std::int64_t span = file.size() - offset;
  const auto count = static_cast<std::size_t>(std::max<std::int64_t>(1, (span + piece_size - 1) / piece_size));
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(count)));
  PieceQueue queue(count, static_cast<std::size_t>(jobs) + 2);
  auto work = [&] {
    std::size_t index = 0;
    while (queue.claim(index)) {
      Piece piece;
      try {
        const std::int64_t nominal = offset + static_cast<std::int64_t>(index) * piece_size;
        const std::int64_t begin = index == 0 ? offset : record_start_from(file, nominal, source, prefix);
        const std::int64_t end =
            index + 1 == count ? file.size() : record_start_from(file, nominal + piece_size, source, prefix);
        if (begin < end) piece = read_piece(file, begin, end, source, prefix);
      } catch (const std::exception& error) {  // FatalError: the file cannot be read
        piece.failure = error.what();
      }
      queue.put(index, std::move(piece));
    }
  };
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.emplace_back(work);
  struct Joiner {
    PieceQueue& queue;
    std::vector<std::thread>& workers;
    ~Joiner() {
      queue.stop();
      for (auto& worker : workers) worker.join();
    }
  } joiner{queue, workers};

  StatementAssembler assembler(source, sink);
  std::int64_t base = 0;  // the lines of the pieces before
  for (std::size_t index = 0; index < count; ++index) {
    Piece taken = queue.take(index);
    for (PieceItem& item : taken.items) {
      if (auto* message = std::get_if<LogMessage>(&item)) {
        message->line = in_file(base, message->line);
        assembler.add(std::move(*message));
      } else {
        Diagnostic& diagnostic = std::get<Diagnostic>(item);
        diagnostic.line = in_file(base, diagnostic.line);
        sink.on_diagnostic(std::move(diagnostic));
      }
    }
    if (!taken.failure.empty()) throw FatalError(FatalKind::Input, taken.failure);
    base += taken.lines;
  }
  assembler.finish();
}

}  // namespace pgadvisor
