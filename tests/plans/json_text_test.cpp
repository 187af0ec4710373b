// One bad byte never loses a run: strings that are not valid UTF-8 are written with each bad
// byte as a visible \xNN, in the JSON of every writer; valid text, multibyte included, is kept.
#include <catch2/catch.hpp>

#include <fstream>

#include "plans/json_text.hpp"
#include "tests/support/test_database.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;
using nlohmann::json;

TEST_CASE("bytes that are not UTF-8 become visible escapes, valid text stays", "[output]") {
  CHECK(visible_utf8("caf\xC3\xA9 \xE2\x82\xAC") == "caf\xC3\xA9 \xE2\x82\xAC");
  CHECK(visible_utf8("WHERE name = 'caf\xE9'") == "WHERE name = 'caf\\xE9'");    // Latin-1
  CHECK(visible_utf8("cut \xE2\x82") == "cut \\xE2\\x82");                      // truncated
  CHECK(visible_utf8("\xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80") ==                // overlong, surrogate, too high
        "\\xC0\\xAF \\xED\\xA0\\x80 \\xF4\\x90\\x80\\x80");
  json value = {{"sql", "SELECT '\xFF'"}, {"params", {"ok", "\xFE"}}, {"k\xFF", 1}};
  CHECK_THROWS(value.dump());
  json back = json::parse(dump_json(value, 2));
  CHECK(back["sql"] == "SELECT '\\xFF'");
  CHECK(back["params"][1] == "\\xFE");
  CHECK(back["k\\xFF"] == 1);
  CHECK(dump_json(json{{"a", "b"}}) == R"({"a":"b"})");
}

TEST_CASE("a log with a byte that is not UTF-8 is still reported whole", "[output][cli]") {
  ScratchDirectory scratch;
  const std::string log = scratch.path + "/latin1.sql";
  std::ofstream(log) << "SELECT id FROM users_user WHERE email = 'ren\xE9@example.com';\n"
                        "SELECT id FROM blog_post WHERE id = 1;\n";
  CommandResult templates = run_pgadvisor("templates --log " + log + " --format json");
  INFO(templates.err);
  REQUIRE(templates.exit_code == 0);
  const std::string text = json::parse(templates.out).dump();
  CHECK(text.find("ren\\\\xE9@example.com") != std::string::npos);
}
