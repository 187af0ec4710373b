// Template origins: counted per (route, controller, application) from a statement's tags and
// application_name, merged across templates, bounded, and read back from their JSON.
#include <catch2/catch.hpp>

#include "plans/workload/template_origins.hpp"

using namespace pgadvisor;

namespace {

Statement tagged(const std::map<std::string, std::string>& tags, const std::string& application = "") {
  Statement statement;
  statement.sql = "SELECT 1";
  statement.tags = tags;
  statement.application = application;
  return statement;
}

}  // namespace

TEST_CASE("origins count calls per route, controller and application", "[origins]") {
  TemplateOrigins origins;
  record_origin(origins, tagged({{"route", "posts/"}, {"controller", "post_list"}}, "web"), 1, 2.0);
  record_origin(origins, tagged({{"route", "posts/"}, {"controller", "post_list"}}, "web"), 1, 3.0);
  record_origin(origins, tagged({{"controller", "posts"}, {"action", "index"}, {"application", "Blog"}}, "rails"), 1, 1.0);
  record_origin(origins, tagged({}, "worker"), 2, 5.0);
  record_origin(origins, tagged({}), 1, 9.0);  // names nothing: not counted
  REQUIRE(origins.size() == 3);
  CHECK(origins[0].name() == "posts/");
  CHECK(origins[0].calls == 2);
  CHECK(origins[0].total_ms == 5.0);
  CHECK(origins[1].controller == "posts#index");
  CHECK(origins[1].application == "Blog");  // the tag before application_name
  CHECK(origins[1].name() == "posts#index");
  CHECK(origins[2].name() == "worker");
}

TEST_CASE("origins merge across templates, most calls first, and survive JSON", "[origins]") {
  TemplateOrigins a, b;
  record_origin(a, tagged({{"route", "x/"}}), 1, 1.0);
  record_origin(b, tagged({{"route", "y/"}}), 3, 1.0);
  record_origin(b, tagged({{"route", "x/"}}), 1, 1.0);
  TemplateOrigins merged = merge_origins({&a, &b});
  REQUIRE(merged.size() == 2);
  CHECK(merged[0].route == "y/");
  CHECK(merged[1].calls == 2);
  nlohmann::json json = origins_to_json(merged);
  CHECK(json[0]["controller"].is_null());
  TemplateOrigins back = origins_from_json(json);
  REQUIRE(back.size() == 2);
  CHECK(back[1].route == "x/");
  CHECK(back[1].calls == 2);
}

TEST_CASE("a finding's templates give the origins they share, else all", "[origins]") {
  TemplateOrigins parent, child, untraced;
  record_origin(parent, tagged({{"controller", "post_comments"}}), 1, 1.0);
  record_origin(parent, tagged({{"controller", "post_list"}}), 5, 1.0);
  record_origin(child, tagged({{"controller", "post_comments"}}), 10, 1.0);
  record_origin(child, tagged({{"controller", "comment_feed"}}), 2, 1.0);
  TemplateOrigins shared = common_origins({&parent, &child, &untraced});  // a part without origins does not count
  REQUIRE(shared.size() == 1);
  CHECK(shared[0].controller == "post_comments");
  CHECK(shared[0].calls == 11);
  TemplateOrigins other;
  record_origin(other, tagged({{"controller", "elsewhere"}}), 1, 1.0);
  CHECK(common_origins({&parent, &other}).size() == 3);
}

TEST_CASE("beyond kMaxOrigins distinct origins the rest count under (other)", "[origins]") {
  TemplateOrigins origins;
  for (size_t i = 0; i < kMaxOrigins + 10; ++i) record_origin(origins, tagged({{"route", std::to_string(i)}}), 1, 1.0);
  CHECK(origins.size() == kMaxOrigins + 1);
  CHECK(origins.back().route == "(other)");
  CHECK(origins.back().calls == 10);
}
