#include "plans/log/log_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <streambuf>
#include <utility>
#include <vector>

#include "plans/fatal_error.hpp"
#include "plans/log/django_reader.hpp"
#include "plans/log/stderr_reader.hpp"

namespace pgadvisor {
namespace {

const int kDetectionLines = 50;

// Gives `head` (the lines already read to detect the format) and then the rest of `tail`, so that
// a stream that cannot seek back, like standard input, is still read from its first line.
class ReplayBuffer : public std::streambuf {
 public:
  ReplayBuffer(std::string head, std::streambuf* tail) : head_(std::move(head)), tail_(tail) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize count = tail_->sgetn(buffer_, sizeof buffer_);
    if (count <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + count);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  std::streambuf* tail_;
  char buffer_[1 << 16];
};

void check_not_bad(const std::istream& in, const std::string& path) {
  if (in.bad()) throw FatalError(FatalKind::Input, "cannot read " + path + ": read error");
}

void dispatch(std::istream& in, const std::string& path, LogFormat format, const LogSink& sink) {
  if (format == LogFormat::Django) {
    read_django_log(in, path, sink);
  } else {
    read_stderr_log(in, path, sink);
  }
  check_not_bad(in, path);
}

// Reads the first non-empty lines, detects the format from them, then reads the whole log.
void detect_and_read(std::istream& in, const std::string& path, const LogSink& sink) {
  std::string head;
  std::vector<std::string> first_lines;
  std::string line;
  while (static_cast<int>(first_lines.size()) < kDetectionLines && std::getline(in, line)) {
    head.append(line).append("\n");
    if (!line.empty() && line != "\r") first_lines.push_back(line);
  }
  check_not_bad(in, path);
  if (first_lines.empty()) return;  // an empty log holds no statement in any format
  const LogFormat format = detect_log_format(first_lines);
  if (format == LogFormat::Auto) {
    throw FatalError(FatalKind::Input,
                     path + ": cannot tell the log format; pass --log-format stderr|django");
  }
  in.clear();
  ReplayBuffer replay(std::move(head), in.rdbuf());
  std::istream replayed(&replay);
  dispatch(replayed, path, format, sink);
}

}  // namespace

void read_log_file(const std::string& path, LogFormat format, const LogSink& sink) {
  std::ifstream file;
  if (path != "-") {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      throw FatalError(FatalKind::Input, "cannot read " + path + ": is a directory");
    }
    file.open(path, std::ios::binary);
    if (!file) {
      throw FatalError(FatalKind::Input, "cannot read " + path + ": " + std::strerror(errno));
    }
  }
  std::istream& in = path == "-" ? std::cin : file;
  if (format == LogFormat::Auto) {
    detect_and_read(in, path, sink);
  } else {
    dispatch(in, path, format, sink);
  }
}

}  // namespace pgadvisor
