#include "plans/workload/log_ingest.hpp"

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

Workload ingest_logs(const std::vector<std::string>& logs, LogFormat format, const LogReadOptions& options,
                     size_t keep_calls, const StatementFilterOptions& filter_options) {
  BatchQueue queue;
  std::exception_ptr failure;
  std::thread reader([&] {
    Batch batch;
    auto add = [&](Item item) {
      batch.push_back(std::move(item));
      if (batch.size() == kBatchSize) {
        queue.push(std::move(batch));
        batch = Batch();
      }
    };
    StatementFilter filter(filter_options);
    LogSink sink{[&](Statement&& statement) {
                   statement.tags = take_comment_tags(statement.sql);  // every format's tags, once
                   if (filter.keep(statement)) add(std::move(statement));
                 },
                 [&](Diagnostic&& diagnostic) { add(std::move(diagnostic)); }};
    try {
      for (const auto& log : logs) {
        const LogFormat read_as = read_log_file(log, format, sink, options);
        for (Diagnostic& diagnostic : filter.end_source(log, read_as)) add(std::move(diagnostic));
      }
      for (Diagnostic& diagnostic : filter.summary()) add(std::move(diagnostic));
    } catch (...) {
      failure = std::current_exception();
    }
    if (!batch.empty()) queue.push(std::move(batch));
    queue.push(Batch());  // the end
  });

  Workload workload(keep_calls);
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
