#include "storage/sorted_runs.h"

#include <algorithm>
#include <cstdio>
#include <queue>
#include <thread>

namespace cairn::internal {

PermutedQuad Permute(IndexOrder order, const QuadIds& q) {
  const IndexSpec& spec = SpecOf(order);
  return {ComponentOf(q, spec.components[0]).bits, ComponentOf(q, spec.components[1]).bits,
          ComponentOf(q, spec.components[2]).bits, ComponentOf(q, spec.components[3]).bits};
}

QuadIds Unpermute(IndexOrder order, const PermutedQuad& p) {
  const IndexSpec& spec = SpecOf(order);
  QuadIds q;
  for (int i = 0; i < 4; ++i) SetComponent(q, spec.components[i], TermId{p[i]});
  return q;
}

namespace {

// Buffered sequential reader of a run file.
class RunReader {
 public:
  explicit RunReader(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {}
  ~RunReader() {
    if (file_) std::fclose(file_);
  }
  RunReader(const RunReader&) = delete;
  bool ok() const { return file_ != nullptr; }
  bool Next(PermutedQuad& out) {
    if (pos_ == filled_) {
      filled_ = std::fread(buffer_.data(), sizeof(PermutedQuad), buffer_.size(), file_);
      pos_ = 0;
      if (filled_ == 0) return false;
    }
    out = buffer_[pos_++];
    return true;
  }

 private:
  std::FILE* file_;
  std::vector<PermutedQuad> buffer_ = std::vector<PermutedQuad>(1 << 15);
  std::size_t pos_ = 0, filled_ = 0;
};

}  // namespace

Status SortedRuns::AddChunk(std::vector<QuadIds> chunk, bool keep_in_memory) {
  bool has_default = false, has_named = false;
  for (const QuadIds& q : chunk) (q.graph.is_none() ? has_default : has_named) = true;
  std::vector<IndexOrder> orders;
  for (int i = 0; i < kIndexOrderCount; ++i) {
    auto order = static_cast<IndexOrder>(i);
    if (SpecOf(order).named_graphs ? has_named : has_default) orders.push_back(order);
  }
  // Sort the orders on two threads: this is the CPU-heavy part of a load after parsing.
  std::vector<Run> made(orders.size());
  std::vector<Status> errors(orders.size());
  auto work = [&](std::size_t i) {
    IndexOrder order = orders[i];
    bool named = SpecOf(order).named_graphs;
    std::vector<PermutedQuad> sorted;
    sorted.reserve(chunk.size());
    for (const QuadIds& q : chunk)
      if (q.graph.is_none() != named) sorted.push_back(Permute(order, q));
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    Run run;
    run.count = sorted.size();
    if (keep_in_memory) {
      run.memory = std::move(sorted);
    } else {
      run.file = dir_ + "/run-" + std::to_string(file_counter_) + "-" + std::to_string(i);
      std::FILE* f = std::fopen(run.file.c_str(), "wb");
      if (!f || std::fwrite(sorted.data(), sizeof(PermutedQuad), sorted.size(), f) != sorted.size()) {
        errors[i] = Status::IOError("cannot write sorted run " + run.file);
      }
      if (f && std::fclose(f) != 0) errors[i] = Status::IOError("cannot write sorted run " + run.file);
    }
    made[i] = std::move(run);
  };
  std::size_t next = 0;
  std::mutex mutex;
  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::lock_guard lock(mutex);
        if (next >= orders.size()) return;
        i = next++;
      }
      work(i);
    }
  };
  std::thread helper(worker);
  worker();
  helper.join();
  for (const Status& s : errors) CAIRN_RETURN_IF_ERROR(s);
  for (std::size_t i = 0; i < orders.size(); ++i)
    runs_[static_cast<int>(orders[i])].push_back(std::move(made[i]));
  ++file_counter_;
  return Status::OK();
}

Status SortedRuns::Merge(IndexOrder order, const std::function<Status(const PermutedQuad&)>& sink) const {
  const auto& runs = runs_[static_cast<int>(order)];
  if (runs.size() == 1 && runs[0].file.empty()) {
    for (const PermutedQuad& q : runs[0].memory) CAIRN_RETURN_IF_ERROR(sink(q));
    return Status::OK();
  }
  // k-way merge; a source is either a memory run or a file reader.
  struct Source {
    const std::vector<PermutedQuad>* memory = nullptr;
    std::size_t pos = 0;
    std::unique_ptr<RunReader> reader;
    bool Next(PermutedQuad& out) {
      if (memory) {
        if (pos == memory->size()) return false;
        out = (*memory)[pos++];
        return true;
      }
      return reader->Next(out);
    }
  };
  std::vector<Source> sources(runs.size());
  using Entry = std::pair<PermutedQuad, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].file.empty()) {
      sources[i].memory = &runs[i].memory;
    } else {
      sources[i].reader = std::make_unique<RunReader>(runs[i].file);
      if (!sources[i].reader->ok()) return Status::IOError("cannot read sorted run " + runs[i].file);
    }
    PermutedQuad q;
    if (sources[i].Next(q)) heap.emplace(q, i);
  }
  bool have_last = false;
  PermutedQuad last{};
  while (!heap.empty()) {
    auto [q, i] = heap.top();
    heap.pop();
    if (!have_last || q != last) {
      CAIRN_RETURN_IF_ERROR(sink(q));
      last = q;
      have_last = true;
    }
    PermutedQuad next;
    if (sources[i].Next(next)) heap.emplace(next, i);
  }
  return Status::OK();
}

}  // namespace cairn::internal
