#include "plans/json_text.hpp"

#include <fmt/format.h>

namespace pgadvisor {
namespace {

// Length of the valid UTF-8 sequence starting at `at`, or 0.
size_t sequence_length(const std::string& text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i)
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  if (length == 2 && lead < 0xC2) return 0;                                    // overlong
  if (length == 3 && lead == 0xE0 && byte(at + 1) < 0xA0) return 0;            // overlong
  if (length == 3 && lead == 0xED && byte(at + 1) >= 0xA0) return 0;           // a surrogate
  if (length == 4 && lead == 0xF0 && byte(at + 1) < 0x90) return 0;            // overlong
  if (length == 4 && (lead > 0xF4 || (lead == 0xF4 && byte(at + 1) >= 0x90))) return 0;  // past U+10FFFF
  return length;
}

nlohmann::json made_valid(const nlohmann::json& value) {
  if (value.is_string()) return visible_utf8(value.get_ref<const std::string&>());
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(made_valid(item));
    return out;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items()) out[visible_utf8(key)] = made_valid(item);
    return out;
  }
  return value;
}

}  // namespace

namespace {

// `text` with every invalid byte written as `escape` followed by x and two hex digits.
std::string escaped_invalid(const std::string& text, const char* escape) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t length = sequence_length(text, at);
    if (length == 0) {
      out += fmt::format("{}x{:02X}", escape, static_cast<unsigned char>(text[at]));
      ++at;
    } else {
      out.append(text, at, length);
      at += length;
    }
  }
  return out;
}

}  // namespace

std::string visible_utf8(const std::string& text) { return escaped_invalid(text, "\\"); }

std::string invalid_utf8_as(const std::string& text, char stand_in) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t length = sequence_length(text, at);
    if (length == 0) out += stand_in;
    else out.append(text, at, length);
    at += length ? length : 1;
  }
  return out;
}

nlohmann::json parse_json_visible(const std::string& text) {
  // Outside strings JSON is ASCII: an invalid byte is in a string, where \\ is a backslash.
  return nlohmann::json::parse(escaped_invalid(text, "\\\\"));
}

std::string dump_json(const nlohmann::json& value, int indent) {
  try {
    return value.dump(indent);
  } catch (const nlohmann::json::type_error& error) {
    if (error.id != 316) throw;  // only "invalid UTF-8 byte" is the content's fault
    return made_valid(value).dump(indent);
  }
}

}  // namespace pgadvisor
