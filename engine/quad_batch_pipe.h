// QuadBatchPipe: hands parsed quads from a parser thread to a consumer thread in batches.
// Batches are recycled (a few in flight), and each Quad slot is reused with copy-assignment,
// so steady state allocates nothing. If the consumer fails, Push() starts failing too, which
// stops the parser.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "storage/status.h"
#include "storage/term.h"

namespace cairn {

class QuadBatchPipe {
 public:
  static constexpr std::size_t kBatchQuads = 4096;
  static constexpr std::size_t kBatchesInFlight = 4;

  QuadBatchPipe();

  // Producer side (one thread).
  Status Push(const Quad& quad);
  void NewScope();  // the next quads start a new blank-node scope (a new document)
  void Close();     // no more quads; always call it, also after an error

  // Consumer side (one thread): calls `consume` per batch until the producer closes or
  // `consume` fails. Returns consume's first error.
  Status Consume(const std::function<Status(const Quad*, std::size_t, bool new_scope)>& consume);

 private:
  struct Batch {
    std::vector<Quad> quads;
    std::size_t size = 0;
    bool new_scope = false;
  };
  void SendCurrent();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> full_;   // GUARDED_BY(mutex_)
  std::deque<Batch> empty_;  // GUARDED_BY(mutex_)
  bool closed_ = false;      // GUARDED_BY(mutex_)
  bool failed_ = false;      // GUARDED_BY(mutex_)
  Batch current_;            // producer only
};

}  // namespace cairn
