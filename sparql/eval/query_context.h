// QueryContext: what one query's evaluation shares. Terms become TermIds here: a term the store
// knows gets the store's id, a canonical literal its inline id, anything else a query-local id
// (payload bit 55 set; never written to the store). So equal terms always have equal ids, and
// joins, DISTINCT and GROUP BY can compare ids. Also: NOW() fixed for the query, RAND() state,
// fresh blank nodes, and the deadline/cancellation every loop must check.
// Not thread-safe: one query, one thread.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "storage/quad_store.h"
#include "storage/status.h"
#include "storage/term.h"
#include "storage/term_id.h"

namespace cairn::sparql {

inline constexpr std::uint64_t kLocalIdBit = std::uint64_t{1} << 55;

// The deadline `seconds` from now; nullopt (no limit) when seconds <= 0. For --timeout options.
inline std::optional<std::chrono::steady_clock::time_point> DeadlineAfter(double seconds) {
  if (seconds <= 0) return std::nullopt;
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}

inline bool IsLocalId(TermId id) { return !id.is_inline() && !id.is_none() && (id.payload() & kLocalIdBit) != 0; }

class QueryContext {
 public:
  // `deadline` nullopt: no time limit. `cancel` may be null; when set to true the query stops.
  QueryContext(std::shared_ptr<const ReadView> view,
               std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt,
               const std::atomic<bool>* cancel = nullptr);

  const ReadView& view() const { return *view_; }

  Result<Term> Decode(TermId id);
  // The id of a term for this query (see the header comment). Blank-node terms get local ids
  // keyed by label, so the same label in one query means the same node.
  TermId Intern(const Term& term);
  // The store's id for a term, or nullopt if the store does not contain it.
  std::optional<TermId> LookupInStore(const Term& term);

  TermId FreshBlankNode();
  std::chrono::system_clock::time_point now() const { return now_; }
  // Seeded on first use: seeding from std::random_device costs a system call, and few queries
  // use RAND() or UUID() (it was 2.5% of a BSBM mix).
  std::mt19937_64& random() {
    if (!random_) random_.emplace(std::random_device{}());
    return *random_;
  }

  // Timeout (past the deadline) or Cancelled; call it in every loop that can run long.
  Status CheckInterrupt();

 private:
  std::shared_ptr<const ReadView> view_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  const std::atomic<bool>* cancel_;
  std::chrono::system_clock::time_point now_;
  std::optional<std::mt19937_64> random_;
  std::vector<Term> local_terms_;                               // by local index
  absl::flat_hash_map<std::string, TermId> local_ids_;          // dictionary form -> id
  absl::flat_hash_map<std::string, TermId> blank_labels_;
  std::uint64_t next_blank_ = 0;
  absl::flat_hash_map<std::uint64_t, Term> decode_cache_;       // store dictionary ids
  std::uint32_t interrupt_counter_ = 0;
};

}  // namespace cairn::sparql
