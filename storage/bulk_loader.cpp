// The bulk loader: encodes terms as quads arrive (dictionary entries go straight into an SST,
// since new ids are allocated in increasing order), sorts quads per index order in bounded
// chunks, and at Finish() writes one SST per column family and ingests them all in a single
// atomic IngestExternalFiles call. Statistics are computed from the sorted streams.
#include "storage/bulk_loader.h"

#include <rocksdb/sst_file_writer.h>
#include <unistd.h>
#include <xxhash.h>

#include <absl/container/flat_hash_map.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "storage/inline_literal.h"
#include "storage/rocksdb_store_core.h"
#include "storage/sorted_runs.h"

namespace cairn::internal {
namespace {

struct Hash128 {
  std::uint64_t high, low;
  friend bool operator==(const Hash128&, const Hash128&) = default;
  friend auto operator<=>(const Hash128&, const Hash128&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const Hash128& x) {
    return H::combine(std::move(h), x.low);  // already uniformly distributed
  }
};

// Statistics gathered from the sorted streams of new quads.
struct StatsDelta {
  std::map<TermId, std::uint64_t> graph_triples;
  std::map<std::pair<TermId, TermId>, PredicateStats> predicates;
  std::vector<TermId> named_graphs;  // in key order
};

class SstWriter {
 public:
  SstWriter(const rocksdb::Options& options, std::string path)
      : writer_(rocksdb::EnvOptions(), options), path_(std::move(path)) {}
  Status Put(const rocksdb::Slice& key, const rocksdb::Slice& value) {
    if (!open_) {
      CAIRN_RETURN_IF_ERROR(FromRocks(writer_.Open(path_), "open SST"));
      open_ = true;
    }
    ++entries_;
    return FromRocks(writer_.Put(key, value), "write SST");
  }
  // The file to ingest, or "" if nothing was written.
  Result<std::string> Finish() {
    if (!open_) return std::string();
    CAIRN_RETURN_IF_ERROR(FromRocks(writer_.Finish(), "finish SST"));
    return path_;
  }
  std::uint64_t entries() const { return entries_; }

 private:
  rocksdb::SstFileWriter writer_;
  std::string path_;
  bool open_ = false;
  std::uint64_t entries_ = 0;
};

class RocksBulkLoader final : public BulkLoader {
 public:
  explicit RocksBulkLoader(std::shared_ptr<StoreCore> core)
      : core_(std::move(core)),
        lock_(core_->write_mutex),
        initial_next_id_(core_->next_dictionary_id),
        next_id_(core_->next_dictionary_id),
        next_blank_(core_->next_blank_id),
        base_stats_(core_->CurrentStats()) {
    static std::atomic<int> counter{0};
    temp_dir_ = core_->path + "/bulk-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    dictionary_empty_ = initial_next_id_ == 1;
    data_empty_ = base_stats_->graph_triples.empty();
    chunk_.reserve(std::min<std::size_t>(core_->options.bulk_chunk_quads, 1 << 20));
  }

  ~RocksBulkLoader() override {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }

  Status Init() {
    std::error_code ec;
    std::filesystem::create_directories(temp_dir_, ec);
    if (ec) return Status::IOError("cannot create " + temp_dir_ + ": " + ec.message());
    runs_ = std::make_unique<SortedRuns>(temp_dir_);
    id2str_ = std::make_unique<SstWriter>(core_->sst_options, temp_dir_ + "/id2str.sst");
    return Status::OK();
  }

  void NewBlankNodeScope() override { blank_labels_.clear(); }

  void AddPrefix(std::string_view prefix, std::string_view iri) override {
    prefixes_[std::string(kPrefixKeyPrefix) + std::string(prefix)] = std::string(iri);
  }

  Status Add(const Quad& quad) override {
    QuadIds q;
    CAIRN_RETURN_IF_ERROR(Encode(quad.subject, q.subject));
    CAIRN_RETURN_IF_ERROR(Encode(quad.predicate, q.predicate));
    CAIRN_RETURN_IF_ERROR(Encode(quad.object, q.object));
    CAIRN_RETURN_IF_ERROR(Encode(quad.graph, q.graph));
    chunk_.push_back(q);
    ++statements_;
    if (chunk_.size() >= core_->options.bulk_chunk_quads) return Spill();
    return Status::OK();
  }

  Result<LoadSummary> Finish() override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    finished_ = true;
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    CAIRN_RETURN_IF_ERROR(WaitForSpill());
    if (!chunk_.empty() || !spilled_) {
      CAIRN_RETURN_IF_ERROR(runs_->AddChunk(std::move(chunk_), /*keep_in_memory=*/!spilled_));
      chunk_ = {};
    }
    auto t1 = Clock::now();
    // One SST per index order, written on two threads; the primary orders also count.
    std::vector<rocksdb::IngestExternalFileArg> ingest;
    std::vector<IndexOrder> orders;
    for (int i = 0; i < kIndexOrderCount; ++i) orders.push_back(static_cast<IndexOrder>(i));
    std::vector<std::string> files(orders.size());
    std::vector<Status> errors(orders.size());
    std::vector<StatsDelta> deltas(orders.size());
    std::string str2id_file;
    Status str2id_status;
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i; (i = next++) <= orders.size();) {
        if (i == orders.size()) {  // the dictionary's hash index is one more task
          auto file = WriteStr2Id();
          if (file.ok()) str2id_file = *file;
          else str2id_status = file.status();
          continue;
        }
        auto file = WriteIndex(orders[i], deltas[i]);
        if (file.ok()) files[i] = *file;
        else errors[i] = file.status();
      }
    };
    std::thread helper(worker);
    worker();
    helper.join();
    for (const Status& s : errors) CAIRN_RETURN_IF_ERROR(s);
    CAIRN_RETURN_IF_ERROR(str2id_status);

    auto merged = std::make_shared<Statistics>(*base_stats_);
    std::uint64_t added = 0;
    for (const StatsDelta& d : deltas) {
      for (const auto& [g, n] : d.graph_triples) {
        merged->graph_triples[g] += n;
        added += n;
      }
      for (const auto& [key, s] : d.predicates) {
        PredicateStats& t = merged->predicates[key];
        t.triples += s.triples;
        t.distinct_subjects += s.distinct_subjects;
        t.distinct_objects += s.distinct_objects;
      }
    }
    std::vector<std::string> family_files(std::size(kFamilyNames));
    {
      auto f = id2str_->Finish();
      if (!f.ok()) return f.status();
      family_files[static_cast<int>(Family::kId2Str)] = *f;
    }
    family_files[static_cast<int>(Family::kStr2Id)] = str2id_file;
    auto graphs = WriteGraphs(deltas[static_cast<int>(IndexOrder::kGspo)].named_graphs, *merged);
    if (!graphs.ok()) return graphs.status();
    family_files[static_cast<int>(Family::kGraphs)] = *graphs;
    auto stats = WriteStats(*merged);
    if (!stats.ok()) return stats.status();
    family_files[static_cast<int>(Family::kStats)] = *stats;
    auto meta = WriteMeta();
    if (!meta.ok()) return meta.status();
    family_files[static_cast<int>(Family::kMeta)] = *meta;

    auto add = [&](rocksdb::ColumnFamilyHandle* cf, const std::string& file) {
      if (file.empty()) return;
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = cf;
      arg.external_files = {file};
      arg.options.move_files = true;
      arg.options.allow_blocking_flush = true;
      ingest.push_back(std::move(arg));
    };
    for (std::size_t i = 0; i < orders.size(); ++i) add(core_->cf(orders[i]), files[i]);
    for (std::size_t i = 0; i < family_files.size(); ++i) add(core_->family_cf[i], family_files[i]);
    auto t2 = Clock::now();
    // All column families at once: a crash leaves either none of the load or all of it.
    CAIRN_RETURN_IF_ERROR(FromRocks(core_->db->IngestExternalFiles(ingest), "ingest"));
    auto t3 = Clock::now();

    core_->next_dictionary_id = next_id_;
    core_->next_blank_id = next_blank_;
    core_->PublishStats(merged);
    LoadSummary summary;
    summary.statements_read = statements_;
    summary.quads_added = added;
    summary.sort_seconds = std::chrono::duration<double>(t1 - t0).count();
    summary.write_seconds = std::chrono::duration<double>(t2 - t1).count();
    summary.ingest_seconds = std::chrono::duration<double>(t3 - t2).count();
    return summary;
  }

 private:
  Status Encode(const Term& term, TermId& out) {
    switch (term.kind) {
      case TermKind::kDefaultGraph:
        out = TermId::None();
        return Status::OK();
      case TermKind::kBlankNode: {
        auto [it, added] = blank_labels_.try_emplace(term.value, TermId::None());
        if (added) it->second = TermId::Make(TermTag::kBlankNode, next_blank_++);
        out = it->second;
        return Status::OK();
      }
      case TermKind::kLiteral:
        if (auto id = EncodeInlineLiteral(term)) {
          out = *id;
          return Status::OK();
        }
        break;
      case TermKind::kIri:
        break;
    }
    form_.clear();
    AppendDictionaryForm(term, form_);
    XXH128_hash_t h = XXH3_128bits(form_.data(), form_.size());
    auto [it, added] = dictionary_.try_emplace(Hash128{h.high64, h.low64}, 0);
    if (!added) {
      out = TermId{it->second};
      return Status::OK();
    }
    if (!dictionary_empty_) {
      auto key = DictionaryHashKey(form_);
      std::string value;
      rocksdb::Status st = core_->db->Get(rocksdb::ReadOptions(), core_->cf(Family::kStr2Id),
                                          rocksdb::Slice(key.data(), key.size()), &value);
      if (st.ok()) {
        out = TermId{ReadBigEndian64(value)};
        it->second = out.bits;
        return Status::OK();
      }
      if (!st.IsNotFound()) return FromRocks(st, "dictionary lookup");
    }
    if (next_id_ > TermId::kMaxDictionaryId) return Status::IOError("dictionary id space exhausted");
    out = TermId::Make(term.is_iri() ? TermTag::kIri : TermTag::kLiteral, next_id_++);
    it->second = out.bits;
    return id2str_->Put(DictionaryIdKey(out.payload()), form_);
  }

  // Hands the full chunk to a background thread that sorts and writes its runs, so parsing
  // continues on this core meanwhile. At most one chunk is being spilled at a time.
  Status Spill() {
    CAIRN_RETURN_IF_ERROR(WaitForSpill());
    spilled_ = true;
    std::vector<QuadIds> chunk;
    chunk.swap(chunk_);
    chunk_.reserve(core_->options.bulk_chunk_quads);
    spill_ = std::async(std::launch::async, [this, c = std::move(chunk)]() mutable {
      return runs_->AddChunk(std::move(c), /*keep_in_memory=*/false);
    });
    return Status::OK();
  }

  Status WaitForSpill() {
    if (!spill_.valid()) return Status::OK();
    return spill_.get();
  }

  Result<bool> PrefixExists(IndexOrder order, const PermutedQuad& p, int len) {
    std::string prefix;
    for (int i = 0; i < len; ++i) AppendTermKey(TermId{p[i]}, prefix);
    rocksdb::ReadOptions ro;
    std::unique_ptr<rocksdb::Iterator> it(core_->db->NewIterator(ro, core_->cf(order)));
    it->Seek(prefix);
    if (!it->status().ok()) return FromRocks(it->status(), "read");
    return it->Valid() && it->key().starts_with(prefix);
  }

  Result<std::string> WriteIndex(IndexOrder order, StatsDelta& delta) {
    const IndexSpec& spec = SpecOf(order);
    SstWriter writer(core_->sst_options, temp_dir_ + "/" + spec.column_family + ".sst");
    bool primary = order == IndexOrder::kDspo || order == IndexOrder::kGspo;
    bool objects = order == IndexOrder::kDpos || order == IndexOrder::kGpos;
    // Group prefix: (s,p) or (p,o), with the graph first for gspo/gpos.
    int group_len = spec.named_graphs ? 3 : 2;
    PermutedQuad last{};
    bool first = true;
    std::string key;
    Status status = runs_->Merge(order, [&](const PermutedQuad& p) -> Status {
      key.clear();
      for (int i = 0; i < spec.arity; ++i) AppendTermKey(TermId{p[i]}, key);
      CAIRN_RETURN_IF_ERROR(writer.Put(key, rocksdb::Slice()));
      if (!primary && !objects) return Status::OK();
      QuadIds q = Unpermute(order, p);
      bool new_group = first || !std::equal(p.begin(), p.begin() + group_len, last.begin());
      if (primary && spec.named_graphs && (first || p[0] != last[0])) delta.named_graphs.push_back(q.graph);
      first = false;
      last = p;
      if (new_group && !data_empty_) {
        auto exists = PrefixExists(order, p, group_len);
        if (!exists.ok()) return exists.status();
        new_group = !*exists;
      }
      PredicateStats& ps = delta.predicates[{q.graph, q.predicate}];
      if (objects) {
        ps.distinct_objects += new_group;
        return Status::OK();
      }
      bool new_quad = true;
      if (!data_empty_ && !new_group) {
        std::string value;
        rocksdb::Status st = core_->db->Get(rocksdb::ReadOptions(), core_->cf(order), key, &value);
        if (!st.ok() && !st.IsNotFound()) return FromRocks(st, "read");
        new_quad = st.IsNotFound();
      }
      ps.distinct_subjects += new_group;
      ps.triples += new_quad;
      delta.graph_triples[q.graph] += new_quad;
      return Status::OK();
    });
    CAIRN_RETURN_IF_ERROR(status);
    return writer.Finish();
  }

  Result<std::string> WriteStr2Id() {
    std::vector<std::pair<Hash128, std::uint64_t>> fresh;
    for (const auto& [hash, bits] : dictionary_) {
      if (TermId{bits}.payload() >= initial_next_id_) fresh.emplace_back(hash, bits);
    }
    std::sort(fresh.begin(), fresh.end());
    SstWriter writer(core_->sst_options_uncompressed, temp_dir_ + "/str2id.sst");
    std::string key, value;
    for (const auto& [hash, bits] : fresh) {
      key.clear();
      AppendBigEndian64(hash.high, key);
      AppendBigEndian64(hash.low, key);
      CAIRN_RETURN_IF_ERROR(writer.Put(key, MetaValue(bits)));
    }
    return writer.Finish();
  }

  Result<std::string> WriteGraphs(const std::vector<TermId>& graphs, Statistics& merged) {
    SstWriter writer(core_->sst_options, temp_dir_ + "/graphs.sst");
    std::string key;
    for (TermId g : graphs) {
      merged.graph_triples.try_emplace(g, 0);
      key.clear();
      AppendTermKey(g, key);
      CAIRN_RETURN_IF_ERROR(writer.Put(key, rocksdb::Slice()));
    }
    return writer.Finish();
  }

  Result<std::string> WriteStats(const Statistics& stats) {
    std::map<std::string, std::string> entries;  // sorted, as an SST needs
    for (const auto& [g, n] : stats.graph_triples) entries[Statistics::GraphKey(g)] = Statistics::EncodeCount(n);
    for (const auto& [key, s] : stats.predicates)
      entries[Statistics::PredicateKey(key.first, key.second)] = Statistics::EncodePredicate(s);
    SstWriter writer(core_->sst_options, temp_dir_ + "/stats.sst");
    for (const auto& [k, v] : entries) CAIRN_RETURN_IF_ERROR(writer.Put(k, v));
    return writer.Finish();
  }

  Result<std::string> WriteMeta() {
    std::map<std::string, std::string> entries(prefixes_);  // sorted, as an SST needs
    entries["next_blank"] = MetaValue(next_blank_);
    entries["next_id"] = MetaValue(next_id_);
    SstWriter writer(core_->sst_options, temp_dir_ + "/meta.sst");
    for (const auto& [k, v] : entries) CAIRN_RETURN_IF_ERROR(writer.Put(k, v));
    return writer.Finish();
  }

  std::shared_ptr<StoreCore> core_;
  std::unique_lock<std::mutex> lock_;
  std::uint64_t initial_next_id_;
  std::uint64_t next_id_;
  std::uint64_t next_blank_;
  std::shared_ptr<const Statistics> base_stats_;
  bool dictionary_empty_ = true;
  bool data_empty_ = true;
  std::string temp_dir_;
  std::unique_ptr<SortedRuns> runs_;
  std::unique_ptr<SstWriter> id2str_;
  absl::flat_hash_map<Hash128, std::uint64_t> dictionary_;
  absl::flat_hash_map<std::string, TermId> blank_labels_;
  std::vector<QuadIds> chunk_;
  std::future<Status> spill_;
  bool spilled_ = false;
  bool finished_ = false;
  std::uint64_t statements_ = 0;
  std::string form_;
  std::map<std::string, std::string> prefixes_;  // meta key -> namespace IRI
};

}  // namespace

Result<std::unique_ptr<BulkLoader>> MakeBulkLoader(std::shared_ptr<StoreCore> core) {
  auto loader = std::make_unique<RocksBulkLoader>(std::move(core));
  CAIRN_RETURN_IF_ERROR(loader->Init());
  return std::unique_ptr<BulkLoader>(std::move(loader));
}

}  // namespace cairn::internal
