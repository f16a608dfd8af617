// Sorted runs of quads for the bulk loader: a chunk of QuadIds is sorted once per index order and
// either kept in memory (small loads) or spilled to a run file; Merge() then yields each order's
// quads in key order, duplicates removed, across all runs. Memory is bounded by the chunk size.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/key_codec.h"
#include "storage/status.h"
#include "storage/term_id.h"

namespace cairn::internal {

// A quad laid out in one index order's component order, compared lexicographically.
using PermutedQuad = std::array<std::uint64_t, 4>;

PermutedQuad Permute(IndexOrder order, const QuadIds& q);
QuadIds Unpermute(IndexOrder order, const PermutedQuad& p);

class SortedRuns {
 public:
  // Run files go to `dir` (created by the caller, removed by the caller).
  explicit SortedRuns(std::string dir) : dir_(std::move(dir)) {}

  // Sorts `chunk` for every order in `orders` that applies to its quads and keeps the runs:
  // in memory if `keep_in_memory`, else in files. Safe to call from one thread at a time.
  Status AddChunk(std::vector<QuadIds> chunk, bool keep_in_memory);

  // Calls `sink` with every distinct quad of `order` in key order; stops on a non-OK status.
  Status Merge(IndexOrder order, const std::function<Status(const PermutedQuad&)>& sink) const;

 private:
  struct Run {
    std::vector<PermutedQuad> memory;  // when kept in memory
    std::string file;                  // else
    std::uint64_t count = 0;
  };
  std::string dir_;
  std::array<std::vector<Run>, kIndexOrderCount> runs_;
  int file_counter_ = 0;
};

}  // namespace cairn::internal
