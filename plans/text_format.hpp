// Small text helpers shared by the terminal reports: a statement folded onto one line and cut
// to a width, a byte count and a duration for humans, and the terminal's style: ANSI colour
// (off when NO_COLOR is set) and lines fitted to its width, cut or word-wrapped. Pure, but for
// terminal_text_style, which reads the environment and the terminal's size.
#pragma once

#include <string>

namespace pgadvisor {

std::string one_line(const std::string& sql, size_t width);
std::string human_bytes(long long bytes);
std::string human_ms(double ms);  // "0.42 ms", "12.3 ms", "4.1 s", "2.5 min", "1.2 h"

struct TextStyle {
  bool colour = false;  // ANSI colour and bold
  size_t width = 100;   // the terminal's columns
  bool fit = false;     // every line at most `width` columns; off: the file layout, lines as long as they come
};

// For the text report: `color_option` is auto, always or never; `to_terminal` is whether the
// report goes to a terminal (stdout is one and there is no -o). Colour: always, or auto on a
// terminal whose TERM is not "dumb" and with no NO_COLOR (a non-empty value, per no-color.org;
// --color always overrides it, as that page asks). Width: the terminal's (TIOCGWINSZ on
// stdout), else COLUMNS, else 100, at least 40; fitted only on a terminal.
TextStyle terminal_text_style(const std::string& color_option, bool to_terminal);

// SGR codes for paint().
namespace sgr {
inline constexpr const char* bold = "1";
inline constexpr const char* dim = "2";
inline constexpr const char* red = "31";
inline constexpr const char* green = "32";
inline constexpr const char* yellow = "33";
inline constexpr const char* bold_red = "1;31";
}  // namespace sgr

// `text` in the SGR code's colour when style.colour, else `text` itself.
std::string paint(const TextStyle& style, const char* code, const std::string& text);

// Columns `text` takes: UTF-8 code points, ANSI escape sequences not counted.
size_t display_width(const std::string& text);
// The first `width` columns of `text`, ending in "..." when cut; never cuts a UTF-8 character
// or an escape sequence (and resets the colour after a cut inside one).
std::string cut_to_width(const std::string& text, size_t width);

// Room for a cut field: `fallback` characters in the file layout, else what is left of the
// width after `used` columns (at least 12).
size_t room(const TextStyle& style, size_t used, size_t fallback);
// `text` folded onto one line and cut to room(style, used, fallback).
std::string fit_field(const TextStyle& style, const std::string& text, size_t used, size_t fallback);

// `indent` + `text` + "\n"; when fitting, word-wrapped to the width with the continuation lines
// indented by `hang` spaces (a word too long for a line is split). `code` paints the text.
std::string wrap_line(const TextStyle& style, const std::string& indent, const std::string& text, size_t hang,
                      const char* code = nullptr);

// When fitting, every line of `text` cut to the width; else `text` as is.
std::string fit_lines(const TextStyle& style, const std::string& text);

// `text` folded onto one line and word-wrapped into lines of at most `width` characters, each
// starting with `prefix` ("-- ", "#   "); a word longer than the width stays whole.
std::string comment_lines(const std::string& prefix, const std::string& text, size_t width = 100);

}  // namespace pgadvisor
