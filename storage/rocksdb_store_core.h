// Private to storage/: the state shared by RocksQuadStore, its read views, write transactions
// and the bulk loader. Not included outside this folder, so RocksDB headers stay here.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/key_codec.h"
#include "storage/quad_store.h"
#include "storage/statistics.h"

namespace cairn::internal {

// Column families besides the nine index orders (their names are in key_codec.cpp).
enum class Family { kGraphs, kId2Str, kStr2Id, kStats, kMeta };
inline constexpr const char* kFamilyNames[] = {"graphs", "id2str", "str2id", "stats", "meta"};
inline constexpr int kFormatVersion = 1;
// Keys in the meta column family.
inline constexpr std::string_view kPrefixKeyPrefix = "prefix:";  // "prefix:<name>" -> namespace IRI
inline constexpr std::string_view kBookkeepingKeyPrefix = "app:";  // "app:<name>" -> ReadView::Bookkeeping

struct StoreCore {
  std::string path;
  StoreOptions options;
  std::unique_ptr<rocksdb::DB> db;
  rocksdb::ColumnFamilyHandle* default_cf = nullptr;  // RocksDB's own, unused by Cairn
  std::vector<rocksdb::ColumnFamilyHandle*> index_cf;  // by IndexOrder
  std::vector<rocksdb::ColumnFamilyHandle*> family_cf;  // by Family
  std::vector<std::unique_ptr<rocksdb::ColumnFamilyHandle>> owned;

  // Writers hold this for a whole transaction or bulk load.
  std::mutex write_mutex;
  // Guarded by write_mutex for writing; readers take a copy of the pointer under stats_mutex.
  std::uint64_t next_dictionary_id = 1;  // GUARDED_BY(write_mutex)
  std::uint64_t next_blank_id = 1;       // GUARDED_BY(write_mutex)
  mutable std::mutex stats_mutex;
  std::shared_ptr<const Statistics> stats;  // GUARDED_BY(stats_mutex)

  rocksdb::ColumnFamilyHandle* cf(IndexOrder order) const { return index_cf[static_cast<int>(order)]; }
  rocksdb::ColumnFamilyHandle* cf(Family family) const { return family_cf[static_cast<int>(family)]; }
  std::shared_ptr<const Statistics> CurrentStats() const {
    std::lock_guard lock(stats_mutex);
    return stats;
  }
  void PublishStats(std::shared_ptr<const Statistics> s) {
    std::lock_guard lock(stats_mutex);
    stats = std::move(s);
  }
  // Options for SST files written outside the DB (same table format as the column families).
  rocksdb::Options sst_options;
  rocksdb::Options sst_options_uncompressed;  // str2id: 16-byte hashes do not compress
};

Status FromRocks(const rocksdb::Status& s, const char* what);
std::string MetaValue(std::uint64_t v);

}  // namespace cairn::internal
