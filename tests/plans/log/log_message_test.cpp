// Tests of the message classification and the StatementAssembler shared by the stderr, csvlog and
// jsonlog readers, fed with messages directly: durations logged apart, executes and their
// DETAIL, errors and disconnections, auto_explain plans, parameters cut short or unreadable.
#include <catch2/catch.hpp>

#include <string>

#include "plans/log/log_message.hpp"
#include "tests/support/log_test_support.hpp"

using namespace pgadvisor;
using namespace pgadvisor::testing;

namespace {

LogMessage message(const std::string& session, const std::string& severity, const std::string& text,
                   int line, std::optional<std::string> detail = std::nullopt) {
  LogMessage out;
  out.session = session;
  out.timestamp = "2024-06-30 10:00:00." + std::to_string(line) + " UTC";
  out.severity = severity;
  out.message = text;
  out.detail = std::move(detail);
  out.line = line;
  return out;
}

}  // namespace

TEST_CASE("log message classification", "[log][message]") {
  ClassifiedMessage m = classify_log_message("duration: 0.25 ms  statement: SELECT 1");
  CHECK(m.kind == MessageKind::Statement);
  CHECK(m.duration_ms == 0.25);
  CHECK(m.sql == "SELECT 1");
  m = classify_log_message("duration: 3 ms  execute stmt_slow/stmt_slow: SELECT 2");
  CHECK(m.kind == MessageKind::Execute);
  CHECK(m.sql == "SELECT 2");
  m = classify_log_message("duration: 12.5 ms");
  CHECK(m.kind == MessageKind::Duration);
  CHECK(m.duration_ms == 12.5);
  m = classify_log_message("duration: 1.0 ms  plan:\nQuery Text: SELECT 1");
  CHECK(m.kind == MessageKind::Plan);
  CHECK(m.sql == "Query Text: SELECT 1");
  CHECK(classify_log_message("statement: SELECT 3").duration_ms < 0);
  CHECK(classify_log_message("duration: 1 ms  parse <unnamed>: SELECT 1").kind ==
        MessageKind::Other);
  CHECK(classify_log_message("duration: 1 ms  bind S_1: SELECT 1").kind == MessageKind::Other);
  CHECK(classify_log_message("execute fetch from C_1/P_2: SELECT 1").kind == MessageKind::Other);
  CHECK(classify_log_message("duration: x ms").kind == MessageKind::Other);
  CHECK(classify_log_message("connection received: host=[local]").kind == MessageKind::Other);
}

TEST_CASE("assembler: log_statement + log_duration, never counted twice", "[log][message]") {
  CollectedLog out;
  const LogSink sink = collecting_sink(out);
  const std::string source = "t.log";
  StatementAssembler assembler(source, sink);
  assembler.add(message("1", "LOG", "duration: 0.1 ms", 1));  // a parse before: nothing waits
  assembler.add(message("1", "LOG", "statement: SELECT 1", 2));
  assembler.add(message("2", "LOG", "statement: SELECT 2", 3));
  assembler.add(message("1", "LOG", "duration: 1.5 ms  plan:\n{}", 4));  // unreadable plan: a diagnostic
  assembler.add(message("1", "LOG", "duration: 1.5 ms", 5));
  REQUIRE(out.statements.size() == 1);
  CHECK(out.statements[0].sql == "SELECT 1");
  CHECK(out.statements[0].duration_ms == 1.5);
  CHECK(out.statements[0].line == 2);
  assembler.add(message("1", "LOG", "duration: 0.7 ms", 6));    // nothing waits in session 1
  assembler.add(message("2", "ERROR", "division by zero", 7));  // SELECT 2 failed: no duration
  REQUIRE(out.statements.size() == 2);
  CHECK(out.statements[1].sql == "SELECT 2");
  CHECK(out.statements[1].duration_ms < 0);
  // An execute under log_statement = 'all': its DETAIL, then the bare duration.
  assembler.add(message("3", "LOG", "execute S_1: SELECT $1", 8));
  assembler.add(message("3", "DETAIL", "parameters: $1 = '42'", 9));
  assembler.add(message("3", "LOG", "duration: 0.3 ms", 10));
  // An execute without parameters: no DETAIL comes, the bare duration ends the wait.
  assembler.add(message("3", "LOG", "execute S_2: SELECT 3", 11));
  assembler.add(message("3", "LOG", "duration: 0.4 ms", 12));
  REQUIRE(out.statements.size() == 4);
  CHECK(out.statements[2].params == std::vector<StatementParam>{"42"});
  CHECK(out.statements[2].duration_ms == 0.3);
  CHECK(out.statements[3].params.empty());
  CHECK(out.statements[3].duration_ms == 0.4);
  // Left waiting: a disconnection ends one, finish() the others in the order they started.
  assembler.add(message("5", "LOG", "statement: SELECT 5", 13));
  assembler.add(message("4", "LOG", "statement: SELECT 4", 14));
  assembler.add(message("6", "LOG", "statement: SELECT 6", 15));
  assembler.add(message("6", "LOG", "disconnection: session time: 0:00:01.000", 16));
  REQUIRE(out.statements.size() == 5);
  CHECK(out.statements[4].sql == "SELECT 6");
  assembler.finish();
  REQUIRE(out.statements.size() == 7);
  CHECK(out.statements[5].sql == "SELECT 5");
  CHECK(out.statements[6].sql == "SELECT 4");
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].line == 4);
  CHECK(out.diagnostics[0].message.rfind("auto_explain plan cannot be read", 0) == 0);
}

TEST_CASE("assembler: the DETAIL of the same record, parameters cut or unreadable",
          "[log][message]") {
  CollectedLog out;
  const LogSink sink = collecting_sink(out);
  const std::string source = "t.csv";
  StatementAssembler assembler(source, sink);
  assembler.add(message("1", "LOG", "duration: 1 ms  execute <unnamed>: SELECT $1", 1,
                        "parameters: $1 = 'abcd...'"));
  assembler.add(message("1", "LOG", "duration: 1 ms  execute <unnamed>: SELECT $1", 2,
                        "parameters: $1 = 'unterminated"));
  assembler.add(message("1", "LOG", "duration: 1 ms  statement: EXECUTE q(1)", 3,
                        "prepare: PREPARE q(int) AS SELECT $1"));
  assembler.add(message("1", "LOG", "duration: 1 ms  execute P_1: SELECT 1", 4, ""));
  assembler.finish();
  REQUIRE(out.statements.size() == 3);
  CHECK(out.statements[0].truncated);
  CHECK(out.statements[0].params == std::vector<StatementParam>{"abcd..."});
  CHECK(out.statements[1].sql == "SELECT $1");  // the prepared query, its argument a parameter
  CHECK(out.statements[1].params == std::vector<StatementParam>{"1"});
  CHECK_FALSE(out.statements[1].truncated);
  CHECK(out.statements[2].sql == "SELECT 1");
  REQUIRE(out.diagnostics.size() == 2);
  CHECK(out.diagnostics[0].line == 1);
  CHECK(out.diagnostics[0].message.find("cut short by log_parameter_max_length") !=
        std::string::npos);
  CHECK(out.diagnostics[1].line == 2);
  CHECK(out.diagnostics[1].message == "cannot read the bind parameters of this execute");
  CHECK(out.diagnostics[1].statement == "SELECT $1");
}
