#include "plans/workload/log_time.hpp"

#include <cctype>
#include <cstdlib>

#include "plans/civil_date.hpp"

namespace pgadvisor {
namespace {

// Zone abbreviations that name one offset wherever tzdata uses them (minutes east of UTC).
// Left out on purpose, as ambiguous: CST, CDT (US Central, China, Cuba), IST (India, Israel,
// Ireland), AST, ADT (Atlantic, Arabia).
struct NamedZone {
  const char* name;
  int minutes;
};
constexpr NamedZone kZones[] = {
    {"UTC", 0},      {"GMT", 0},      {"UT", 0},       {"Z", 0},        {"WET", 0},       {"WEST", 60},
    {"BST", 60},     {"CET", 60},     {"CEST", 120},   {"MET", 60},     {"MEST", 120},    {"EET", 120},
    {"EEST", 180},   {"MSK", 180},    {"SAST", 120},   {"CAT", 120},    {"EAT", 180},     {"WAT", 60},
    {"PKT", 300},    {"WIB", 420},    {"WITA", 480},   {"WIT", 540},    {"HKT", 480},     {"JST", 540},
    {"KST", 540},    {"AWST", 480},   {"ACST", 570},   {"ACDT", 630},   {"AEST", 600},    {"AEDT", 660},
    {"NZST", 720},   {"NZDT", 780},   {"EST", -300},   {"EDT", -240},   {"MST", -420},    {"MDT", -360},
    {"PST", -480},   {"PDT", -420},   {"AKST", -540},  {"AKDT", -480},  {"HST", -600},    {"HDT", -540},
    {"NST", -210},   {"NDT", -150},   {"SST", -660},   {"ChST", 600},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `count` digits at `at` as a number; false when they are not all there.
bool digits(std::string_view text, size_t at, size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// "+02", "-0330", "+05:30": minutes east of UTC.
std::optional<int> numeric_offset(std::string_view zone) {
  if (zone.size() < 3 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  int hours = 0, minutes = 0;
  if (!digits(zone, 1, 2, hours)) return std::nullopt;
  std::string_view rest = zone.substr(3);
  if (!rest.empty() && rest[0] == ':') rest = rest.substr(1);
  if (!rest.empty() && !(rest.size() == 2 && digits(rest, 0, 2, minutes))) return std::nullopt;
  if (hours > 15 || minutes > 59) return std::nullopt;
  const int total = hours * 60 + minutes;
  return zone[0] == '-' ? -total : total;
}

// Reads "YYYY-MM-DD[( |T)HH:MM[:SS[.fff]]][zone]" from `text`; the time is required unless
// `date_alone` allows a date by itself.
std::optional<LogTime> parse_clock(std::string_view text, bool date_alone) {
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  size_t at = 10;
  double fraction = 0;
  if (at == text.size()) {
    if (!date_alone) return std::nullopt;
  } else {
    if ((text[at] != ' ' && text[at] != 'T') || !digits(text, at + 1, 2, hour) || text.size() < at + 6 ||
        text[at + 3] != ':' || !digits(text, at + 4, 2, minute))
      return std::nullopt;
    at += 6;
    if (at < text.size() && text[at] == ':') {
      if (!digits(text, at + 1, 2, second)) return std::nullopt;
      at += 3;
      if (at < text.size() && text[at] == '.') {
        double scale = 0.1;
        size_t end = at + 1;
        for (; end < text.size() && is_digit(text[end]); ++end, scale /= 10) fraction += (text[end] - '0') * scale;
        if (end == at + 1) return std::nullopt;
        at = end;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  }
  LogTime time;
  time.wall_seconds =
      static_cast<double>(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                          hour * 3600 + minute * 60 + second) + fraction;
  std::string_view zone = text.substr(at);
  if (zone.empty()) return time;
  if (zone[0] == ' ') zone = zone.substr(1);
  if (zone.empty() || zone.find(' ') != std::string_view::npos) return std::nullopt;
  time.zone = std::string(zone);
  const std::optional<int> offset = zone_offset_seconds(zone);
  time.zone_state = offset ? ZoneState::Known : ZoneState::Unresolved;
  time.offset_seconds = offset.value_or(0);
  return time;
}

}  // namespace

std::optional<double> LogTime::instant() const {
  if (zone_state != ZoneState::Known) return std::nullopt;
  return wall_seconds - offset_seconds;
}

std::optional<int> zone_offset_seconds(std::string_view zone) {
  if (auto minutes = numeric_offset(zone)) return *minutes * 60;
  for (const NamedZone& named : kZones)
    if (zone == named.name) return named.minutes * 60;
  return std::nullopt;
}

std::optional<LogTime> parse_log_time(std::string_view text) {
  if (auto time = parse_clock(text, false)) {
    // A zone must be a word of letters, digits and signs: "12:00:01 UTC", "+02", "Z".
    for (char c : time->zone)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == ':')) return std::nullopt;
    return time;
  }
  // %n: seconds since the epoch, with milliseconds: an instant.
  size_t i = 0;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i < 9 || i > 11) return std::nullopt;
  size_t end = i;
  if (end < text.size() && text[end] == '.') {
    ++end;
    while (end < text.size() && is_digit(text[end])) ++end;
  }
  if (end != text.size()) return std::nullopt;
  LogTime time;
  time.wall_seconds = std::strtod(std::string(text).c_str(), nullptr);
  time.zone_state = ZoneState::Known;
  return time;
}

std::optional<LogTime> parse_time_option(std::string_view text) {
  auto time = parse_clock(text, true);
  if (time && time->zone_state == ZoneState::Unresolved) return std::nullopt;
  return time;
}

}  // namespace pgadvisor
