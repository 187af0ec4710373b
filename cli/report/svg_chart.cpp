#include "cli/report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pgadvisor {

namespace {

constexpr double kCaptionHeight = 28;
constexpr double kBarHeight = 14;
constexpr double kStackedBarHeight = 20;
constexpr double kRowGap = 10;
constexpr double kLegendLineHeight = 18;
constexpr double kLabelCharWidth = 6.6;  // 11px monospace
constexpr double kLegendCharWidth = 6.2;  // 11px sans-serif

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t character_count(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

double row_height(const BarChart& chart, const ChartRow& row) {
  if (chart.layout == BarLayout::stacked) return kStackedBarHeight;
  return std::max(kStackedBarHeight, kBarHeight * static_cast<double>(std::max<size_t>(row.bars.size(), 1)));
}

double row_extent(const BarChart& chart, const ChartRow& row) {
  double extent = 0;
  for (const auto& bar : row.bars) {
    double value = std::max(bar.value, 0.0);
    extent = chart.layout == BarLayout::stacked ? extent + value : std::max(extent, value);
  }
  return extent;
}

std::string text_element(double x, double y, const std::string& css_class, const std::string& text,
                         const std::string& anchor = "start") {
  return fmt::format("<text class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}</text>", css_class, x, y,
                     anchor, escape_markup(text));
}

// A <rect>; bars are class "bar …", legend swatches "swatch …" (so only bars count as bars).
std::string rect_element(double x, double y, double width, double height, const std::string& css_class,
                         const std::string& hover_text) {
  std::string out = fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">",
                                escape_markup(css_class), x, y, width, height);
  if (!hover_text.empty()) out += "<title>" + escape_markup(hover_text) + "</title>";
  return out + "</rect>";
}

std::string bar_element(double x, double y, double width, double height, const ChartBar& bar) {
  return rect_element(x, y, width, height, bar.css_class.empty() ? "bar" : "bar " + bar.css_class, bar.hover_text);
}

// Legend entries laid out left to right, wrapping; returns the markup and the height used.
std::pair<std::string, double> legend_elements(const BarChart& chart, double top) {
  std::string out;
  double x = 0, y = top;
  for (const auto& entry : chart.legend) {
    double entry_width = 22 + kLegendCharWidth * static_cast<double>(character_count(entry.label)) + 14;
    if (x > 0 && x + entry_width > chart.width) x = 0, y += kLegendLineHeight;
    out += rect_element(x, y + 2, 12, 12, "swatch " + entry.css_class, "");
    out += text_element(x + 18, y + 12, "chart-legend", entry.label);
    x += entry_width;
  }
  return {out, chart.legend.empty() ? 0 : y - top + kLegendLineHeight + 4};
}

}  // namespace

std::string escape_markup(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string shorten_text(const std::string& text, size_t max_chars) {
  if (character_count(text) <= max_chars) return text;
  if (max_chars == 0) return "";
  size_t kept = 0, end = 0;
  for (; end < text.size(); ++end) {
    if (is_continuation_byte(text[end])) continue;
    if (kept == max_chars - 1) break;
    ++kept;
  }
  return text.substr(0, end) + "\u2026";
}

std::string render_bar_chart(const BarChart& chart) {
  const double bar_left = chart.label_width;
  const double bar_room = std::max(40, chart.width - chart.label_width - chart.value_width);
  double scale_max = chart.limit.value_or(0);
  for (const auto& row : chart.rows) scale_max = std::max(scale_max, row_extent(chart, row));
  if (scale_max <= 0) scale_max = 1;
  auto x_of = [&](double value) { return bar_left + bar_room * std::max(value, 0.0) / scale_max; };

  std::string body = text_element(0, 16, "chart-caption", chart.title);
  double y = kCaptionHeight + (chart.limit ? 14 : 0);
  const double rows_top = y;
  if (chart.rows.empty()) {
    body += text_element(0, y + 14, "chart-empty", "nothing to show");
    y += kStackedBarHeight + kRowGap;
  }
  const size_t label_chars = static_cast<size_t>(std::max(4.0, (chart.label_width - 10) / kLabelCharWidth));
  for (const auto& row : chart.rows) {
    const double height = row_height(chart, row);
    std::string label = "<text class=\"chart-label\" x=\"0\" y=\"" + fmt::format("{:.1f}", y + height / 2 + 4) + "\">";
    if (!row.hover_text.empty()) label += "<title>" + escape_markup(row.hover_text) + "</title>";
    body += label + escape_markup(shorten_text(row.label, label_chars)) + "</text>";
    double stacked_x = bar_left;
    for (size_t i = 0; i < row.bars.size(); ++i) {
      const ChartBar& bar = row.bars[i];
      double width = x_of(bar.value) - bar_left;
      if (bar.value > 0) width = std::max(width, 1.0);
      if (chart.layout == BarLayout::stacked) {
        body += bar_element(stacked_x, y, width, height, bar);
        stacked_x += width;
      } else {
        body += bar_element(bar_left, y + kBarHeight * static_cast<double>(i) + 1, width, kBarHeight - 2, bar);
      }
    }
    double value_x = std::max(x_of(row_extent(chart, row)), stacked_x) + 6;
    body += text_element(value_x, y + height / 2 + 4, "chart-value", row.value_text);
    y += height + kRowGap;
  }
  if (chart.limit) {
    double x = x_of(*chart.limit);
    body += fmt::format("<line class=\"chart-limit\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>", x,
                        rows_top - 4, y - kRowGap + 4);
    body += text_element(x, rows_top - 6, "chart-limit-label", chart.limit_label, x > chart.width - 120 ? "end" : "middle");
  }
  auto [legend, legend_height] = legend_elements(chart, y);
  body += legend;
  y += legend_height;

  std::string css_class = chart.css_class.empty() ? "chart" : "chart " + chart.css_class;
  return fmt::format(
      "<svg class=\"{}\" viewBox=\"0 0 {} {:.0f}\" width=\"100%\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\" "
      "font-family=\"sans-serif\" font-size=\"11\"><title>{}</title>{}</svg>",
      escape_markup(css_class), chart.width, y, escape_markup(chart.title), body);
}

}  // namespace pgadvisor
