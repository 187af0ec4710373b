#include "plans/workload/replayed_workload.hpp"

#include <charconv>

namespace pgadvisor {

std::optional<double> ReplayedTemplate::replayed_to_logged() const {
  const ReplayResult* result = primary();
  if (result == nullptr) return std::nullopt;
  std::optional<double> replayed = result->median_ms();
  double logged = tmpl.mean_ms();
  if (!replayed || logged <= 0) return std::nullopt;
  return *replayed / logged;
}

std::vector<Statement> choose_samples(const QueryTemplate& tmpl, const SampleChoice& choice) {
  switch (choice.mode) {
    case SampleMode::Slowest:
      return {tmpl.sample};
    case SampleMode::First:
      return {tmpl.first_calls.empty() ? tmpl.sample : tmpl.first_calls.front()};
    case SampleMode::FirstK: {
      size_t k = static_cast<size_t>(std::max(choice.k, 1));
      if (tmpl.first_calls.empty()) return {tmpl.sample};
      return {tmpl.first_calls.begin(), tmpl.first_calls.begin() + static_cast<long>(std::min(k, tmpl.first_calls.size()))};
    }
    case SampleMode::All:
      return tmpl.first_calls.empty() ? std::vector<Statement>{tmpl.sample} : tmpl.first_calls;
  }
  return {tmpl.sample};
}

std::string sample_choice_name(const SampleChoice& choice) {
  switch (choice.mode) {
    case SampleMode::Slowest: return "slowest";
    case SampleMode::First: return "first";
    case SampleMode::FirstK: return "k=" + std::to_string(choice.k);
    case SampleMode::All: return "all";
  }
  return "slowest";
}

std::optional<SampleChoice> parse_sample_choice(const std::string& text) {
  if (text == "slowest") return SampleChoice{SampleMode::Slowest, 1};
  if (text == "first" || text == "one") return SampleChoice{SampleMode::First, 1};
  if (text == "all") return SampleChoice{SampleMode::All, 1};
  std::string digits = text.rfind("k=", 0) == 0 ? text.substr(2) : text;
  int k = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), k);
  if (error != std::errc() || end != digits.data() + digits.size() || k < 1) return std::nullopt;
  return SampleChoice{SampleMode::FirstK, k};
}

}  // namespace pgadvisor
