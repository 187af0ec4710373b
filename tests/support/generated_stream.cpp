#include "tests/support/generated_stream.hpp"

#include <algorithm>
#include <utility>

namespace pgadvisor::testing {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

}  // namespace

GeneratedBuffer::GeneratedBuffer(std::vector<TextPart> parts) : parts_(std::move(parts)) {}

GeneratedBuffer::int_type GeneratedBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  chunk_.clear();
  while (part_ < parts_.size() && chunk_.size() < kChunkBytes) {
    const TextPart& part = parts_[part_];
    if (done_ >= part.times || part.text.empty()) {
      ++part_;
      done_ = 0;
      continue;
    }
    // As many repetitions as fit, at least one.
    const std::size_t room = (kChunkBytes - chunk_.size()) / part.text.size();
    const std::size_t count = std::max<std::size_t>(1, std::min(room, part.times - done_));
    for (std::size_t i = 0; i < count; ++i) chunk_ += part.text;
    done_ += count;
  }
  if (chunk_.empty()) return traits_type::eof();
  setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
  return traits_type::to_int_type(*gptr());
}

GeneratedStream::GeneratedStream(std::vector<TextPart> parts)
    : std::istream(nullptr), buffer_(std::move(parts)) {
  rdbuf(&buffer_);
}

}  // namespace pgadvisor::testing
