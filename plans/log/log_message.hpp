// LogMessage: one message of a PostgreSQL server log, whatever the log_destination (stderr,
// csvlog, jsonlog), and the StatementAssembler that turns a session's messages into Statements:
//   "duration: X ms  statement: SQL"               a statement with its duration;
//   "duration: X ms  execute <name>: SQL"          with the bind parameters of its DETAIL;
//   "statement: SQL" ... later "duration: X ms"    (log_statement + log_duration): the bare
//                                                  duration is attached, never counted twice;
//   "statement: EXECUTE name(args)"                with its "DETAIL:  prepare: PREPARE ... AS q"
//                                                  becomes q with the args as bind parameters
//                                                  (kept as logged, with a Diagnostic, when an
//                                                  argument is not a constant);
//   parse, bind, "execute fetch from" are not statements;
//   auto_explain's "duration: X ms  plan: ..."     the plan is kept (Statement::logged_plan) on the
//                                                  session's statement with the same text, logged
//                                                  before or after it; a plan no statement claims
//                                                  becomes a statement of its own (logs with only
//                                                  auto_explain on). A plan that cannot be read
//                                                  gives a Diagnostic.
// A parameter value cut short by log_parameter_max_length ('1234...') marks the Statement
// truncated and gives a Diagnostic; parameters that cannot be read give a Diagnostic instead of
// the statement. Nothing here throws on bad input.
//
// A statement is handed over as soon as it is complete; one that still waits for its DETAIL (an
// execute, when the DETAIL is a message of its own as in stderr logs) or for its bare duration
// ends at its session's next statement, error or disconnection, or at finish() (those left then
// go in the order they started).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

struct LogMessage {
  std::string session;    // backend pid (stderr) or session_id (csvlog, jsonlog)
  std::string timestamp;  // as logged
  std::string user;
  std::string database;
  std::string application;  // empty when the log does not carry it
  std::string severity;     // LOG, ERROR, DETAIL, STATEMENT, ...
  std::string message;      // the text after "SEVERITY:  ", continuation lines joined by "\n"
  // csvlog and jsonlog carry the DETAIL in the message's own record (empty when none); stderr
  // logs it as a message of its own, severity DETAIL, and leave this nullopt.
  std::optional<std::string> detail;
  int line = 0;  // where the message starts in the log
};

enum class MessageKind {
  Other,      // connections, checkpoints, parse, bind, fetch, ...
  Statement,  // "statement: SQL"
  Execute,    // "execute <name>: SQL"
  Duration,   // "duration: X ms" alone: the end of a statement logged before
  Plan,       // auto_explain's "duration: X ms  plan:"
};

struct ClassifiedMessage {
  MessageKind kind = MessageKind::Other;
  double duration_ms = -1;  // negative when the message has none
  std::string sql;          // Statement and Execute; the plan text for Plan
};

// Classifies the text of a LOG message.
ClassifiedMessage classify_log_message(std::string_view text);

class StatementAssembler {
 public:
  // `source` names the log in statements and diagnostics; both must outlive the assembler.
  StatementAssembler(const std::string& source, const LogSink& sink);

  void add(LogMessage&& message);

  // Hands over the statements still waiting, in the order they started.
  void finish();

 private:
  struct Pending {
    Statement statement;
    bool awaits_detail = false;
    bool awaits_duration = false;
    std::optional<std::string> parameters;
    int parameters_line = 0;
    std::optional<std::string> prepare;  // the PREPARE an SQL-level EXECUTE runs
    int prepare_line = 0;
  };

  void start(LogMessage& message, ClassifiedMessage&& classified);
  void take_plan(LogMessage& message);
  void take_origin(Statement& statement, LogMessage& message) const;
  void release_plan(const std::string& session, const std::string& claiming_sql, Statement* claimant);
  void take_detail(Pending& pending, const std::string& detail, int line);
  void resolve_execute(Pending& pending);
  void flush(std::string session);  // a copy: the key may live in the entry it erases
  void diagnose(int line, std::string message, std::string statement = {});

  const std::string& source_;
  const LogSink& sink_;
  std::map<std::string, Pending> pending_;  // by session: at most one statement each
  std::map<std::string, Statement> plans_;   // by session: an auto_explain plan not yet claimed
};

}  // namespace pgadvisor
