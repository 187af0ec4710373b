// Horizontal bar charts as inline SVG text, for the HTML report: one row per labelled item,
// each row one bar, several bars side by side (grouped) or end to end (stacked), an optional
// limit line (a budget), a legend, and a <title> for the chart and for every bar (the hover
// text). No script, font or image is referenced; every text is escaped. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgadvisor {

// Text made safe inside HTML or SVG elements and attribute values.
std::string escape_markup(const std::string& text);

// At most `max_chars` characters (UTF-8 aware), ending in "…" when cut.
std::string shorten_text(const std::string& text, size_t max_chars);

struct ChartBar {
  double value = 0;        // non-negative; the axis starts at 0
  std::string css_class;   // added after "bar", e.g. "before"
  std::string hover_text;  // the bar's <title>
};

struct ChartRow {
  std::string label;       // left of the bars, shortened to fit
  std::string hover_text;  // the label's <title>, e.g. the full SQL
  std::string value_text;  // right of the bars
  std::vector<ChartBar> bars;
};

struct ChartLegendEntry {
  std::string css_class;  // the bar class it explains
  std::string label;
};

enum class BarLayout { grouped, stacked };

struct BarChart {
  std::string css_class;  // added after "chart", e.g. "chart-time"
  std::string title;      // the <title>, also shown as a caption above the bars
  BarLayout layout = BarLayout::grouped;
  std::vector<ChartRow> rows;
  std::vector<ChartLegendEntry> legend;
  std::optional<double> limit;  // a dashed vertical line at this value
  std::string limit_label;
  int width = 900;        // viewBox units; the SVG scales to its container
  int label_width = 320;  // room for the row labels
  int value_width = 170;  // room for the value texts
};

// The chart as one <svg> element; an empty chart draws a "nothing to show" line.
std::string render_bar_chart(const BarChart& chart);

}  // namespace pgadvisor
