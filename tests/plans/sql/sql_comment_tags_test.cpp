// The comment tags of sqlcommenter and marginalia: read from the comment that closes or opens a
// statement only, URL-decoded, and cut off the statement's text; anything else gives no tags.
#include <catch2/catch.hpp>

#include "plans/sql/pg_query_api.hpp"
#include "plans/sql/sql_comment_tags.hpp"

using namespace pgadvisor;

TEST_CASE("sqlcommenter's closing comment gives URL-decoded tags and is cut off", "[comment-tags]") {
  std::string sql =
      "SELECT * FROM blog_post WHERE id = 4 /*controller='post_detail',framework='django%3A3.2.25',"
      "route='posts/%3Cint%3Apost_id%3E/'*/";
  SqlTags tags = take_comment_tags(sql);
  CHECK(tags == SqlTags{{"controller", "post_detail"}, {"framework", "django:3.2.25"}, {"route", "posts/<int:post_id>/"}});
  CHECK(sql == "SELECT * FROM blog_post WHERE id = 4");
}

TEST_CASE("sqlcommenter's doubled %% (a statement sent without parameters) decodes the same", "[comment-tags]") {
  std::string sql = "SELECT 1 /*controller='post_list',route='posts/%%3Cint%%3Apk%%3E/'*/;";
  SqlTags tags = take_comment_tags(sql);
  CHECK(tags.at("route") == "posts/<int:pk>/");
  CHECK(sql == "SELECT 1");
}

TEST_CASE("marginalia's opening comment gives key:value tags", "[comment-tags]") {
  std::string sql = "/*application:Blog,controller:posts,action:index*/ SELECT * FROM posts";
  SqlTags tags = take_comment_tags(sql);
  CHECK(tags == SqlTags{{"action", "index"}, {"application", "Blog"}, {"controller", "posts"}});
  CHECK(sql == "SELECT * FROM posts");
}

TEST_CASE("a quoted value keeps its escaped quote and commas", "[comment-tags]") {
  CHECK(parse_comment_tags("a='x\\'y',b='1%2C2'") == SqlTags{{"a", "x'y"}, {"b", "1,2"}});
  CHECK(parse_comment_tags(" traceparent='00-5bd66ef5095369c7b0d1f8f4bd33716a-c532cb4098ac3dd2-01' ")
            .at("traceparent") == "00-5bd66ef5095369c7b0d1f8f4bd33716a-c532cb4098ac3dd2-01");
}

TEST_CASE("a comment inside a string literal or a dollar quote is not taken", "[comment-tags]") {
  for (std::string sql : {std::string("SELECT '/*route=''x''*/'"), std::string("SELECT $$ /*route='x'*/$$"),
                          std::string("SELECT '/* a */ x /*route=''x''*/'"),
                          std::string("SELECT $tag$ */ $tag$ /* no tags here */")}) {
    const std::string before = sql;
    CHECK(take_comment_tags(sql).empty());
    CHECK(sql == before);
  }
  std::string literal_then_tags = "SELECT '/*route=''inside''*/' /*route='outside'*/";
  CHECK(take_comment_tags(literal_then_tags).at("route") == "outside");
  CHECK(literal_then_tags == "SELECT '/*route=''inside''*/'");
}

TEST_CASE("a comment in the middle of a statement is not taken", "[comment-tags]") {
  std::string sql = "SELECT 1 /*route='x'*/ + 2";
  CHECK(take_comment_tags(sql).empty());
  CHECK(sql == "SELECT 1 /*route='x'*/ + 2");
}

TEST_CASE("a malformed or plain comment gives no tags, and the statement keeps it", "[comment-tags]") {
  for (std::string sql : {std::string("SELECT 1 /* just a note */"), std::string("SELECT 1 /*route='x*/"),
                          std::string("SELECT 1 /*route='x',*/"), std::string("SELECT 1 /*='x'*/"),
                          std::string("SELECT 1 /*route='x' controller='y'*/"), std::string("SELECT 1 /**/"),
                          std::string("SELECT 1 /*a:b,c*/"), std::string("/*route='x'*/"),
                          std::string("SELECT 1 /*a='b' /* nested */ c='d'*/"), std::string("SELECT 'unterminated /*a='b'*/"),
                          std::string("SELECT 1 /*route='%ZZ%'*/ /*"), std::string("*/")}) {
    const std::string before = sql;
    CHECK(take_comment_tags(sql).empty());
    CHECK(sql == before);
  }
  CHECK(parse_comment_tags("route='100%'").at("route") == "100%");  // a % that starts no escape stays
}

TEST_CASE("statements differing only in their tags share a fingerprint once the tags are taken", "[comment-tags]") {
  std::string a = "SELECT * FROM blog_post WHERE id = 1 /*controller='a',route='a/'*/";
  std::string b = "SELECT * FROM blog_post WHERE id = 2 /*controller='b',route='b/'*/";
  CHECK(fingerprint_sql(a) == fingerprint_sql(b));  // libpg_query's fingerprint ignores comments
  take_comment_tags(a);
  take_comment_tags(b);
  CHECK(normalize_sql(a) == normalize_sql(b));  // and the normalized text holds no comment
  CHECK(normalize_sql(a) == "SELECT * FROM blog_post WHERE id = $1");
}
