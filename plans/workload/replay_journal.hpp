// The resume journal of a replay: a file next to the run's output (`<output>.journal`) that
// gets one JSON line per sample as soon as it is measured, written and flushed to disk
// (fdatasync) before the next, so a run killed at any moment (SIGKILL, an OOM kill, a reboot)
// keeps every sample it finished. The first line names what the run replays (its logs and
// replay settings); `--resume` reads the journal back, refuses one written for other logs or
// settings (FatalError(Usage)), ignores a last line cut short by the kill, and hands the
// samples it holds to the replay, which does not run them again. Without `--resume` the
// journal starts empty. It is opened without following a symlink.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plans/pg/replay.hpp"
#include "plans/workload/replayed_workload.hpp"

namespace pgadvisor {

class ReplayJournal {
 public:
  // `run` identifies the run (see journal_run_identity); throws FatalError on a file that
  // cannot be opened or, with `resume`, is not a journal of this run.
  ReplayJournal(std::string path, const nlohmann::json& run, bool resume);
  ~ReplayJournal();
  ReplayJournal(const ReplayJournal&) = delete;
  ReplayJournal& operator=(const ReplayJournal&) = delete;

  std::optional<ReplayResult> recall(const std::string& key, const Statement& statement);
  // Never throws (it runs on the replay's threads): a write that fails ends the journal, and
  // error() says why.
  void record(const std::string& key, const Statement& statement, const ReplayResult& result);
  const std::string& error() const { return error_; }

  size_t resumed() const { return resumed_; }  // samples --resume took from the journal
  const std::string& path() const { return path_; }
  void remove();  // the run's output is written whole: the journal is no longer needed

 private:
  std::string path_;
  int fd_ = -1;
  std::string error_;
  size_t resumed_ = 0;
  std::map<std::string, std::pair<std::string, nlohmann::json>> known_;  // key -> (statement hash, result)
};

// What a journal must match to be resumed: the logs (their names and sizes), the database (as
// given) and the settings that change what a replay measures.
nlohmann::json journal_run_identity(const std::vector<std::string>& logs, const std::string& database,
                                    const ReplaySettings& settings);

}  // namespace pgadvisor
