// The terminal report's style: NO_COLOR and --color, no escape codes when colour is off, every
// line within the width when fitted, colour codes where they belong when on; and a saved JSON
// report renders the same text. Pure: a hand-built Advice rendered through its JSON report
// (advice_to_json, then report_to_text), no database.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "advisor/advice_json.hpp"
#include "cli/report/report_text.hpp"
#include "plans/json_text.hpp"
#include "plans/text_format.hpp"

using namespace pgadvisor;

namespace {

// Sets an environment variable (or unsets it: nullopt) for a scope, then puts it back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value->c_str(), 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string long_sql() {
  std::string sql = "SELECT ";
  for (int i = 0; i < 12; ++i) sql += "\"shop_order\".\"column_" + std::to_string(i) + "\", ";
  return sql + "\"shop_order\".\"id\" FROM \"shop_order\" WHERE \"shop_order\".\"status\" = $1 ORDER BY 1 LIMIT 20";
}

Advice sample_advice() {
  Advice advice;
  advice.logs = {"app.log"};
  advice.database = "dbname=shop host=/var/run/postgresql/a/rather/long/socket/directory/for/the/header";
  advice.server_version = 160002;
  advice.statements = 42;
  TemplateAdvice entry;
  entry.tmpl.fingerprint = "aaaa";
  entry.tmpl.normalized_sql = long_sql();
  entry.tmpl.calls = 7;
  entry.tmpl.total_ms = 350.5;
  entry.replay.status = ReplayStatus::Failed;
  entry.replay.reason = "canceling statement due to statement timeout after a very long wait on a lock held elsewhere";
  entry.replay.lower_bound_ms = 30000;  // timed out, and no plan after it
  advice.templates.push_back(entry);

  IndexProposal proposal;
  proposal.candidate.definition.table = "shop_order";
  proposal.candidate.definition.columns = {{"status", false}, {"created_at_with_a_long_column_name", true}};
  proposal.candidate.definition.include = {"customer_id", "total_amount", "shipping_address_id"};
  proposal.size_bytes = 3 << 20;
  proposal.saved_ms = 300;
  TemplateEffect effect;
  effect.fingerprint = "aaaa";
  effect.calls = 7;
  effect.cost_before = 10000;
  effect.cost_after = 12;
  effect.plan_before = "Limit ← Sort ← Seq Scan on shop_order (rows 20, 99980 removed) ← and a great deal more plan text";
  effect.plan_after = "Limit ← Index Scan using <13565>btree_shop_order_status_created_at on shop_order and more";
  effect.saved_ms = 300;
  proposal.templates = {effect};
  advice.indexes.push_back(proposal);
  IndexCandidate served;
  served.definition.table = "shop_order";
  served.definition.columns = {{"customer_id", false}};
  advice.already_served.push_back({served, "shop_order_customer_id_idx"});

  std::string summary = "Seq Scan on shop_order read 100000 rows and its filter discarded 99999 of them (100.0%), "
                        "keeping 1; see the proposed indexes.";
  std::string fix = "-- drop the SELECT COUNT(*): the rows the second query returns are the count, and this fix is long";
  advice.findings = {{FindingKind::FilterDiscards, Severity::High, {"aaaa"}, summary, {}, fix, "Order.objects.filter(status=s)", 45},
                     {FindingKind::CountThenFetch, Severity::Medium, {"aaaa"}, summary, {}, "", "", 0},
                     {FindingKind::DuplicateQueries, Severity::Low, {"aaaa"}, summary, {}, "", "", 0}};
  DropSuggestion drop;
  drop.index.name = "shop_order_status_old";
  drop.ddl = "DROP INDEX CONCURRENTLY IF EXISTS shop_order_status_old;";
  drop.reason = "shop_order_status_old (status) on shop_order is a leading prefix of another index which serves the "
                "same lookups; dropping it frees 648 kB.";
  advice.drops.push_back(drop);
  advice.diagnostics.push_back({"app.log", 3, "explained only: update: explained without ANALYZE (--analyze-writes "
                                              "measures it in a rolled-back transaction)", long_sql()});
  return advice;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string strip_escapes(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b') {
      out += text[i];
      continue;
    }
    while (i < text.size() && text[i] != 'm') ++i;
  }
  return out;
}

std::string collapse_whitespace(const std::string& text) { return one_line(text, std::string::npos); }

// The text report of `advice`, rendered from its JSON report as the audit does.
std::string text_report(const Advice& advice, const TextStyle& style = {}) {
  return report_to_text(advice_to_json(advice), 15, style);
}

}  // namespace

TEST_CASE("NO_COLOR turns colour off unless --color always, never and pipes have none", "[advisor][text]") {
  ScopedEnv term("TERM", std::string("xterm-256color"));
  {
    ScopedEnv no_color("NO_COLOR", std::nullopt);
    CHECK(terminal_text_style("auto", true).colour);
    CHECK_FALSE(terminal_text_style("auto", false).colour);
    CHECK_FALSE(terminal_text_style("never", true).colour);
    CHECK(terminal_text_style("always", false).colour);
  }
  {
    ScopedEnv no_color("NO_COLOR", std::string("1"));
    CHECK_FALSE(terminal_text_style("auto", true).colour);
    CHECK_FALSE(terminal_text_style("never", true).colour);
    CHECK(terminal_text_style("always", true).colour);  // the per-run flag overrides, as no-color.org asks
  }
  {
    ScopedEnv no_color("NO_COLOR", std::nullopt);
    ScopedEnv dumb("TERM", std::string("dumb"));
    CHECK_FALSE(terminal_text_style("auto", true).colour);
  }
  CHECK_THROWS(terminal_text_style("sometimes", true));
}

TEST_CASE("only a terminal's report is fitted, COLUMNS gives the width when stdout has none", "[advisor][text]") {
  CHECK(terminal_text_style("auto", true).fit);
  CHECK_FALSE(terminal_text_style("auto", false).fit);
  if (isatty(STDOUT_FILENO)) return;  // the terminal's own width wins
  {
    ScopedEnv columns("COLUMNS", std::string("72"));
    CHECK(terminal_text_style("auto", true).width == 72);
  }
  {
    ScopedEnv columns("COLUMNS", std::string("12"));
    CHECK(terminal_text_style("auto", true).width == 40);
  }
  ScopedEnv columns("COLUMNS", std::nullopt);
  CHECK(terminal_text_style("auto", true).width == 100);
}

TEST_CASE("the default style is the plain file layout", "[advisor][text]") {
  Advice advice = sample_advice();
  std::string text = report_to_text(advice_to_json(advice));
  CHECK(text == text_report(advice, TextStyle{}));
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("  1. " + advice.indexes[0].candidate.ddl() + "\n") != std::string::npos);
  CHECK(text.find("  " + advice.drops[0].ddl + "  -- " + advice.drops[0].reason + "\n") != std::string::npos);
  CHECK(text.find("  [high] filter_discards (template #1): " + advice.findings[0].summary + "\n") != std::string::npos);
  // the SQL column: the select list folded (compact_sql), 100 wide
  CHECK(text.find("  SELECT \u2026 FROM shop_order WHERE status = $1 ORDER BY 1 LIMIT 20\n") != std::string::npos);
  CHECK(text.find("> " + human_ms(30000) + "  SELECT") != std::string::npos);  // the timeout, though no plan
  CHECK(text.find("  shop_order (customer_id) -- by shop_order_customer_id_idx\n") != std::string::npos);
  TextStyle wide_plain{false, 60, false};  // width matters only when fitting
  CHECK(text_report(advice, wide_plain) == text);
}

TEST_CASE("fitted, every line is within the width and nothing is lost from the DDL", "[advisor][text]") {
  Advice advice = sample_advice();
  for (size_t width : {40, 60, 80, 100, 132}) {
    CAPTURE(width);
    TextStyle style{false, width, true};
    std::string text = text_report(advice, style);
    CHECK(text.find('\x1b') == std::string::npos);
    for (const auto& line : lines_of(text)) {
      CAPTURE(line);
      CHECK(display_width(line) <= width);
    }
    if (width < 80) continue;  // below, an index name may be longer than a line
    std::string flat = collapse_whitespace(text);
    CHECK(flat.find("1. " + advice.indexes[0].candidate.ddl()) != std::string::npos);  // wrapped, never cut
    CHECK(flat.find(advice.drops[0].ddl) != std::string::npos);
    CHECK(flat.find(advice.findings[0].summary) != std::string::npos);
    CHECK(text.find("  SELECT \u2026 FROM shop_order WHERE") != std::string::npos);  // the SQL column, folded
  }
}

TEST_CASE("colour marks severities, titles and DDL, and changes nothing else", "[advisor][text]") {
  Advice advice = sample_advice();
  for (bool fit : {false, true}) {
    CAPTURE(fit);
    TextStyle plain{false, 80, fit}, colour{true, 80, fit};
    std::string text = text_report(advice, colour);
    CHECK(text.find("\x1b[1;31m[high]\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[33m[medium]\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[2m[low]\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[1mSlowest templates") != std::string::npos);
    CHECK(text.find("\x1b[1mFindings (3)\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[32mCREATE INDEX") != std::string::npos);
    CHECK(text.find("\x1b[32mDROP INDEX") != std::string::npos);
    CHECK(strip_escapes(text) == text_report(advice, plain));
    if (fit)
      for (const auto& line : lines_of(text)) CHECK(display_width(line) <= 80);
  }
}

TEST_CASE("a saved JSON report renders the text of the audit that wrote it", "[advisor][text]") {
  const nlohmann::json report = advice_to_json(sample_advice());
  const nlohmann::json saved = nlohmann::json::parse(dump_json(report, 2));  // what --format json writes
  for (size_t top : {0, 1, 15})
    for (const TextStyle& style : {TextStyle{}, TextStyle{true, 80, true}}) {
      CAPTURE(top, style.colour);
      CHECK(report_to_text(saved, top, style) == report_to_text(report, top, style));
    }
  // A report without a key reads it as empty: a hand-made or older report still renders.
  CHECK(report_to_text(nlohmann::json::object()).find("Slowest templates (of 0,") != std::string::npos);
}

TEST_CASE("width helpers count characters, not bytes or escape codes", "[advisor][text]") {
  CHECK(display_width("a ← b") == 5);
  CHECK(display_width("\x1b[1;31mhigh\x1b[0m") == 4);
  CHECK(cut_to_width("Limit ← Sort ← Seq Scan", 10) == "Limit ←...");
  CHECK(cut_to_width("short", 10) == "short");
  CHECK(cut_to_width("\x1b[32mCREATE INDEX x\x1b[0m", 9) == "\x1b[32mCREATE...\x1b[0m");
  std::string cut = one_line("ab←←←←", 6);  // 3 bytes left for text: never half an arrow
  CHECK(cut == "ab...");
  TextStyle style{false, 20, true};
  CHECK(wrap_line(style, "  ", "one two three four five six", 4) == "  one two three four\n    five six\n");
  CHECK(wrap_line(style, "", "abcdefghijklmnopqrstuvwxyz", 0) == "abcdefghijklmnopqrst\nuvwxyz\n");
  CHECK(wrap_line(TextStyle{}, "  ", "one two three four five six", 4) == "  one two three four five six\n");
  CHECK(fit_lines(style, "0123456789012345678901234\nshort\n") == "01234567890123456...\nshort\n");
}
