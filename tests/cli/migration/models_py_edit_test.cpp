// The models.py editor of `--migration django -o PROJECT_DIR`: the index goes into an existing
// plain Meta, a new Meta, or an existing indexes list (empty, one line, several lines), with the
// file's indentation and the imports it needs; a second run adds nothing; a Meta with bases, a
// computed indexes, a model with other bases and no Meta, a class that is not at the top level and
// an unterminated string leave the file alone with a reason and a snippet to add by hand.
#include <catch2/catch.hpp>

#include "cli/migration/models_py_edit.hpp"
#include "cli/migration/python_source.hpp"

using namespace pgadvisor;

namespace {

DjangoModelIndex post_index(const std::string& name = "blog_post_created_at_idx") {
  return {"post", name,
          "models.Index(\n    fields=[\"-created_at\"],\n    name=\"" + name +
              "\",\n    condition=models.Q(published=True),\n)",
          {"from django.db import models"}};
}

const char* const kHead = "from django.db import models\n\n\n";

std::string added(const std::string& indent, const std::string& name = "blog_post_created_at_idx") {
  return indent + "models.Index(\n" + indent + "    fields=[\"-created_at\"],\n" + indent + "    name=\"" + name +
         "\",\n" + indent + "    condition=models.Q(published=True),\n" + indent + "),\n";
}

ModelsEdit edit(const std::string& source, std::vector<DjangoModelIndex> indexes = {post_index()}) {
  return add_model_indexes(source, indexes);
}

void check_unsafe(const std::string& source, const std::string& reason) {
  ModelsEdit result = edit(source);
  INFO(source);
  CHECK(result.outcome == ModelsEditOutcome::Unsafe);
  CHECK(result.reason.find(reason) != std::string::npos);
  CHECK(result.text.empty());
}

}  // namespace

TEST_CASE("models.py: a model without Meta gets one before its first method", "[migration][models_py]") {
  std::string source = std::string(kHead) +
                       "class Post(models.Model):\n    title = models.CharField(max_length=200)  # a comment\n"
                       "    body = models.TextField(\n        blank=True,\n    )\n\n    def __str__(self):\n"
                       "        return self.title\n\n\nclass Comment(models.Model):\n    text = models.TextField()\n";
  ModelsEdit result = edit(source);
  REQUIRE(result.outcome == ModelsEditOutcome::Edited);
  CHECK(result.class_name == "Post");
  CHECK(result.added == 1);
  CHECK(result.text == std::string(kHead) +
                           "class Post(models.Model):\n    title = models.CharField(max_length=200)  # a comment\n"
                           "    body = models.TextField(\n        blank=True,\n    )\n\n    class Meta:\n"
                           "        indexes = [\n" + added("            ") + "        ]\n\n    def __str__(self):\n"
                           "        return self.title\n\n\nclass Comment(models.Model):\n    text = models.TextField()\n");
  ModelsEdit again = edit(result.text);  // idempotent
  CHECK(again.outcome == ModelsEditOutcome::AlreadyThere);
}

TEST_CASE("models.py: the last model of a file, two-space indents, a docstring mentioning class Meta",
          "[migration][models_py]") {
  std::string source = std::string(kHead) +
                       "class Post(models.Model):\n  \"\"\"A post.\n\nclass Meta: in a docstring\n\"\"\"\n"
                       "  title = models.CharField(max_length=200)\n";
  ModelsEdit result = edit(source);
  REQUIRE(result.outcome == ModelsEditOutcome::Edited);
  CHECK(result.text == source + "\n  class Meta:\n    indexes = [\n" + added("      ") + "    ]\n");
}

TEST_CASE("models.py: a plain Meta gets indexes, or the index appended to its list", "[migration][models_py]") {
  std::string model = std::string(kHead) + "class Post(models.Model):\n    title = models.CharField(max_length=200)\n\n";
  std::string tail = "\n    def __str__(self):\n        return self.title\n";
  SECTION("no indexes yet") {
    ModelsEdit result = edit(model + "    class Meta:\n        ordering = [\"-id\"]\n" + tail);
    REQUIRE(result.outcome == ModelsEditOutcome::Edited);
    CHECK(result.text == model + "    class Meta:\n        ordering = [\"-id\"]\n        indexes = [\n" +
                             added("            ") + "        ]\n" + tail);
  }
  SECTION("an empty list") {
    ModelsEdit result = edit(model + "    class Meta:\n        indexes = []\n" + tail);
    REQUIRE(result.outcome == ModelsEditOutcome::Edited);
    CHECK(result.text == model + "    class Meta:\n        indexes = [\n" + added("            ") + "        ]\n" + tail);
  }
  SECTION("a list of several lines, the last element without its comma") {
    std::string old = "            models.Index(fields=[\"title\"], name=\"post_title_idx\")  # by title\n";
    ModelsEdit result = edit(model + "    class Meta:\n        indexes = [\n" + old + "        ]\n" + tail);
    REQUIRE(result.outcome == ModelsEditOutcome::Edited);
    CHECK(result.text == model + "    class Meta:\n        indexes = [\n" +
                             "            models.Index(fields=[\"title\"], name=\"post_title_idx\"),  # by title\n" +
                             added("            ") + "        ]\n" + tail);
  }
  SECTION("a list on one line") {
    ModelsEdit result =
        edit(model + "    class Meta:\n        indexes = [models.Index(fields=[\"title\"], name=\"t_idx\")]\n" + tail);
    REQUIRE(result.outcome == ModelsEditOutcome::Edited);
    CHECK(result.text == model + "    class Meta:\n        indexes = [models.Index(fields=[\"title\"], name=\"t_idx\"),\n" +
                             added("            ") + "        ]\n" + tail);
  }
}

TEST_CASE("models.py: the imports the index needs are added after the last import", "[migration][models_py]") {
  DjangoModelIndex lower = {"user", "users_user_email_idx", "models.Index(\n    Lower(\"email\"),\n    name=\"users_user_email_idx\",\n)",
                            {"from django.db import models", "from django.db.models.functions import Lower"}};
  std::string source = "from django.db.models import Model, CharField\n\n\nclass User(Model):\n    email = CharField(max_length=9)\n";
  ModelsEdit result = edit(source, {lower});
  REQUIRE(result.outcome == ModelsEditOutcome::Edited);
  CHECK(result.text.rfind("from django.db.models import Model, CharField\nfrom django.db import models\n"
                          "from django.db.models.functions import Lower\n\n\nclass User(Model):\n", 0) == 0);
  std::string present = "from django.db import (\n    models,\n)\nfrom django.db.models.functions import Lower, Upper\n\n" +
                        source.substr(source.find("class"));
  ModelsEdit kept = edit(present, {lower});
  REQUIRE(kept.outcome == ModelsEditOutcome::Edited);
  CHECK(kept.text.rfind("from django.db import (\n    models,\n)\nfrom django.db.models.functions import Lower, Upper\n\nclass", 0) ==
        0);
}

TEST_CASE("models.py: several indexes at once, one already there", "[migration][models_py]") {
  std::string source = std::string(kHead) + "class Post(models.Model):\n    title = models.CharField(max_length=200)\n";
  ModelsEdit first = edit(source, {post_index("a_idx")});
  REQUIRE(first.outcome == ModelsEditOutcome::Edited);
  ModelsEdit second = edit(first.text, {post_index("a_idx"), post_index("b_idx")});
  REQUIRE(second.outcome == ModelsEditOutcome::Edited);
  CHECK(second.added == 1);
  CHECK(second.text == source + "\n    class Meta:\n        indexes = [\n" + added("            ", "a_idx") +
                           added("            ", "b_idx") + "        ]\n");
}

TEST_CASE("models.py: what is not plain is left alone, with a reason and a snippet", "[migration][models_py]") {
  std::string head = kHead;
  check_unsafe(head + "class Post(TimeStamped):\n    title = models.CharField(max_length=200)\n", "no Meta of its own");
  check_unsafe(head + "class Post(models.Model):\n    class Meta(TimeStamped.Meta):\n        ordering = [\"id\"]\n",
               "its Meta has bases");
  check_unsafe(head + "class Post(models.Model):\n    class Meta:\n        indexes = TimeStamped.Meta.indexes + [\n"
                      "            models.Index(fields=[\"id\"], name=\"x\"),\n        ]\n",
               "not a list literal");
  check_unsafe(head + "class Post(models.Model):\n    class Meta:\n        indexes = [models.Index(fields=[f], name=f) for f in F]\n",
               "list comprehension");
  check_unsafe(head + "class Post(models.Model):\n    class Meta:\n        indexes = [] + EXTRA\n", "computed");
  check_unsafe(head + "class Post(models.Model):\n    class Meta:\n        indexes = []\n        indexes += EXTRA\n",
               "more than once");
  check_unsafe(head + "class Post(models.Model):\n    class Meta:\n        if DEBUG:\n            indexes = []\n",
               "inside another statement");
  check_unsafe(head + "if True:\n    class Post(models.Model):\n        title = models.TextField()\n", "no top-level class");
  check_unsafe(head + "class Post(models.Model):\n    title = models.TextField(help_text=\"open\n", "not closed");
  check_unsafe(head + "class Post(models.Model): pass\n", "body on its header line");

  std::string snippet = model_indexes_snippet({post_index()});
  CHECK(snippet == "from django.db import models\n\n    class Meta:\n        indexes = [\n" + added("            ") +
                       "        ]\n");
}

TEST_CASE("python source: logical lines skip strings, comments and continuations", "[migration][models_py]") {
  PythonSource source = read_python("x = [1,\n  2]  # ]\ns = '''a\n[b'''\nt = \"#\" \\\n  + 'c'\n\n# only a comment\ny = 1\n");
  REQUIRE(source.problem.empty());
  REQUIRE(source.logical.size() == 4);
  CHECK(source.logical[0].last == 1);
  CHECK(source.logical[1].first == 2);
  CHECK(source.logical[1].last == 3);
  CHECK(source.logical[2].last == 5);
  CHECK(source.logical[3].code == "y = 1");
  CHECK(source.masked[1] == "  2]     ");
  CHECK(source.masked[4] == "t = \"_\" \\");
  CHECK(read_python("x = (1,\n").problem == "it ends inside a string or a bracket");
  CHECK(leading_word("class Meta:") == "class");
  CHECK(leading_word("@dec") == "");
}
