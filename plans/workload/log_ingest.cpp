#include "plans/workload/log_ingest.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>

#include "plans/sql/sql_comment_tags.hpp"

namespace pgadvisor {
namespace {

using Item = std::variant<Statement, Diagnostic>;
using Batch = std::vector<Item>;

constexpr size_t kBatchSize = 512;
constexpr size_t kMaxQueuedBatches = 16;

// A bounded queue of batches; an empty batch marks the end.
class BatchQueue {
 public:
  void push(Batch batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < kMaxQueuedBatches; });
    queue_.push_back(std::move(batch));
    not_empty_.notify_one();
  }
  Batch pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty(); });
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return batch;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Batch> queue_;
};

}  // namespace

namespace {

// Reads the logs, handing each statement kept (its comment tags taken off) and each diagnostic
// to `add`, in order.
template <typename Add>
void read_logs(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options,
               const StatementFilterOptions& filter_options, Add&& add) {
  StatementFilter filter(filter_options);
  LogSink sink{[&](Statement&& statement) {
                 statement.tags = take_comment_tags(statement.sql);  // every format's tags, once
                 if (filter.keep(statement)) add(std::move(statement));
               },
               [&](Diagnostic&& diagnostic) { add(std::move(diagnostic)); }};
  for (const auto& log : logs) {
    const LogFormat read_as = read_log_file(log, format, sink, options);
    for (Diagnostic& diagnostic : filter.end_source(log, read_as)) add(std::move(diagnostic));
  }
  for (Diagnostic& diagnostic : filter.summary()) add(std::move(diagnostic));
}

// The one-thread ingest's `add`: straight into the workload.
struct AddToWorkload {
  Workload& workload;
  void operator()(Statement&& statement) const { workload.add(statement); }
  void operator()(Diagnostic&& diagnostic) const { workload.add_diagnostic(std::move(diagnostic)); }
};

}  // namespace

Workload ingest_logs(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options,
                     size_t keep_calls, const StatementFilterOptions& filter_options, bool record_sessions) {
  Workload workload(keep_calls, record_sessions);
  // On this thread, grouping as it reads: with one job, and when every log is a stderr file that
  // the log reader's own threads read (the grouping keeps up with them, and handing statements
  // to another thread costs more than it saves).
  const bool inline_grouping = std::all_of(logs.begin(), logs.end(), [&](const std::string& log) {
    return reads_in_parallel(log, format, options);
  });
  if (options.jobs <= 1 || inline_grouping) {
    read_logs(logs, format, options, filter_options, AddToWorkload{workload});
    return workload;
  }
  BatchQueue queue;
  std::exception_ptr failure;
  std::thread reader([&] {
    Batch batch;
    try {
      read_logs(logs, format, options, filter_options, [&](Item&& item) {
        batch.push_back(std::move(item));
        if (batch.size() == kBatchSize) {
          queue.push(std::move(batch));
          batch = Batch();
        }
      });
    } catch (...) {
      failure = std::current_exception();
    }
    if (!batch.empty()) queue.push(std::move(batch));
    queue.push(Batch());  // the end
  });

  for (Batch batch = queue.pop(); !batch.empty(); batch = queue.pop()) {
    for (auto& item : batch) {
      if (auto* statement = std::get_if<Statement>(&item))
        workload.add(*statement);
      else
        workload.add_diagnostic(std::move(std::get<Diagnostic>(item)));
    }
  }
  reader.join();
  if (failure) std::rethrow_exception(failure);
  return workload;
}

}  // namespace pgadvisor
