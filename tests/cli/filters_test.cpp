// The filters on a real shared server's log (fixtures/logs/shared, captured by its script): two
// databases, two users, two applications, two phases, and a pgadvisor session, as stderr, csvlog
// and jsonlog. Each filter, repeated values, the time window on the log's clock and as an
// instant, bad values, a Django log that has no user, and the counts of what was skipped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor::testing;
using nlohmann::json;

namespace {

const std::string kEarlyShop = "SELECT name, price FROM product WHERE id = $1";   // alice, shop, storefront; 2 early, 1 late
const std::string kOrdersOfProduct = "SELECT count(*) FROM orders WHERE product_id = $1";  // bob, shop, reporting
const std::string kPageTitle = "SELECT title FROM page WHERE id = $1";                 // alice, wiki, reporting
const std::string kPageBody = "SELECT body FROM page WHERE title = $1";                // bob, wiki, storefront
const std::string kProductByName = "SELECT id FROM product WHERE name = $1";           // late: alice, shop, storefront
const std::string kPageCount = "SELECT count(*) FROM page";                            // late: bob, wiki, storefront
const std::string kQuantities = "SELECT sum(quantity) FROM orders";                    // late: bob, shop, reporting

std::string shared(const std::string& file) { return shell_quote(fixture_path("logs/shared/" + file)); }

// The time between the two phases: on the log's clock, and as a UTC instant.
std::vector<std::string> between() {
  std::istringstream lines(read_text_file(fixture_path("logs/shared/between.txt")));
  std::vector<std::string> out;
  for (std::string line; std::getline(lines, line);) out.push_back(line);
  REQUIRE(out.size() == 2);
  return out;
}

json templates(const std::string& arguments) {
  CommandResult result = run_pgadvisor("templates --format json " + arguments);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out);
}

// normalized_sql -> calls
std::map<std::string, long long> calls(const json& report) {
  std::map<std::string, long long> out;
  for (const auto& tmpl : report["templates"]) out[tmpl["normalized_sql"]] = tmpl["calls"];
  return out;
}

std::vector<std::string> messages(const json& report) {
  std::vector<std::string> out;
  for (const auto& diagnostic : report["diagnostics"])
    out.push_back(diagnostic["source"].get<std::string>() + ": " + diagnostic["message"].get<std::string>());
  return out;
}

bool has(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the shared log without filters: pgadvisor's own statements are skipped and counted", "[cli][filters]") {
  json all = templates("--log " + shared("shared.log"));
  CHECK(calls(all) == std::map<std::string, long long>{{kEarlyShop, 3}, {kOrdersOfProduct, 1}, {kPageTitle, 1},
                                                        {kPageBody, 1}, {kProductByName, 1}, {kPageCount, 1},
                                                        {kQuantities, 1}});
  CHECK(has(messages(all), "filters: "));
  CHECK(has(messages(all), "statements of pgadvisor's own skipped (application_name pgadvisor"));

  // Asked for, they are all there is.
  json own = templates("--log " + shared("shared.log") + " --application pgadvisor");
  REQUIRE_FALSE(own["templates"].empty());
  for (const auto& tmpl : own["templates"]) CHECK(calls(all).count(tmpl["normalized_sql"]) == 0);
}

TEST_CASE("database, user and application filters keep any of their values, and all options", "[cli][filters]") {
  const std::string log = "--log " + shared("shared.log");
  json shop = templates(log + " --database shop");
  CHECK(calls(shop) == std::map<std::string, long long>{{kEarlyShop, 3}, {kOrdersOfProduct, 1}, {kProductByName, 1},
                                                         {kQuantities, 1}});
  CHECK(has(messages(shop), "filters: 3 statements skipped by --database shop"));

  CHECK(calls(templates(log + " --database shop --database wiki")).size() == 7);

  json alice = templates(log + " --user alice");
  CHECK(calls(alice) == std::map<std::string, long long>{{kEarlyShop, 3}, {kPageTitle, 1}, {kProductByName, 1}});

  json reporting = templates(log + " --application reporting");
  CHECK(calls(reporting) == std::map<std::string, long long>{{kOrdersOfProduct, 1}, {kPageTitle, 1}, {kQuantities, 1}});
  CHECK(has(messages(reporting), "filters: 6 statements skipped by --application reporting"));

  json bob_on_wiki = templates(log + " --database wiki --user bob --application storefront --application reporting");
  CHECK(calls(bob_on_wiki) == std::map<std::string, long long>{{kPageBody, 1}, {kPageCount, 1}});
  CHECK(has(messages(bob_on_wiki), "filters: 6 statements skipped by --database wiki"));
  CHECK(has(messages(bob_on_wiki), "filters: 1 statements skipped by --user bob"));

  CHECK(templates(log + " --user carol")["templates"].empty());
}

TEST_CASE("the time window on the log's clock and as instants", "[cli][filters]") {
  const std::string log = "--log " + shared("shared.log");
  const std::vector<std::string> at = between();
  const std::map<std::string, long long> late{{kEarlyShop, 1}, {kProductByName, 1}, {kPageCount, 1}, {kQuantities, 1}};
  const std::map<std::string, long long> early{{kEarlyShop, 2}, {kOrdersOfProduct, 1}, {kPageTitle, 1}, {kPageBody, 1}};

  json since_clock = templates(log + " --since " + shell_quote(at[0]));  // Paris time, as the log shows it
  CHECK(calls(since_clock) == late);
  CHECK(has(messages(since_clock), "filters: 5 statements skipped by --since " + at[0]));
  CHECK(calls(templates(log + " --since " + shell_quote(at[1]))) == late);  // the same instant in UTC
  CHECK(calls(templates(log + " --until " + shell_quote(at[0]))) == early);
  CHECK(calls(templates(log + " --until " + shell_quote(at[1]))) == early);

  // Read as UTC wall-clock time, the Paris clock time is an hour later: nothing is after it.
  json shifted = templates(log + " --since " + shell_quote(at[0] + "+00:00"));
  CHECK(shifted["templates"].empty());

  // the whole day of the capture, by dates alone
  const std::string day = at[0].substr(0, 10);
  CHECK(calls(templates(log + " --since " + day)).size() == 7);
  CHECK(templates(log + " --until " + day)["templates"].empty());

  json both = templates(log + " --since " + shell_quote(at[0]) + " --user bob --database shop");
  CHECK(calls(both) == std::map<std::string, long long>{{kQuantities, 1}});
}

TEST_CASE("csvlog and jsonlog of the shared server filter alike", "[cli][filters]") {
  const std::string filters = " --user alice --since " + shell_quote(between()[1]);
  auto stderr_calls = calls(templates("--log " + shared("shared.log") + filters));
  CHECK(stderr_calls == std::map<std::string, long long>{{kEarlyShop, 1}, {kProductByName, 1}});
  CHECK(calls(templates("--log " + shared("shared.csv") + filters)) == stderr_calls);
  CHECK(calls(templates("--log " + shared("shared.json") + filters)) == stderr_calls);
}

TEST_CASE("a Django log has no user: the filter cannot apply, said once", "[cli][filters]") {
  const std::string django = fixture_path("blog/logs/django.log");
  json report = templates("--log " + shell_quote(django) + " --user alice");
  CHECK(report["templates"].empty());
  const std::vector<std::string> lines = messages(report);
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
          return line.find("--user: the Django log has no user; the filter cannot apply: its ") != std::string::npos;
        }) == 1);
  // with the server log beside it, the server log is filtered, the Django log still cannot be
  json mixed = templates("--log " + shell_quote(django) + " --log " + shared("shared.log") + " --user alice");
  CHECK(calls(mixed).size() == 3);
}

TEST_CASE("bad filter values are refused with one line naming the option", "[cli][filters]") {
  const std::string log = "templates --log " + shared("shared.log");
  for (const auto& [arguments, message] : std::vector<std::pair<std::string, std::string>>{
           {" --since 2024-13-01", "--since: 2024-13-01: not a time"},
           {" --until '2024-06-30 12:00 CST'", "--until: 2024-06-30 12:00 CST: not a time"},
           {" --database ''", "--database: an empty name"},
           {" --since 2024-07-01 --until 2024-06-30", "--until 2024-06-30 is not after --since 2024-07-01"}}) {
    CommandResult result = run_pgadvisor(log + arguments);
    INFO(arguments << "\n" << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(message) != std::string::npos);
  }
}

TEST_CASE("the text report of templates shows what the filters skipped", "[cli][filters]") {
  CommandResult result = run_pgadvisor("templates --log " + shared("shared.log") + " --database wiki");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("3 statement(s), 3 template(s)") == 0);
  CHECK(result.out.find("\nFiltered: 6 statements skipped by --database wiki\n") != std::string::npos);
  CHECK(result.out.find("filters:0: 6 statements skipped by --database wiki") != std::string::npos);  // and a diagnostic
}

TEST_CASE("an audit of the shared log reports what the filters skipped", "[cli][filters][pg]") {
  const std::string dsn = scratch_database("filters_shop", read_text_file(fixture_path("logs/shared/shop.sql")));
  const std::string audit = "audit -q --db " + shell_quote(dsn) + " --log " + shared("shared.log") + " --database shop";
  CommandResult text = run_pgadvisor(audit);
  INFO(text.err);
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("\nFiltered: 3 statements skipped by --database shop\n") != std::string::npos);
  CHECK(text.out.find("statements of pgadvisor's own skipped (application_name pgadvisor or a /* pgadvisor */ "
                      "comment)\n") != std::string::npos);

  CommandResult json_run = run_pgadvisor(audit + " --format json");
  INFO(json_run.err);
  REQUIRE(json_run.exit_code == 0);
  json report = json::parse(json_run.out);
  CHECK(report["statements"] == 6);
  std::vector<std::string> texts;
  for (const auto& tmpl : report["templates"]) texts.push_back(tmpl["normalized_sql"]);
  std::sort(texts.begin(), texts.end());
  CHECK(texts == std::vector<std::string>{kOrdersOfProduct, kProductByName, kEarlyShop, kQuantities});
  CHECK(has(messages(report), "filters: 3 statements skipped by --database shop"));

  // the Markdown and HTML reports say it under their heading too
  TempDir dir("filters-formats");
  CommandResult formats = run_pgadvisor(audit + " -o markdown:" + shell_quote(dir.file("audit.md")) + " -o html:" +
                                        shell_quote(dir.file("audit.html")));
  REQUIRE(formats.exit_code == 0);
  CHECK(read_text_file(dir.file("audit.md")).find("> Filtered: 3 statements skipped by --database shop\n") != std::string::npos);
  CHECK(read_text_file(dir.file("audit.html")).find("<p class=\"note\">Filtered: 3 statements skipped by --database shop</p>") !=
        std::string::npos);
}
