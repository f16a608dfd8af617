// PatternHashTable: the matches of one triple pattern (only its constants bound), hashed on
// some of its positions. PatternScan switches to it when a pattern is probed so often that one
// scan of the whole pattern costs less than the remaining index seeks (see PatternScan).
#pragma once

#include <absl/container/flat_hash_map.h>

#include <array>
#include <cstdint>
#include <vector>

#include "storage/quad_store.h"

namespace cairn::sparql {

class QueryContext;

class PatternHashTable {
 public:
  using Triple = std::array<TermId, 3>;
  using Key = std::array<std::uint64_t, 3>;
  static constexpr std::uint32_t kEnd = UINT32_MAX;

  // `key_positions`: 0 to 3 pattern positions (0 s, 1 p, 2 o) the lookups give values for.
  explicit PatternHashTable(std::vector<int> key_positions) : key_positions_(std::move(key_positions)) {}

  // Reads every match of `pattern` (None positions are free) in one scan. Checks the deadline.
  // False (and an empty table) when there are more than `max_rows` matches: memory stays bounded
  // even when the statistics underestimated the pattern.
  Result<bool> Build(const QuadPattern& pattern, std::size_t max_rows, QueryContext& context);
  bool built() const { return built_; }
  std::size_t size() const { return triples_.size(); }

  // The first match with these key values, then Next() of it; kEnd after the last.
  std::uint32_t Find(const Key& key) const {
    auto it = heads_.find(key);
    return it == heads_.end() ? kEnd : it->second;
  }
  std::uint32_t Next(std::uint32_t match) const { return next_[match]; }
  const Triple& triple(std::uint32_t match) const { return triples_[match]; }

 private:
  std::vector<int> key_positions_;
  bool built_ = false;
  std::vector<Triple> triples_;
  std::vector<std::uint32_t> next_;  // chains the matches of one key
  absl::flat_hash_map<Key, std::uint32_t> heads_;
};

}  // namespace cairn::sparql
