// JSON text that no content can make fail: nlohmann's dump throws on a string that is not valid
// UTF-8 (a Latin-1 client, a truncated multibyte value in a log); here each such byte is written
// as the visible escape \xNN (backslash, x, two hex digits) and the rest of the string kept, so a
// run that measured something always writes it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pgadvisor {

// `text` with every byte that is not part of a valid UTF-8 sequence written as \xNN.
std::string visible_utf8(const std::string& text);

// `text` with every byte that is not part of a valid UTF-8 sequence replaced by `stand_in`.
std::string invalid_utf8_as(const std::string& text, char stand_in);

// Parses JSON text whose strings may hold bytes that are not UTF-8 (EXPLAIN's output or a parse
// tree of a statement sent in Latin-1): each such byte is read as the visible escape \xNN.
// Throws nlohmann::json::parse_error on text that is not JSON for another reason.
nlohmann::json parse_json_visible(const std::string& text);

// value.dump(indent), every string (keys included) made valid UTF-8 first when needed.
std::string dump_json(const nlohmann::json& value, int indent = -1);

}  // namespace pgadvisor
