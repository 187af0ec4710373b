// ASCII case folding for identifiers, keywords and option names (not for user text: no locale,
// no Unicode). Header-only.
#pragma once

#include <cctype>
#include <string>

namespace pgadvisor {

inline std::string ascii_lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace pgadvisor
