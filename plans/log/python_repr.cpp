#include "plans/log/python_repr.hpp"

#include <cstdint>
#include <utility>

#include "plans/log/text_scan.hpp"

namespace pgadvisor {
namespace {

bool is_identifier_char(char c) {
  return is_digit(c) || c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

class ReprParser {
 public:
  explicit ReprParser(std::string_view text) : text_(text) {}

  std::optional<PythonValue> parse_all() {
    std::optional<PythonValue> value = parse_value();
    skip_spaces();
    if (!value || pos_ != text_.size()) return std::nullopt;
    return value;
  }

 private:
  std::optional<PythonValue> parse_value() {
    skip_spaces();
    if (pos_ >= text_.size()) return std::nullopt;
    const char c = text_[pos_];
    if (c == '(' || c == '[') return parse_sequence(c == '(' ? ')' : ']');
    if (c == '\'' || c == '"') {
      PythonValue value{PythonKind::Str, {}, {}};
      if (!parse_string(value.text)) return std::nullopt;
      return value;
    }
    if (c == '-' || is_digit(c)) return parse_number();
    if (is_identifier_char(c) || c == '{') return parse_word();
    return std::nullopt;
  }

  std::optional<PythonValue> parse_sequence(char close) {
    // Python cannot print deeper nesting (its recursion limit), and a deeper one must not
    // exhaust this parser's stack.
    constexpr int kMaxDepth = 1000;
    if (depth_ >= kMaxDepth) return std::nullopt;
    ++depth_;
    std::optional<PythonValue> value = parse_sequence_items(close);
    --depth_;
    return value;
  }

  std::optional<PythonValue> parse_sequence_items(char close) {
    PythonValue value{PythonKind::Sequence, {}, {}};
    ++pos_;
    for (;;) {
      skip_spaces();
      if (pos_ < text_.size() && text_[pos_] == close) break;
      std::optional<PythonValue> item = parse_value();
      if (!item) return std::nullopt;
      value.items.push_back(std::move(*item));
      skip_spaces();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
      } else if (pos_ >= text_.size() || text_[pos_] != close) {
        return std::nullopt;
      }
    }
    ++pos_;
    return value;
  }

  std::optional<PythonValue> parse_number() {
    const size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (text_.substr(pos_, 3) == "inf") {
      pos_ += 3;
      return PythonValue{PythonKind::Float, std::string(text_.substr(start, pos_ - start)), {}};
    }
    bool is_float = false;
    while (pos_ < text_.size() && (is_digit(text_[pos_]) || text_[pos_] == '.' ||
                                   text_[pos_] == 'e' || text_[pos_] == '+' ||
                                   (text_[pos_] == '-' && text_[pos_ - 1] == 'e'))) {
      is_float = is_float || !is_digit(text_[pos_]);
      ++pos_;
    }
    const std::string number(text_.substr(start, pos_ - start));
    if (number.empty() || number == "-" || !is_digit(number.back())) return std::nullopt;
    return PythonValue{is_float ? PythonKind::Float : PythonKind::Int, number, {}};
  }

  // None, True, False, inf, nan, Decimal('...'), and other well-formed names and calls (Other).
  std::optional<PythonValue> parse_word() {
    const size_t start = pos_;
    while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
    const std::string_view word = text_.substr(start, pos_ - start);
    const bool call = pos_ < text_.size() && (text_[pos_] == '(' || text_[pos_] == '\'' ||
                                              text_[pos_] == '"' || text_[pos_] == '{');
    if (!call) {
      if (word == "None") return PythonValue{PythonKind::None, {}, {}};
      if (word == "True" || word == "False") {
        return PythonValue{PythonKind::Bool, word == "True" ? "true" : "false", {}};
      }
      if (word.empty()) return std::nullopt;
      const bool number = word == "inf" || word == "nan";
      return PythonValue{number ? PythonKind::Float : PythonKind::Other, std::string(word), {}};
    }
    if (word == "Decimal" && text_[pos_] == '(') {
      const size_t open = pos_++;
      std::string digits;
      const bool quoted = pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"');
      if (quoted && parse_string(digits) && pos_ < text_.size() && text_[pos_] == ')') {
        ++pos_;
        return PythonValue{PythonKind::Decimal, digits, {}};
      }
      pos_ = open;
    }
    if (!skip_balanced()) return std::nullopt;
    return PythonValue{PythonKind::Other, std::string(text_.substr(start, pos_ - start)), {}};
  }

  // A bracketed group or a string literal after a name (b'..', f(...), {...}): skipped whole.
  bool skip_balanced() {
    int depth = 0;
    do {
      const char c = text_[pos_];
      if (c == '\'' || c == '"') {
        std::string ignored;
        if (!parse_string(ignored)) return false;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      ++pos_;
    } while (depth > 0 && pos_ < text_.size());
    return depth == 0;
  }

  bool parse_string(std::string& out) {
    const char quote = text_[pos_++];
    while (pos_ < text_.size() && text_[pos_] != quote) {
      const char c = text_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return false;
      const char e = text_[pos_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '0': out += '\0'; break;
        case 'x': case 'u': case 'U': {
          const size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          uint32_t code = 0;
          for (size_t i = 0; i < digits; ++i) {
            const int v = pos_ < text_.size() ? hex_value(text_[pos_++]) : -1;
            if (v < 0) return false;
            code = code * 16 + static_cast<uint32_t>(v);
          }
          if (code > 0x10FFFF) return false;
          append_utf8(out, code);
          break;
        }
        default: out += e;  // \\, \', \"
      }
    }
    if (pos_ >= text_.size()) return false;
    ++pos_;
    return true;
  }

  void skip_spaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;  // sequences open
};

}  // namespace

std::optional<PythonValue> parse_python_repr(std::string_view text) {
  return ReprParser(text).parse_all();
}

std::optional<StatementParam> python_value_as_param(const PythonValue& value) {
  switch (value.kind) {
    case PythonKind::None: return StatementParam();
    case PythonKind::Sequence:
    case PythonKind::Other: return std::nullopt;
    default: return StatementParam(value.text);
  }
}

}  // namespace pgadvisor
