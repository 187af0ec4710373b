#include "plans/log/django_args.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace pgadvisor {
namespace {

constexpr std::string_view kArgs = "; args=";
constexpr std::string_view kAlias = "; alias=";

// What reading a stretch of a repr does, from a given state: the bracket depth it ends at and the
// lowest it reaches (both relative to its start), and the quote it ends inside (0 for none).
struct ReprStretch {
  long depth = 0;
  long lowest = 0;
  char quote = 0;
};

// The quote states a stretch can start in: outside any string, inside '...', inside "...".
constexpr std::array<char, 3> kQuoteStates{0, '\'', '"'};

std::size_t state_index(char quote) { return quote == 0 ? 0 : quote == '\'' ? 1 : 2; }

ReprStretch read_stretch(std::string_view text, std::size_t from, std::size_t to, char quote) {
  ReprStretch out;
  out.quote = quote;
  for (std::size_t i = from; i < to; ++i) {
    const char c = text[i];
    if (out.quote != 0) {
      if (c == '\\') ++i;
      else if (c == out.quote) out.quote = 0;
    } else if (c == '\'' || c == '"') {
      out.quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++out.depth;
    } else if (c == ')' || c == ']' || c == '}') {
      out.lowest = std::min(out.lowest, --out.depth);
    }
  }
  return out;
}

// `first` followed by `then` (which starts in the quote state `first` ends in).
ReprStretch followed_by(const ReprStretch& first, const ReprStretch& then) {
  return {first.depth + then.depth, std::min(first.lowest, first.depth + then.lowest), then.quote};
}

// For each of `starts` (ascending, all at most `end`): whether text[start, end) is one whole repr.
// Right to left, each stretch between two starts is read once per quote state and joined to what
// the rest does from the state it ends in. A backslash never skips a start: the character before
// one is the '=' of "args=".
std::vector<bool> whole_reprs(std::string_view text, const std::vector<std::size_t>& starts,
                              std::size_t end) {
  std::vector<bool> whole(starts.size(), false);
  std::array<ReprStretch, 3> rest{};  // from the next start to `end`, by starting quote state
  for (std::size_t i = starts.size(); i-- > 0;) {
    const std::size_t to = i + 1 < starts.size() ? starts[i + 1] : end;
    std::array<ReprStretch, 3> here{};
    for (char quote : kQuoteStates) {
      const ReprStretch stretch = read_stretch(text, starts[i], to, quote);
      here[state_index(quote)] =
          i + 1 < starts.size() ? followed_by(stretch, rest[state_index(stretch.quote)]) : stretch;
    }
    const ReprStretch& outside = here[0];
    whole[i] = starts[i] < end && outside.depth == 0 && outside.lowest >= 0 && outside.quote == 0;
    rest = here;
  }
  return whole;
}

}  // namespace

std::string_view without_django_alias(std::string_view args) {
  const std::size_t alias = args.rfind(kAlias);
  if (alias != std::string_view::npos &&
      args.find_first_of("'\"()[]{} ", alias + kAlias.size()) == std::string_view::npos) {
    args.remove_suffix(args.size() - alias);
  }
  return args;
}

std::size_t find_django_args(const std::string& line) {
  std::vector<std::size_t> occurrences;
  for (std::size_t at = line.find(kArgs); at != std::string::npos; at = line.find(kArgs, at + 1)) {
    occurrences.push_back(at);
  }
  if (occurrences.empty()) return std::string::npos;
  // The args of an occurrence run to the line's end, or to the "; alias=<name>" ending the line
  // when that comes after the occurrence's "args=".
  const std::size_t kept = without_django_alias(line).size();
  const std::size_t alias = kept == line.size() ? std::string::npos : kept;
  std::vector<std::size_t> before_alias, after_alias;  // starts of the args
  for (std::size_t at : occurrences) {
    const std::size_t start = at + kArgs.size();
    (alias != std::string::npos && start <= alias ? before_alias : after_alias).push_back(start);
  }
  const std::vector<bool> whole_before = whole_reprs(line, before_alias, alias);
  const std::vector<bool> whole_after = whole_reprs(line, after_alias, line.size());
  for (std::size_t i = 0; i < before_alias.size(); ++i) {
    if (whole_before[i]) return before_alias[i] - kArgs.size();
  }
  for (std::size_t i = 0; i < after_alias.size(); ++i) {
    if (whole_after[i]) return after_alias[i] - kArgs.size();
  }
  return occurrences.back();
}

}  // namespace pgadvisor
