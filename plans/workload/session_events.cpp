#include "plans/workload/session_events.hpp"

#include <cstdlib>
#include <cstring>

#include "plans/civil_date.hpp"

namespace pgadvisor {
namespace {

bool digits(std::string_view text, size_t at, size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (size_t i = at; i < at + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

uint64_t mix(uint64_t h, uint64_t v) {
  // splitmix64's finalizer over the combination
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

// A fast 64-bit hash of bytes (the scheme of xxHash64: four independent lanes of 8 bytes, so
// the multiplies overlap): the SQL text is hashed once per statement on the ingest path.
constexpr uint64_t kP1 = 0x9e3779b185ebca87ULL, kP2 = 0xc2b2ae3d27d4eb4fULL, kP3 = 0x165667b19e3779f9ULL;

uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
uint64_t load64(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}
uint64_t lane(uint64_t acc, uint64_t word) { return rotl(acc + word * kP2, 31) * kP1; }

uint64_t hash_bytes(std::string_view text, uint64_t seed) {
  const char* p = text.data();
  const char* end = p + text.size();
  uint64_t h;
  if (text.size() >= 32) {
    uint64_t a = seed + kP1 + kP2, b = seed + kP2, c = seed, d = seed - kP1;
    for (; p + 32 <= end; p += 32) {
      a = lane(a, load64(p));
      b = lane(b, load64(p + 8));
      c = lane(c, load64(p + 16));
      d = lane(d, load64(p + 24));
    }
    h = rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18);
    for (uint64_t acc : {a, b, c, d}) h = (h ^ lane(0, acc)) * kP1 + kP3;
  } else {
    h = seed + kP3;
  }
  h += text.size();
  for (; p + 8 <= end; p += 8) h = rotl(h ^ lane(0, load64(p)), 27) * kP1 + kP3;
  for (; p < end; ++p) h = rotl(h ^ (static_cast<uint8_t>(*p) * kP3), 11) * kP1;
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  return h ^ (h >> 32);
}

}  // namespace

std::optional<double> parse_log_timestamp(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (digits(text, 0, 4, year) && text.size() >= 19 && text[4] == '-' && digits(text, 5, 2, month) &&
      text[7] == '-' && digits(text, 8, 2, day) && (text[10] == ' ' || text[10] == 'T') &&
      digits(text, 11, 2, hour) && text[13] == ':' && digits(text, 14, 2, minute) && text[16] == ':' &&
      digits(text, 17, 2, second)) {
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return std::nullopt;
    double fraction = 0;
    if (text.size() > 19 && text[19] == '.') {
      double scale = 0.1;
      for (size_t i = 20; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, scale /= 10)
        fraction += (text[i] - '0') * scale;
    }
    long long days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second) + fraction;
  }
  // %n: seconds since the epoch with milliseconds
  if (text.size() >= 10 && text.size() <= 20) {
    size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i < 9 || i > 11) return std::nullopt;
    size_t end = i;
    if (end < text.size() && text[end] == '.') {
      ++end;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    }
    if (end != text.size()) return std::nullopt;
    return std::strtod(std::string(text).c_str(), nullptr);
  }
  return std::nullopt;
}

namespace {

uint64_t with_params(uint64_t h, const Statement& statement) {
  for (const auto& param : statement.params) h = mix(h, param ? hash_bytes(*param, 1) : 0x6e756c6cULL /* "null" */);
  return mix(h, statement.params.size());
}

}  // namespace

uint64_t statement_params_hash(const Statement& statement) {
  return with_params(hash_bytes(statement.sql, 0), statement);
}

void SessionEvents::push_back(const SessionEvent& event) {
  if ((size_ & kChunkMask) == 0) {
    chunks_.emplace_back();
    chunks_.back().reserve(size_t{1} << kChunkBits);
  }
  chunks_.back().push_back(event);
  ++size_;
}

uint32_t SessionLog::intern(const std::string& session) {
  auto found = ids_.find(session);
  if (found != ids_.end()) return found->second;
  auto id = static_cast<uint32_t>(names_.size());
  names_.push_back(session);
  ids_.emplace(session, id);
  return id;
}

bool SessionLog::append(const Statement& statement, uint32_t template_index) {
  return append(statement, template_index, statement_params_hash(statement));
}

bool SessionLog::append(const Statement& statement, uint32_t template_index, uint64_t params_hash) {
  if (events_.size() >= max_events_) {
    ++dropped_;
    return false;
  }
  SessionEvent event;
  if (has_last_ && names_[last_session_] == statement.session)
    event.session = last_session_;
  else
    event.session = intern(statement.session);
  last_session_ = event.session;
  has_last_ = true;
  event.template_index = template_index;
  auto at = statement.timestamp.empty() ? std::nullopt : parse_log_timestamp(statement.timestamp);
  if (at) {
    event.at_seconds = *at;
  } else {
    event.at_seconds = static_cast<double>(events_.size());
    ++untimed_;
  }
  event.duration_ms = statement.duration_ms;
  event.params_hash = params_hash;
  event.line = statement.line;
  events_.push_back(event);
  return true;
}

}  // namespace pgadvisor
