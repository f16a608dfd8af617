#include "engine/quad_batch_pipe.h"

namespace cairn {

QuadBatchPipe::QuadBatchPipe() {
  for (std::size_t i = 0; i + 1 < kBatchesInFlight; ++i) empty_.emplace_back();
}

Status QuadBatchPipe::Push(const Quad& quad) {
  if (current_.size < current_.quads.size()) {
    current_.quads[current_.size] = quad;
  } else {
    current_.quads.push_back(quad);
  }
  if (++current_.size == kBatchQuads) {
    SendCurrent();
    std::lock_guard lock(mutex_);
    if (failed_) return Status::Cancelled("load stopped");
  }
  return Status::OK();
}

void QuadBatchPipe::NewScope() {
  if (current_.size > 0 || current_.new_scope) SendCurrent();
  current_.new_scope = true;
}

void QuadBatchPipe::Close() {
  SendCurrent();
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

void QuadBatchPipe::SendCurrent() {
  std::unique_lock lock(mutex_);
  if (failed_) {
    current_.size = 0;
    current_.new_scope = false;
    return;
  }
  full_.push_back(std::move(current_));
  changed_.notify_all();
  changed_.wait(lock, [&] { return !empty_.empty() || failed_; });
  if (failed_) {
    current_ = Batch();
    return;
  }
  current_ = std::move(empty_.front());
  empty_.pop_front();
  current_.size = 0;
  current_.new_scope = false;
}

Status QuadBatchPipe::Consume(const std::function<Status(const Quad*, std::size_t, bool)>& consume) {
  for (;;) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !full_.empty() || closed_; });
      if (full_.empty()) return Status::OK();
      batch = std::move(full_.front());
      full_.pop_front();
    }
    Status st = consume(batch.quads.data(), batch.size, batch.new_scope);
    std::lock_guard lock(mutex_);
    if (!st.ok()) {
      failed_ = true;
      full_.clear();
      changed_.notify_all();
      return st;
    }
    empty_.push_back(std::move(batch));
    changed_.notify_all();
  }
}

}  // namespace cairn
