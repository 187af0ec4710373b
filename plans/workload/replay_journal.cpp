#include "plans/workload/replay_journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "plans/fatal_error.hpp"
#include "plans/json_text.hpp"
#include "plans/workload/replay_result_json.hpp"

namespace pgadvisor {
namespace {

using json = nlohmann::json;

constexpr const char* kFormat = "pgadvisor-replay-journal";
constexpr int kVersion = 1;

// FNV-1a of the statement's text and parameters: the journal never stores the statement again.
std::string statement_hash(const Statement& statement) {
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](const std::string& text) {
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    hash = (hash ^ 0xff) * 1099511628211ull;
  };
  mix(statement.sql);
  for (const auto& param : statement.params) mix(param ? "v" + *param : std::string("null"));
  return fmt::format("{:016x}", hash);
}

// Writes `text` whole and flushes it to disk; the error, or "" when it is written.
std::string write_all(int fd, const std::string& text, const std::string& path) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fmt::format("cannot write the journal {}: {}", path, std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  if (::fdatasync(fd) != 0 && errno != EINVAL) return fmt::format("cannot flush the journal {}: {}", path, std::strerror(errno));
  return "";
}

}  // namespace

json journal_run_identity(const std::vector<std::string>& logs, const std::string& database,
                          const ReplaySettings& settings) {
  json files = json::array();
  for (const auto& log : logs) {
    struct stat info {};
    long long size = ::stat(log.c_str(), &info) == 0 ? static_cast<long long>(info.st_size) : -1;
    files.push_back({{"path", log}, {"size", size}});
  }
  return {{"logs", files},
          {"database", database},
          {"replay_role", settings.session.replay_role},
          {"lock_timeout_ms", settings.session.lock_timeout_ms},
          {"samples", sample_choice_name(settings.samples)},
          {"runs", settings.policy.runs},
          {"warmup", settings.policy.warmup},
          {"long_query_ms", settings.policy.long_query_ms},
          {"analyze_writes", settings.policy.analyze_writes},
          {"allowed_functions", settings.policy.allowed_functions},
          {"statement_timeout_ms", settings.session.statement_timeout_ms}};
}

ReplayJournal::ReplayJournal(std::string path, const json& run, bool resume) : path_(std::move(path)) {
  if (resume) {
    std::ifstream in(path_);
    if (!in) throw FatalError(FatalKind::Input, "--resume: no journal " + path_ + " to resume (run without --resume)");
    std::string line;
    if (!std::getline(in, line)) throw FatalError(FatalKind::Input, "--resume: " + path_ + " is empty");
    json header = json::parse(line, nullptr, false);
    if (header.is_discarded() || header.value("format", "") != kFormat || header.value("version", 0) != kVersion)
      throw FatalError(FatalKind::Usage, "--resume: " + path_ + " is not a pgadvisor replay journal");
    if (header.value("run", json()) != run)
      throw FatalError(FatalKind::Usage, "--resume: " + path_ +
                                             " was written for other logs or replay settings; run without --resume "
                                             "to start again");
    std::streamoff whole = static_cast<std::streamoff>(line.size()) + 1;  // the header and its newline
    while (std::getline(in, line)) {
      if (in.eof()) break;  // no newline after it: the line a kill cut short, dropped below
      whole += static_cast<std::streamoff>(line.size()) + 1;
      json entry = json::parse(line, nullptr, false);
      if (entry.is_discarded() || !entry.is_object() || !entry.contains("key") || !entry["key"].is_string() ||
          !entry.contains("result"))
        continue;
      known_[entry["key"].get<std::string>()] = {entry.value("statement", ""), entry["result"]};
    }
    // what follows the last whole line goes, so the next record starts a line of its own
    if (::truncate(path_.c_str(), whole) != 0)
      throw FatalError(FatalKind::Input, fmt::format("cannot repair the journal {}: {}", path_, std::strerror(errno)));
  }
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (resume ? O_APPEND : O_TRUNC);
  fd_ = ::open(path_.c_str(), flags, 0600);
  if (fd_ < 0)
    throw FatalError(FatalKind::Input, fmt::format("cannot open the journal {}: {}", path_, std::strerror(errno)));
  if (resume) return;
  std::string error = write_all(fd_, dump_json(json{{"format", kFormat}, {"version", kVersion}, {"run", run}}) + "\n", path_);
  if (!error.empty()) throw FatalError(FatalKind::Input, error);
}

ReplayJournal::~ReplayJournal() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<ReplayResult> ReplayJournal::recall(const std::string& key, const Statement& statement) {
  auto found = known_.find(key);
  if (found == known_.end() || found->second.first != statement_hash(statement)) return std::nullopt;
  try {
    ReplayResult result = replay_result_from_json(found->second.second);
    ++resumed_;
    return result;
  } catch (const nlohmann::json::exception&) {  // a result this version cannot read is measured again
    return std::nullopt;
  } catch (const std::runtime_error&) {  // an unknown status
    return std::nullopt;
  }
}

void ReplayJournal::record(const std::string& key, const Statement& statement, const ReplayResult& result) {
  if (!error_.empty()) return;
  json entry = {{"key", key}, {"statement", statement_hash(statement)}, {"result", replay_result_to_json(result)}};
  error_ = write_all(fd_, dump_json(entry) + "\n", path_);
}

void ReplayJournal::remove() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

}  // namespace pgadvisor
