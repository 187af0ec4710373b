// GeneratedStream: an input stream whose text is a list of parts, each repeated a given number of
// times, made as it is read: a test can read a line of hundreds of MB without holding it.
#pragma once

#include <cstddef>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

namespace pgadvisor::testing {

struct TextPart {
  std::string text;
  std::size_t times = 1;
};

class GeneratedBuffer : public std::streambuf {
 public:
  explicit GeneratedBuffer(std::vector<TextPart> parts);

 protected:
  int_type underflow() override;

 private:
  std::vector<TextPart> parts_;
  std::size_t part_ = 0;
  std::size_t done_ = 0;  // repetitions of parts_[part_] already given
  std::string chunk_;
};

class GeneratedStream : public std::istream {
 public:
  explicit GeneratedStream(std::vector<TextPart> parts);

 private:
  GeneratedBuffer buffer_;
};

}  // namespace pgadvisor::testing
