#include "plans/text_format.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace pgadvisor {
namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The length in bytes of the escape sequence or UTF-8 character at `at`, and whether it takes a column.
size_t unit_at(const std::string& text, size_t at, bool& visible) {
  visible = true;
  if (text[at] == '\x1b' && at + 1 < text.size() && text[at + 1] == '[') {
    visible = false;
    size_t end = at + 2;
    while (end < text.size() && !(text[end] >= 0x40 && text[end] <= 0x7E)) ++end;
    return std::min(end + 1, text.size()) - at;
  }
  size_t end = at + 1;
  while (end < text.size() && continuation_byte(text[end])) ++end;
  return end - at;
}

// The bytes of `text` that take at most `columns` columns (escape sequences ride along).
size_t prefix_bytes(const std::string& text, size_t columns) {
  size_t at = 0, used = 0;
  while (at < text.size()) {
    bool visible = false;
    size_t length = unit_at(text, at, visible);
    if (visible && used == columns) break;
    used += visible ? 1 : 0;
    at += length;
  }
  return at;
}

size_t positive_number(const char* text) {
  if (!text || !*text) return 0;
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  return *end == '\0' && value > 0 ? static_cast<size_t>(value) : 0;
}

}  // namespace

std::string one_line(const std::string& sql, size_t width) {
  std::string flat;
  bool space = false;
  for (char c : sql) {
    bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank && !flat.empty()) space = true;
    if (blank) continue;
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  if (flat.size() <= width) return flat;
  size_t cut = width > 3 ? width - 3 : 0;
  while (cut > 0 && continuation_byte(flat[cut])) --cut;  // never half a UTF-8 character
  return flat.substr(0, cut) + "...";
}

std::string human_bytes(long long bytes) {  // decimal units, as --budget reads them
  const double b = static_cast<double>(bytes);
  if (bytes >= 1000LL * 1000 * 1000) return fmt::format("{:.2f} GB", b / 1e9);
  if (bytes >= 1000LL * 1000) return fmt::format("{:.1f} MB", b / 1e6);
  if (bytes >= 1000) return fmt::format("{:.0f} kB", b / 1e3);
  return fmt::format("{} B", bytes);
}

std::string human_ms(double ms) {
  if (ms >= 3600000.0) return fmt::format("{:.1f} h", ms / 3600000.0);
  if (ms >= 60000.0) return fmt::format("{:.1f} min", ms / 60000.0);
  if (ms >= 1000.0) return fmt::format("{:.1f} s", ms / 1000.0);
  if (ms >= 10.0) return fmt::format("{:.1f} ms", ms);
  return fmt::format("{:.2f} ms", ms);
}

TextStyle terminal_text_style(const std::string& color_option, bool to_terminal) {
  if (color_option != "auto" && color_option != "always" && color_option != "never")
    throw std::invalid_argument("--color: auto, always or never, not " + color_option);
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool colour_allowed = !(no_color && *no_color) && !(term && std::string(term) == "dumb");
  TextStyle style;
  style.colour = color_option == "always" || (color_option == "auto" && to_terminal && colour_allowed);
  struct winsize size {};
  size_t columns = 0;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) columns = size.ws_col;
  if (columns == 0) columns = positive_number(std::getenv("COLUMNS"));
  style.width = std::max<size_t>(columns ? columns : 100, 40);
  style.fit = to_terminal;
  return style;
}

std::string paint(const TextStyle& style, const char* code, const std::string& text) {
  if (!style.colour || !code || text.empty()) return text;
  return std::string("\x1b[") + code + "m" + text + "\x1b[0m";
}

size_t display_width(const std::string& text) {
  size_t columns = 0;
  for (size_t at = 0; at < text.size();) {
    bool visible = false;
    at += unit_at(text, at, visible);
    columns += visible ? 1 : 0;
  }
  return columns;
}

std::string cut_to_width(const std::string& text, size_t width) {
  if (display_width(text) <= width) return text;
  if (width <= 3) return text.substr(0, prefix_bytes(text, width));
  std::string cut = text.substr(0, prefix_bytes(text, width - 3));
  bool coloured = cut.find('\x1b') != std::string::npos;
  return cut + "..." + (coloured ? "\x1b[0m" : "");
}

size_t room(const TextStyle& style, size_t used, size_t fallback) {
  if (!style.fit) return fallback;
  return std::max<size_t>(style.width > used ? style.width - used : 0, 12);
}

std::string fit_field(const TextStyle& style, const std::string& text, size_t used, size_t fallback) {
  if (!style.fit) return one_line(text, fallback);
  return cut_to_width(one_line(text, std::string::npos), room(style, used, fallback));
}

std::string wrap_line(const TextStyle& style, const std::string& indent, const std::string& text, size_t hang,
                      const char* code) {
  if (!style.fit) return indent + paint(style, code, text) + "\n";
  std::vector<std::string> lines(1);
  size_t first_room = room(style, display_width(indent), 0), rest_room = room(style, hang, 0);
  auto room_now = [&] { return lines.size() == 1 ? first_room : rest_room; };
  for (size_t start = 0; start <= text.size();) {
    size_t end = std::min(text.find(' ', start), text.size());
    std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    std::string& line = lines.back();
    if (!line.empty() && display_width(line) + 1 + display_width(word) <= room_now()) {
      line += " " + word;
      continue;
    }
    if (!line.empty()) lines.emplace_back();
    while (display_width(word) > room_now()) {  // split a word longer than a line
      size_t bytes = prefix_bytes(word, room_now());
      lines.back() = word.substr(0, bytes);
      word.erase(0, bytes);
      lines.emplace_back();
    }
    lines.back() = word;
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i)
    out += (i == 0 ? indent : std::string(hang, ' ')) + paint(style, code, lines[i]) + "\n";
  return out;
}

std::string fit_lines(const TextStyle& style, const std::string& text) {
  if (!style.fit) return text;
  std::string out;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    bool newline = end != std::string::npos;
    if (!newline) end = text.size();
    out += cut_to_width(text.substr(start, end - start), style.width);
    if (newline) out += "\n";
    start = end + 1;
  }
  return out;
}

std::string comment_lines(const std::string& prefix, const std::string& text, size_t width) {
  std::string flat = one_line(text, std::string::npos);
  std::string out, line;
  size_t start = 0;
  while (start < flat.size()) {
    size_t end = flat.find(' ', start);
    if (end == std::string::npos) end = flat.size();
    std::string word = flat.substr(start, end - start);
    if (!line.empty() && prefix.size() + line.size() + 1 + word.size() > width) {
      out += prefix + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty() || out.empty()) out += prefix + line + "\n";
  return out;
}

}  // namespace pgadvisor
