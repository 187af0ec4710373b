#include "plans/log/log_line_prefix_format.hpp"

#include <array>
#include <cstring>
#include <unordered_set>
#include <utility>

#include "plans/fatal_error.hpp"
#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

using Piece = LogLinePrefixFormat::Piece;

constexpr const char* kValueEscapes = "audrhbpPtmniecslvxQ";
constexpr const char* kTextEscapes = "audrhbi";  // free text, ended by what follows
constexpr size_t kMaxName = 63;                   // NAMEDATALEN - 1: user, database, application
constexpr size_t kMaxText = 1100;                 // host names (NI_MAXHOST), command tags

bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_zone_char(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '+' || c == '-';
}

size_t scan_digits(const std::string& s, size_t pos) {
  const size_t start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  return pos == start ? npos : pos;
}

// "2026-11-22 05:01:02[.123] CET" (%t, %s; %m with the milliseconds), or npos.
size_t scan_timestamp(const std::string& s, size_t pos, bool millis) {
  static const char kShape[] = "dddd-dd-dd dd:dd:dd";
  const size_t length = sizeof kShape - 1;
  if (s.size() < pos + length) return npos;
  for (size_t i = 0; i < length; ++i) {
    const char c = s[pos + i];
    if (kShape[i] == 'd' ? !is_digit(c) : c != kShape[i]) return npos;
  }
  pos += length;
  if (millis) {
    if (pos >= s.size() || s[pos] != '.' || (pos = scan_digits(s, pos + 1)) == npos) return npos;
  }
  if (pos >= s.size() || s[pos] != ' ') return npos;
  const size_t zone = ++pos;
  while (pos < s.size() && is_zone_char(s[pos])) ++pos;
  return pos == zone ? npos : pos;
}

// The end of a value of fixed shape at `pos`, or npos; `pos` itself for an empty value.
size_t scan_shaped(char escape, const std::string& s, size_t pos) {
  size_t end = npos;
  switch (escape) {
    case 't': case 's': return scan_timestamp(s, pos, false);
    case 'm': return scan_timestamp(s, pos, true);
    case 'p': case 'l': case 'x': return scan_digits(s, pos);
    case 'P': end = scan_digits(s, pos); return end == npos ? pos : end;  // empty: no leader
    case 'Q': return scan_digits(s, pos < s.size() && s[pos] == '-' ? pos + 1 : pos);
    case 'n':
      end = scan_digits(s, pos);
      return end == npos || end >= s.size() || s[end] != '.' ? npos : scan_digits(s, end + 1);
    case 'v':  // "3/1234"; empty for processes without a backend id
      end = scan_digits(s, pos);
      if (end == npos || end >= s.size() || s[end] != '/') return pos;
      end = scan_digits(s, end + 1);
      return end == npos ? pos : end;
    case 'c':
      end = pos;
      while (end < s.size() && is_hex(s[end])) ++end;
      if (end == pos || end >= s.size() || s[end] != '.') return npos;
      pos = ++end;
      while (end < s.size() && is_hex(s[end])) ++end;
      return end == pos ? npos : end;
    case 'e':
      for (end = pos; end < pos + 5; ++end) {
        if (end >= s.size() || !(is_digit(s[end]) || (s[end] >= 'A' && s[end] <= 'Z'))) return npos;
      }
      return end;
    default: return npos;
  }
}

// Matches the pieces against one line by backtracking over where free-text values end; a
// (piece, position) pair known to fail is not tried twice, so a line costs at most
// pieces x candidate positions.
class PrefixMatcher {
 public:
  PrefixMatcher(const std::vector<Piece>& pieces, const std::string& line)
      : pieces_(pieces), line_(line) {}

  bool match(size_t index, size_t pos) {
    const size_t key = index * (line_.size() + 1) + pos;
    if (failed_.count(key) != 0) return false;
    if (try_match(index, pos)) return true;
    failed_.insert(key);
    return false;
  }

  std::array<std::string, 128> values_;
  std::string severity_;
  size_t message_start_ = 0;

 private:
  bool try_match(size_t index, size_t pos) {
    if (index == pieces_.size()) {
      const size_t length = read_severity(line_, pos, severity_);
      message_start_ = pos + length;
      return length != 0;
    }
    const Piece& piece = pieces_[index];
    if (piece.escape == 0) {
      return line_.compare(pos, piece.literal.size(), piece.literal) == 0 &&
             match(index + 1, pos + piece.literal.size());
    }
    if (piece.escape == 'q') return match(index + 1, pos) || match(pieces_.size(), pos);
    if (!piece.padded && std::strchr(kTextEscapes, piece.escape) == nullptr) {
      const size_t end = scan_shaped(piece.escape, line_, pos);
      if (end != npos && match(index + 1, end)) return keep(piece, pos, end);
      // %P and %v may also be empty where their shape does not follow.
      return (piece.escape == 'P' || piece.escape == 'v') && end != pos && match(index + 1, pos) &&
             keep(piece, pos, pos);
    }
    return match_text(index, pos);
  }

  // A free-text value: the shortest one after which the rest of the prefix matches.
  bool match_text(size_t index, size_t pos) {
    const Piece& piece = pieces_[index];
    const bool name = piece.escape == 'u' || piece.escape == 'd' || piece.escape == 'a';
    const size_t longest = name && !piece.padded ? kMaxName : kMaxText;
    const size_t limit = std::min(line_.size(), pos + longest);
    const Piece* next = index + 1 < pieces_.size() ? &pieces_[index + 1] : nullptr;
    for (size_t end = pos; end <= limit; ++end) {
      if (next != nullptr && next->escape == 0) {
        end = line_.find(next->literal, end);
        if (end == npos || end > limit) return false;
      }
      if (match(index + 1, end)) return keep(piece, pos, end);
    }
    return false;
  }

  bool keep(const Piece& piece, size_t pos, size_t end) {
    std::string value = line_.substr(pos, end - pos);
    if (piece.padded) {
      const size_t first = value.find_first_not_of(' ');
      value = first == npos ? std::string()
                            : value.substr(first, value.find_last_not_of(' ') + 1 - first);
    }
    values_[static_cast<unsigned char>(piece.escape)] = std::move(value);
    return true;
  }

  const std::vector<Piece>& pieces_;
  const std::string& line_;
  std::unordered_set<size_t> failed_;
};

}  // namespace

LogLinePrefixFormat::LogLinePrefixFormat(const std::string& escapes) : escapes_(escapes) {
  auto add_literal = [this](char c) {
    if (pieces_.empty() || pieces_.back().escape != 0) pieces_.emplace_back();
    pieces_.back().literal += c;
  };
  for (size_t i = 0; i < escapes.size(); ++i) {
    if (escapes[i] != '%') {
      add_literal(escapes[i]);
      continue;
    }
    Piece piece;
    size_t pos = i + 1;
    if (pos < escapes.size() && escapes[pos] == '-') ++pos;
    while (pos < escapes.size() && is_digit(escapes[pos])) ++pos;
    piece.padded = pos > i + 1;
    if (pos >= escapes.size()) {
      throw FatalError(FatalKind::Usage, "log_line_prefix '" + escapes + "' ends with a lone '%'");
    }
    const char escape = escapes[pos];
    i = pos;
    if (escape == '%') {
      add_literal('%');
    } else if (escape == 'q') {
      pieces_.push_back(Piece{'q', {}, false});
    } else if (std::strchr(kValueEscapes, escape) != nullptr) {
      piece.escape = escape;
      pieces_.push_back(std::move(piece));
      ++escape_count_;
    } else {
      throw FatalError(FatalKind::Usage, "log_line_prefix '" + escapes + "': unknown escape %" +
                                             std::string(1, escape));
    }
  }
}

std::optional<LogLinePrefix> LogLinePrefixFormat::parse(const std::string& line) const {
  PrefixMatcher matcher(pieces_, line);
  if (!matcher.match(0, 0)) return std::nullopt;
  auto value = [&matcher](char escape) -> std::string& {
    return matcher.values_[static_cast<unsigned char>(escape)];
  };
  LogLinePrefix out;
  out.timestamp = !value('m').empty() ? value('m') : !value('t').empty() ? value('t') : value('n');
  out.pid = std::move(value('p'));
  out.user = std::move(value('u'));
  out.database = std::move(value('d'));
  out.application = std::move(value('a'));
  out.session_id = std::move(value('c'));
  out.severity = std::move(matcher.severity_);
  out.message = line.substr(matcher.message_start_);
  return out;
}

const std::vector<LogLinePrefixFormat>& common_log_line_prefixes() {
  static const std::vector<LogLinePrefixFormat> formats = [] {
    std::vector<LogLinePrefixFormat> out;
    for (const char* escapes :
         {"%m [%p] ", "%t [%p] ", "%m [%p] %q%u@%d ", "%t [%p] %q%u@%d ", "%m [%p] %q%u@%d/%a ",
          "%m [%p] user=%u,db=%d ", "%t [%p]: user=%u,db=%d,app=%a,client=%h ",
          "%t [%p]: [%l-1] user=%u,db=%d ", "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
          "%m [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
          "%t [%p]: db=%d,user=%u,app=%a,client=%h ", "%t:%r:%u@%d:[%p]:", "%m:%r:%u@%d:[%p]:"}) {
      out.emplace_back(escapes);
    }
    return out;
  }();
  return formats;
}

std::optional<LogLinePrefixFormat> detect_log_line_prefix(const std::vector<std::string>& lines) {
  const LogLinePrefixFormat* best = nullptr;
  size_t best_count = 0;
  for (const LogLinePrefixFormat& format : common_log_line_prefixes()) {
    size_t count = 0;
    for (const std::string& line : lines) count += format.parse(line).has_value() ? 1 : 0;
    if (count > best_count ||
        (count == best_count && count > 0 && format.escape_count() > best->escape_count())) {
      best = &format;
      best_count = count;
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace pgadvisor
