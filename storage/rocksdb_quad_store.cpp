// The RocksDB implementation of QuadStore: opening, snapshots, scans and write transactions.
// The bulk loader is in bulk_loader.cpp. Layout: storage/README.md.
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include <absl/container/flat_hash_map.h>

#include <array>
#include <filesystem>
#include <map>
#include <set>

#include "storage/bulk_loader.h"
#include "storage/inline_literal.h"
#include "storage/rocksdb_store_core.h"

namespace cairn {
namespace internal {

Status FromRocks(const rocksdb::Status& s, const char* what) {
  if (s.ok()) return Status::OK();
  std::string msg = std::string(what) + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsBusy() || s.IsTryAgain()) return Status::Busy(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  return Status::IOError(msg);
}

std::string MetaValue(std::uint64_t v) {
  std::string out;
  AppendBigEndian64(v, out);
  return out;
}

}  // namespace internal

using internal::Family;
using internal::FromRocks;
using internal::StoreCore;

IndexOrder ChooseIndex(bool s, bool p, bool o, bool named, bool graph_bound, int& prefix_len) {
  // 0: spo-like, 1: pos-like, 2: osp-like
  int kind;
  if (s) {
    if (p) { kind = 0; prefix_len = o ? 3 : 2; }
    else if (o) { kind = 2; prefix_len = 2; }
    else { kind = 0; prefix_len = 1; }
  } else if (p) {
    kind = 1; prefix_len = o ? 2 : 1;
  } else if (o) {
    kind = 2; prefix_len = 1;
  } else {
    kind = 0; prefix_len = 0;
  }
  if (!named) return static_cast<IndexOrder>(static_cast<int>(IndexOrder::kDspo) + kind);
  if (!graph_bound) return static_cast<IndexOrder>(static_cast<int>(IndexOrder::kSpog) + kind);
  prefix_len += 1;
  return static_cast<IndexOrder>(static_cast<int>(IndexOrder::kGspo) + kind);
}

namespace {

std::string BlankLabel(TermId id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "b%llx", static_cast<unsigned long long>(id.payload()));
  return buf;
}

// Builds the prefix key for a pattern in the chosen order.
void AssignPatternPrefix(IndexOrder order, const QuadIds& q, int prefix_len, std::string& prefix) {
  prefix.clear();
  const IndexSpec& spec = SpecOf(order);
  for (int i = 0; i < prefix_len; ++i) AppendTermKey(ComponentOf(q, spec.components[i]), prefix);
}
std::string PatternPrefix(IndexOrder order, const QuadIds& q, int prefix_len) {
  std::string prefix;
  AssignPatternPrefix(order, q, prefix_len, prefix);
  return prefix;
}

// The smallest key greater than every key starting with `prefix` ("" when there is none).
std::string PrefixUpperBound(std::string prefix) {
  while (!prefix.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(prefix.back());
    if (last != 0xFF) {
      ++last;
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

// The index ranges a pattern covers: one for the default graph or one graph-class of named
// graphs, two for "every graph" (default first, then the named graphs).
int RangesFor(const QuadPattern& pattern, IndexOrder orders[2], std::string prefixes[2]) {
  QuadIds q{pattern.subject, pattern.predicate, pattern.object, pattern.graph.graph};
  bool s = !q.subject.is_none(), p = !q.predicate.is_none(), o = !q.object.is_none();
  int count = 0, len = 0;
  using Kind = GraphSelector::Kind;
  if (pattern.graph.kind == Kind::kDefault || pattern.graph.kind == Kind::kAll) {
    orders[count] = ChooseIndex(s, p, o, false, false, len);
    AssignPatternPrefix(orders[count], q, len, prefixes[count]);
    ++count;
  }
  if (pattern.graph.kind != Kind::kDefault) {
    bool bound = pattern.graph.kind == Kind::kOne;
    orders[count] = ChooseIndex(s, p, o, true, bound, len);
    AssignPatternPrefix(orders[count], q, len, prefixes[count]);
    ++count;
  }
  return count;
}

// Scans the ranges of one pattern at a time, and can be re-aimed with Seek. It keeps one RocksDB
// iterator per index, created on first use: a bind join probes the same index once per input
// row, and creating an iterator (superversion, table readers, block pins) costs more than the
// probe itself (it was ~60% of WatDiv C2). The iterators have no upper bound (it cannot be moved
// safely between seeks); Settle() stops at the end of the prefix instead.
class RocksQuadCursor final : public QuadCursor {
 public:
  RocksQuadCursor(const StoreCore& core, const rocksdb::Snapshot* snapshot, rocksdb::WriteBatchWithIndex* batch)
      : core_(core), batch_(batch) {
    read_options_.snapshot = snapshot;
    read_options_.adaptive_readahead = true;  // scans are usually short and selective
  }

  void Seek(const QuadPattern& pattern) override {
    range_count_ = RangesFor(pattern, orders_, prefixes_);
    current_ = 0;
    status_ = Status::OK();
    OpenRange();
  }

  bool Valid() const override { return valid_; }
  const QuadIds& quad() const override { return quad_; }
  Status status() const override { return status_; }
  void Next() override {
    it_->Next();
    Settle();
  }

 private:
  rocksdb::Iterator* IteratorFor(IndexOrder order) {
    auto& slot = iterators_[static_cast<int>(order)];
    if (!slot) {
      auto* cf = core_.cf(order);
      std::unique_ptr<rocksdb::Iterator> base(core_.db->NewIterator(read_options_, cf));
      if (batch_ != nullptr) slot.reset(batch_->NewIteratorWithBase(cf, base.release(), &read_options_));
      else slot = std::move(base);
    }
    return slot.get();
  }

  void OpenRange() {
    valid_ = false;
    while (current_ < range_count_) {
      it_ = IteratorFor(orders_[current_]);
      it_->Seek(prefixes_[current_]);
      if (Settle()) return;
      if (!status_.ok()) return;
      ++current_;
    }
  }

  // Positions on a valid quad of the current range; false when the range is exhausted.
  bool Settle() {
    const std::string& prefix = prefixes_[current_];
    if (it_->Valid()) {
      rocksdb::Slice key = it_->key();
      if (key.starts_with(prefix)) {
        if (!DecodeQuadKey(orders_[current_], std::string_view(key.data(), key.size()), quad_)) {
          status_ = Status::Corruption("malformed key in index " +
                                       std::string(SpecOf(orders_[current_]).column_family));
          valid_ = false;
          return false;
        }
        valid_ = true;
        return true;
      }
    } else if (!it_->status().ok()) {
      status_ = FromRocks(it_->status(), "index scan");
      valid_ = false;
      return false;
    }
    valid_ = false;
    if (current_ + 1 < range_count_) {
      ++current_;
      OpenRange();
      return valid_;
    }
    return false;
  }

  const StoreCore& core_;
  rocksdb::WriteBatchWithIndex* batch_;
  rocksdb::ReadOptions read_options_;  // the iterators keep a pointer to it
  std::array<std::unique_ptr<rocksdb::Iterator>, kIndexOrderCount> iterators_;
  IndexOrder orders_[2] = {};
  std::string prefixes_[2];  // kept between seeks: their buffers are reused
  int range_count_ = 0;
  int current_ = 0;
  rocksdb::Iterator* it_ = nullptr;
  QuadIds quad_;
  bool valid_ = false;
  Status status_;
};

// A read view: a RocksDB snapshot, plus (inside a transaction) the transaction's own writes.
class RocksReadView final : public ReadView {
 public:
  RocksReadView(std::shared_ptr<StoreCore> core, std::shared_ptr<const Statistics> stats,
                rocksdb::WriteBatchWithIndex* batch = nullptr)
      : core_(std::move(core)), stats_(std::move(stats)), batch_(batch) {
    snapshot_ = core_->db->GetSnapshot();
  }
  ~RocksReadView() override { core_->db->ReleaseSnapshot(snapshot_); }

  void set_statistics(std::shared_ptr<const Statistics> stats) { stats_ = std::move(stats); }

  std::unique_ptr<QuadIterator> Scan(const QuadPattern& pattern) const override {
    auto cursor = NewCursor();
    cursor->Seek(pattern);
    return cursor;
  }

  std::unique_ptr<QuadCursor> NewCursor() const override {
    return std::make_unique<RocksQuadCursor>(*core_, snapshot_, batch_);
  }

  Result<Term> Decode(TermId id) const override {
    if (id.is_inline()) return DecodeInlineLiteral(id);
    if (id.is_blank()) return Term::BlankNode(BlankLabel(id));
    if (id.is_none()) return Term::DefaultGraph();
    std::string value;
    rocksdb::Status st = Get(core_->cf(Family::kId2Str), DictionaryIdKey(id.payload()), value);
    if (st.IsNotFound()) return Status::Corruption("dictionary has no entry for id " + std::to_string(id.payload()));
    if (!st.ok()) return FromRocks(st, "dictionary read");
    Term term;
    if (!TermFromDictionaryForm(value, term)) return Status::Corruption("malformed dictionary entry");
    return term;
  }

  Result<std::optional<TermId>> Lookup(const Term& term) const override {
    switch (term.kind) {
      case TermKind::kDefaultGraph: return std::optional<TermId>(TermId::None());
      case TermKind::kBlankNode: return std::optional<TermId>();
      case TermKind::kLiteral:
        if (auto id = EncodeInlineLiteral(term)) return std::optional<TermId>(*id);
        break;
      case TermKind::kIri: break;
    }
    auto hash = DictionaryHashKey(DictionaryForm(term));
    std::string value;
    rocksdb::Status st = Get(core_->cf(Family::kStr2Id), std::string(hash.data(), hash.size()), value);
    if (st.IsNotFound()) return std::optional<TermId>();
    if (!st.ok()) return FromRocks(st, "dictionary lookup");
    return std::optional<TermId>(TermId{ReadBigEndian64(value)});
  }

  std::vector<TermId> NamedGraphs() const override {
    std::vector<TermId> graphs;
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot_;
    auto* cf = core_->cf(Family::kGraphs);
    std::unique_ptr<rocksdb::Iterator> it(core_->db->NewIterator(ro, cf));
    if (batch_ != nullptr) it.reset(batch_->NewIteratorWithBase(cf, it.release(), &ro));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      TermId g;
      if (ConsumeTermKey(key, g)) graphs.push_back(g);
    }
    return graphs;
  }

  const Statistics& statistics() const override { return *stats_; }

  std::vector<std::pair<std::string, std::string>> Prefixes() const override {
    std::vector<std::pair<std::string, std::string>> prefixes;
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot_;
    std::unique_ptr<rocksdb::Iterator> it(core_->db->NewIterator(ro, core_->cf(Family::kMeta)));
    const auto& key_prefix = internal::kPrefixKeyPrefix;
    for (it->Seek(rocksdb::Slice(key_prefix.data(), key_prefix.size()));
         it->Valid() && it->key().starts_with(rocksdb::Slice(key_prefix.data(), key_prefix.size())); it->Next()) {
      prefixes.emplace_back(it->key().ToString().substr(key_prefix.size()), it->value().ToString());
    }
    return prefixes;
  }

  Result<std::optional<std::string>> Bookkeeping(std::string_view name) const override {
    std::string value;
    rocksdb::Status st = Get(core_->cf(Family::kMeta), std::string(internal::kBookkeepingKeyPrefix) + std::string(name), value);
    if (st.IsNotFound()) return std::optional<std::string>();
    if (!st.ok()) return FromRocks(st, "bookkeeping read");
    return std::optional<std::string>(std::move(value));
  }

  rocksdb::Status Get(rocksdb::ColumnFamilyHandle* cf, const std::string& key, std::string& value) const {
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot_;
    if (batch_ != nullptr) return batch_->GetFromBatchAndDB(core_->db.get(), ro, cf, key, &value);
    return core_->db->Get(ro, cf, key, &value);
  }

 private:
  std::shared_ptr<StoreCore> core_;
  std::shared_ptr<const Statistics> stats_;
  rocksdb::WriteBatchWithIndex* batch_;
  const rocksdb::Snapshot* snapshot_;
};

class RocksWriteTransaction final : public WriteTransaction {
 public:
  explicit RocksWriteTransaction(std::shared_ptr<StoreCore> core)
      : core_(std::move(core)),
        lock_(core_->write_mutex),
        batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true),
        stats_(std::make_shared<Statistics>(*core_->CurrentStats())),
        next_id_(core_->next_dictionary_id),
        next_blank_(core_->next_blank_id),
        view_(core_, stats_, &batch_) {}

  Result<TermId> Intern(const Term& term) override {
    switch (term.kind) {
      case TermKind::kDefaultGraph: return TermId::None();
      case TermKind::kBlankNode: {
        auto [it, added] = blank_labels_.try_emplace(term.value, TermId::None());
        if (added) it->second = TermId::Make(TermTag::kBlankNode, next_blank_++);
        return it->second;
      }
      case TermKind::kLiteral:
        if (auto id = EncodeInlineLiteral(term)) return *id;
        break;
      case TermKind::kIri: break;
    }
    std::string form = DictionaryForm(term);
    if (auto cached = interned_.find(form); cached != interned_.end()) return cached->second;
    auto found = view_.Lookup(term);
    if (!found.ok()) return found.status();
    if (found.value()) {
      interned_.emplace(std::move(form), *found.value());
      return *found.value();
    }
    if (next_id_ > TermId::kMaxDictionaryId) return Status::IOError("dictionary id space exhausted");
    TermId id = TermId::Make(term.is_iri() ? TermTag::kIri : TermTag::kLiteral, next_id_++);
    auto hash = DictionaryHashKey(form);
    CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Put(core_->cf(Family::kId2Str), DictionaryIdKey(id.payload()), form), "batch"));
    CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Put(core_->cf(Family::kStr2Id), rocksdb::Slice(hash.data(), hash.size()),
                                               internal::MetaValue(id.bits)), "batch"));
    dictionary_changed_ = true;
    interned_.emplace(std::move(form), id);
    return id;
  }

  Status Insert(const Quad& quad) override {
    QuadIds ids;
    CAIRN_RETURN_IF_ERROR(InternQuad(quad, ids));
    return InsertIds(ids);
  }

  Status Remove(const Quad& quad) override {
    QuadIds ids;
    bool known = true;
    CAIRN_RETURN_IF_ERROR(LookupQuad(quad, ids, known));
    if (!known) return Status::OK();
    return RemoveIds(ids);
  }

  Status InsertIds(const QuadIds& q) override {
    if (q.subject.is_none() || q.predicate.is_none() || q.object.is_none())
      return Status::InvalidArgument("a quad needs a subject, predicate and object");
    bool named = !q.graph.is_none();
    IndexOrder primary = named ? IndexOrder::kGspo : IndexOrder::kDspo;
    bool exists = false;
    CAIRN_RETURN_IF_ERROR(KeyExists(core_->cf(primary), QuadKey(primary, q), exists));
    if (exists) return Status::OK();
    if (named) CAIRN_RETURN_IF_ERROR(EnsureGraph(q.graph));
    CAIRN_RETURN_IF_ERROR(PutAll(q, /*remove=*/false));
    NoteDistinctKeys(q, +1);
    PredicateStats& ps = stats_->predicates[{q.graph, q.predicate}];
    ps.triples++;
    stats_->graph_triples[q.graph]++;
    touched_.insert({q.graph, q.predicate});
    return Status::OK();
  }

  Status RemoveIds(const QuadIds& q) override {
    IndexOrder primary = q.graph.is_none() ? IndexOrder::kDspo : IndexOrder::kGspo;
    bool exists = false;
    CAIRN_RETURN_IF_ERROR(KeyExists(core_->cf(primary), QuadKey(primary, q), exists));
    if (!exists) return Status::OK();
    CAIRN_RETURN_IF_ERROR(PutAll(q, /*remove=*/true));
    NoteDistinctKeys(q, -1);
    PredicateStats& ps = stats_->predicates[{q.graph, q.predicate}];
    ps.triples--;
    stats_->graph_triples[q.graph]--;
    touched_.insert({q.graph, q.predicate});
    return Status::OK();
  }

  Status CreateGraph(const Term& graph) override {
    if (graph.is_default_graph() || graph.is_literal())
      return Status::InvalidArgument("a named graph is named by an IRI or blank node");
    auto id = Intern(graph);
    if (!id.ok()) return id.status();
    return EnsureGraph(*id);
  }

  Status DropGraph(TermId graph) override {
    // Every quad of the graph goes, so its statistics go as a whole: no per-quad checks of
    // distinct subjects and objects (the expensive part of RemoveIds), only the index deletes.
    std::vector<QuadIds> quads;
    QuadPattern all{TermId::None(), TermId::None(), TermId::None(), GraphSelector::One(graph)};
    for (auto it = view_.Scan(all); it->Valid(); it->Next()) quads.push_back(it->quad());
    for (const QuadIds& q : quads) CAIRN_RETURN_IF_ERROR(PutAll(q, /*remove=*/true));
    // The graph is empty now: its distinct counts restart from zero, and only keys touched from
    // here on count (see SettleDistinctCounts).
    std::erase_if(subject_keys_, [&](const auto& entry) { return entry.first[0] == graph.bits; });
    std::erase_if(object_keys_, [&](const auto& entry) { return entry.first[0] == graph.bits; });
    reset_graphs_.insert(graph);
    for (auto it = stats_->predicates.begin(); it != stats_->predicates.end();) {
      if (it->first.first == graph) {
        touched_.insert(it->first);
        it->second = PredicateStats{};
        ++it;
      } else {
        ++it;
      }
    }
    touched_graphs_.insert(graph);
    if (graph.is_none()) {
      stats_->graph_triples.erase(graph);
      return Status::OK();
    }
    std::string key;
    AppendTermKey(graph, key);
    CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Delete(core_->cf(Family::kGraphs), key), "batch"));
    stats_->graph_triples.erase(graph);
    return Status::OK();
  }

  Status PutBookkeeping(std::string_view name, std::string_view value) override {
    std::string key = std::string(internal::kBookkeepingKeyPrefix) + std::string(name);
    return FromRocks(batch_.Put(core_->cf(Family::kMeta), key, rocksdb::Slice(value.data(), value.size())), "batch");
  }

  const ReadView& view() const override { return view_; }

  Status Commit() override {
    if (committed_) return Status::InvalidArgument("transaction already committed");
    CAIRN_RETURN_IF_ERROR(SettleDistinctCounts());
    auto* stats_cf = core_->cf(Family::kStats);
    std::set<TermId> graphs(touched_graphs_);
    for (const auto& [graph, predicate] : touched_) {
      graphs.insert(graph);
      auto it = stats_->predicates.find({graph, predicate});
      std::string key = Statistics::PredicateKey(graph, predicate);
      if (it == stats_->predicates.end() || it->second.triples == 0) {
        if (it != stats_->predicates.end()) stats_->predicates.erase(it);
        CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Delete(stats_cf, key), "batch"));
      } else {
        CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Put(stats_cf, key, Statistics::EncodePredicate(it->second)), "batch"));
      }
    }
    for (TermId g : graphs) {
      auto it = stats_->graph_triples.find(g);
      std::string key = Statistics::GraphKey(g);
      bool keep = it != stats_->graph_triples.end() && (it->second > 0 || !g.is_none());
      if (keep) {
        CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Put(stats_cf, key, Statistics::EncodeCount(it->second)), "batch"));
      } else {
        if (it != stats_->graph_triples.end()) stats_->graph_triples.erase(it);
        CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Delete(stats_cf, key), "batch"));
      }
    }
    auto* meta = core_->cf(Family::kMeta);
    if (dictionary_changed_ || next_blank_ != core_->next_blank_id) {
      CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Put(meta, "next_id", internal::MetaValue(next_id_)), "batch"));
      CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Put(meta, "next_blank", internal::MetaValue(next_blank_)), "batch"));
    }
    rocksdb::WriteOptions wo;
    wo.sync = true;  // an acknowledged write survives a crash
    CAIRN_RETURN_IF_ERROR(FromRocks(core_->db->Write(wo, batch_.GetWriteBatch()), "commit"));
    core_->next_dictionary_id = next_id_;
    core_->next_blank_id = next_blank_;
    core_->PublishStats(stats_);
    committed_ = true;
    return Status::OK();
  }

 private:
  Status InternQuad(const Quad& quad, QuadIds& ids) {
    const Term* terms[] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
    TermId* out[] = {&ids.subject, &ids.predicate, &ids.object, &ids.graph};
    for (int i = 0; i < 4; ++i) {
      auto id = Intern(*terms[i]);
      if (!id.ok()) return id.status();
      *out[i] = *id;
    }
    return Status::OK();
  }

  Status LookupQuad(const Quad& quad, QuadIds& ids, bool& known) {
    const Term* terms[] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
    TermId* out[] = {&ids.subject, &ids.predicate, &ids.object, &ids.graph};
    for (int i = 0; i < 4; ++i) {
      if (terms[i]->is_blank()) {
        auto it = blank_labels_.find(terms[i]->value);
        if (it == blank_labels_.end()) { known = false; return Status::OK(); }
        *out[i] = it->second;
        continue;
      }
      auto id = view_.Lookup(*terms[i]);
      if (!id.ok()) return id.status();
      if (!id.value()) { known = false; return Status::OK(); }
      *out[i] = *id.value();
    }
    return Status::OK();
  }

  Status KeyExists(rocksdb::ColumnFamilyHandle* cf, const std::string& key, bool& exists) {
    std::string value;
    rocksdb::Status st = view_.Get(cf, key, value);
    if (st.IsNotFound()) { exists = false; return Status::OK(); }
    exists = st.ok();
    return FromRocks(st, "read");
  }

  // Distinct subjects and objects per (graph, predicate) are settled once per transaction, not
  // per quad. Checking "is this the first/last quad with (g, s, p)?" at every insert or removal
  // cost an iterator per quad, and for removals a seek through the write batch that skips every
  // entry already deleted after the prefix: quadratic (100,000 removals took 283 s). Instead each
  // key keeps the net number of quads this transaction added under it (every insert and removal
  // is of a quad that really was absent or present), and at commit the DB alone (writers are
  // serialised, so it is the state before the transaction) says whether the prefix had quads
  // before: at most one seek per key, plus, for a key that lost n quads, a count of at most n+1
  // entries. Linear in the quads touched.
  void NoteDistinctKeys(const QuadIds& q, int delta) {
    subject_keys_[{q.graph.bits, q.subject.bits, q.predicate.bits}] += delta;
    object_keys_[{q.graph.bits, q.predicate.bits, q.object.bits}] += delta;
  }

  Status SettleDistinctCounts() {
    std::map<int, std::unique_ptr<rocksdb::Iterator>> base;  // index order -> iterator on the DB
    rocksdb::ReadOptions ro;
    for (bool subject_side : {true, false}) {
      for (const auto& [k, net] : subject_side ? subject_keys_ : object_keys_) {
        QuadIds q;
        q.graph = TermId{k[0]};
        q.predicate = TermId{subject_side ? k[2] : k[1]};
        (subject_side ? q.subject : q.object) = TermId{subject_side ? k[1] : k[2]};
        bool before = false, after = net > 0;
        if (!reset_graphs_.count(q.graph)) {  // a dropped graph starts from nothing
          bool named = !q.graph.is_none();
          int len = 0;
          IndexOrder order = subject_side ? ChooseIndex(true, true, false, named, named, len)
                                          : ChooseIndex(false, true, true, named, named, len);
          auto& it = base[static_cast<int>(order)];
          if (!it) it.reset(core_->db->NewIterator(ro, core_->cf(order)));
          std::string prefix = PatternPrefix(order, q, len);
          std::int64_t needed = net < 0 ? 1 - net : 1;  // entries that prove the prefix still has quads
          std::int64_t found = 0;
          for (it->Seek(prefix); found < needed && it->Valid() && it->key().starts_with(prefix); it->Next()) ++found;
          CAIRN_RETURN_IF_ERROR(FromRocks(it->status(), "read"));
          before = found > 0;
          after = found + net > 0;
        }
        if (before == after) continue;
        PredicateStats& ps = stats_->predicates[{q.graph, q.predicate}];
        std::uint64_t& count = subject_side ? ps.distinct_subjects : ps.distinct_objects;
        count = after ? count + 1 : count - 1;
        touched_.insert({q.graph, q.predicate});
      }
    }
    return Status::OK();
  }

  Status PutAll(const QuadIds& q, bool remove) {
    bool named = !q.graph.is_none();
    int first = named ? static_cast<int>(IndexOrder::kSpog) : static_cast<int>(IndexOrder::kDspo);
    int count = named ? 6 : 3;
    for (int i = first; i < first + count; ++i) {
      auto order = static_cast<IndexOrder>(i);
      std::string key = QuadKey(order, q);
      rocksdb::Status st = remove ? batch_.Delete(core_->cf(order), key) : batch_.Put(core_->cf(order), key, "");
      CAIRN_RETURN_IF_ERROR(FromRocks(st, "batch"));
    }
    return Status::OK();
  }

  Status EnsureGraph(TermId graph) {
    if (stats_->graph_triples.count(graph)) return Status::OK();
    std::string key;
    AppendTermKey(graph, key);
    CAIRN_RETURN_IF_ERROR(FromRocks(batch_.Put(core_->cf(Family::kGraphs), key, ""), "batch"));
    stats_->graph_triples[graph] = 0;
    touched_graphs_.insert(graph);
    return Status::OK();
  }

  std::shared_ptr<StoreCore> core_;
  std::unique_lock<std::mutex> lock_;
  rocksdb::WriteBatchWithIndex batch_;
  std::shared_ptr<Statistics> stats_;
  std::uint64_t next_id_;
  std::uint64_t next_blank_;
  RocksReadView view_;
  absl::flat_hash_map<std::string, TermId> blank_labels_;
  // Dictionary form -> id of every term this transaction interned: predicates, classes and
  // repeated subjects are looked up once, not once per quad through the growing write batch.
  absl::flat_hash_map<std::string, TermId> interned_;
  std::set<std::pair<TermId, TermId>> touched_;
  std::set<TermId> touched_graphs_;
  // Keys whose distinct-count contribution is settled at commit, with the net number of quads
  // added under each: {graph, subject, predicate} and {graph, predicate, object} (ordered as the
  // graph-first indexes, so the seeks run forward).
  std::map<std::array<std::uint64_t, 3>, std::int64_t> subject_keys_, object_keys_;
  std::set<TermId> reset_graphs_;  // dropped during this transaction
  bool dictionary_changed_ = false;
  bool committed_ = false;
};

rocksdb::ColumnFamilyOptions IndexFamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache, bool bloom) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.block_size = 16 * 1024;
  table.format_version = 5;
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  if (bloom) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.compression = rocksdb::kZSTD;
  cf.bottommost_compression = rocksdb::kZSTD;
  cf.level_compaction_dynamic_level_bytes = true;
  return cf;
}

class RocksQuadStore final : public QuadStore {
 public:
  explicit RocksQuadStore(std::shared_ptr<StoreCore> core) : core_(std::move(core)) {}
  ~RocksQuadStore() override {
    if (core_->db) {
      if (!core_->options.read_only) {
        rocksdb::FlushOptions fo;
        core_->db->Flush(fo, core_->index_cf);  // a clean close leaves no WAL to replay
      }
      for (auto* cf : core_->index_cf) core_->db->DestroyColumnFamilyHandle(cf);
      for (auto* cf : core_->family_cf) core_->db->DestroyColumnFamilyHandle(cf);
      core_->db->DestroyColumnFamilyHandle(core_->default_cf);
      core_->db->Close();
    }
  }

  std::shared_ptr<const ReadView> Snapshot() const override {
    return std::make_shared<RocksReadView>(core_, core_->CurrentStats());
  }

  Result<std::unique_ptr<WriteTransaction>> BeginWrite() override {
    if (core_->options.read_only) return Status::InvalidArgument("store is open read-only");
    return std::unique_ptr<WriteTransaction>(new RocksWriteTransaction(core_));
  }

  Result<std::unique_ptr<BulkLoader>> NewBulkLoader() override {
    if (core_->options.read_only) return Status::InvalidArgument("store is open read-only");
    return internal::MakeBulkLoader(core_);
  }

  Status ClearGraphs(const std::vector<TermId>& graphs, bool keep_empty) override {
    if (core_->options.read_only) return Status::InvalidArgument("store is open read-only");
    std::lock_guard lock(core_->write_mutex);
    rocksdb::WriteBatch batch;
    auto stats = std::make_shared<Statistics>(*core_->CurrentStats());
    auto* stats_cf = core_->cf(Family::kStats);
    const rocksdb::Snapshot* snapshot = core_->db->GetSnapshot();
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot;
    Status status;
    for (TermId g : graphs) {
      if (g.is_none()) {
        // Every default-graph key starts with a term tag byte below 0x40.
        for (IndexOrder order : {IndexOrder::kDspo, IndexOrder::kDpos, IndexOrder::kDosp})
          status = FromRocks(batch.DeleteRange(core_->cf(order), "", "\xff"), "batch");
      } else {
        std::string prefix;
        AppendTermKey(g, prefix);
        std::string end = PrefixUpperBound(prefix);
        for (IndexOrder order : {IndexOrder::kGspo, IndexOrder::kGpos, IndexOrder::kGosp})
          if (status.ok()) status = FromRocks(batch.DeleteRange(core_->cf(order), prefix, end), "batch");
        // The graph-last orders cannot be range-deleted: one delete per quad, found through gspo.
        std::unique_ptr<rocksdb::Iterator> it(core_->db->NewIterator(ro, core_->cf(IndexOrder::kGspo)));
        QuadIds q;
        for (it->Seek(prefix); status.ok() && it->Valid() && it->key().starts_with(prefix); it->Next()) {
          if (!DecodeQuadKey(IndexOrder::kGspo, std::string_view(it->key().data(), it->key().size()), q)) {
            status = Status::Corruption("malformed key in gspo");
            break;
          }
          for (IndexOrder order : {IndexOrder::kSpog, IndexOrder::kPosg, IndexOrder::kOspg})
            if (status.ok()) status = FromRocks(batch.Delete(core_->cf(order), QuadKey(order, q)), "batch");
        }
        if (status.ok()) status = FromRocks(it->status(), "scan");
        if (status.ok() && !keep_empty) status = FromRocks(batch.Delete(core_->cf(Family::kGraphs), prefix), "batch");
      }
      for (auto p = stats->predicates.begin(); p != stats->predicates.end();) {
        if (p->first.first == g) {
          if (status.ok()) status = FromRocks(batch.Delete(stats_cf, Statistics::PredicateKey(g, p->first.second)), "batch");
          p = stats->predicates.erase(p);
        } else {
          ++p;
        }
      }
      bool keep = keep_empty && !g.is_none() && stats->graph_triples.count(g);
      if (keep) {
        stats->graph_triples[g] = 0;
        if (status.ok()) status = FromRocks(batch.Put(stats_cf, Statistics::GraphKey(g), Statistics::EncodeCount(0)), "batch");
      } else {
        stats->graph_triples.erase(g);
        if (status.ok()) status = FromRocks(batch.Delete(stats_cf, Statistics::GraphKey(g)), "batch");
      }
    }
    core_->db->ReleaseSnapshot(snapshot);
    CAIRN_RETURN_IF_ERROR(status);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    CAIRN_RETURN_IF_ERROR(FromRocks(core_->db->Write(wo, &batch), "commit"));
    core_->PublishStats(stats);
    return Status::OK();
  }

  std::uint64_t DiskSizeBytes() const override {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(core_->path, ec)) {
      if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
  }

  Status Flush() override {
    rocksdb::FlushOptions fo;
    std::vector<rocksdb::ColumnFamilyHandle*> all(core_->index_cf);
    all.insert(all.end(), core_->family_cf.begin(), core_->family_cf.end());
    return FromRocks(core_->db->Flush(fo, all), "flush");
  }

 private:
  std::shared_ptr<StoreCore> core_;
};

}  // namespace

Result<std::unique_ptr<QuadStore>> QuadStore::Open(const std::string& path, const StoreOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool exists = fs::exists(fs::path(path) / "CURRENT", ec);
  if (!exists && (!options.create_if_missing || options.read_only))
    return Status::NotFound("no store at " + path);
  if (!exists) {
    fs::create_directories(path, ec);
    if (ec) return Status::IOError("cannot create " + path + ": " + ec.message());
  }

  auto core = std::make_shared<StoreCore>();
  core->path = path;
  core->options = options;
  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = 1 << 20;
  db_options.info_log_level = rocksdb::WARN_LEVEL;
  db_options.keep_log_file_num = 2;
  db_options.max_manifest_file_size = 16 << 20;

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (int i = 0; i < kIndexOrderCount; ++i) {
    auto order = static_cast<IndexOrder>(i);
    // Point lookups (does this quad exist?) only go to the primary orders.
    bool bloom = order == IndexOrder::kDspo || order == IndexOrder::kGspo;
    descriptors.emplace_back(SpecOf(order).column_family, IndexFamilyOptions(cache, bloom));
  }
  for (const char* name : internal::kFamilyNames) {
    bool str2id = std::string_view(name) == "str2id";
    auto cf_options = IndexFamilyOptions(cache, str2id || std::string_view(name) == "id2str");
    if (str2id) cf_options.compression = cf_options.bottommost_compression = rocksdb::kNoCompression;
    descriptors.emplace_back(name, cf_options);
  }
  // Bulk-load SSTs: ZSTD level 1 writes about twice as fast as the default level 3 for a few
  // percent more bytes; compactions later rewrite at the column family's default level.
  core->sst_options = rocksdb::Options(db_options, IndexFamilyOptions(cache, false));
  core->sst_options.compression_opts.level = 1;
  core->sst_options_uncompressed = core->sst_options;
  core->sst_options_uncompressed.compression = rocksdb::kNoCompression;

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status st = options.read_only
                           ? rocksdb::DB::OpenForReadOnly(db_options, path, descriptors, &handles, &raw)
                           : rocksdb::DB::Open(db_options, path, descriptors, &handles, &raw);
  if (!st.ok()) {
    if (st.IsIOError() && st.ToString().find("lock") != std::string::npos)
      return Status::Busy("store " + path + " is in use by another process (" + st.ToString() + ")");
    return FromRocks(st, ("cannot open store " + path).c_str());
  }
  core->db.reset(raw);
  core->default_cf = handles[0];
  core->index_cf.assign(handles.begin() + 1, handles.begin() + 1 + kIndexOrderCount);
  core->family_cf.assign(handles.begin() + 1 + kIndexOrderCount, handles.end());
  auto store = std::make_unique<RocksQuadStore>(core);

  // Format version: written on creation, checked on every open.
  std::string value;
  auto* meta = core->cf(Family::kMeta);
  st = core->db->Get(rocksdb::ReadOptions(), meta, "format_version", &value);
  if (st.IsNotFound()) {
    if (options.read_only) return Status::Corruption(path + " is not a Cairn store (no format version)");
    st = core->db->Put(rocksdb::WriteOptions(), meta, "format_version", std::to_string(internal::kFormatVersion));
    if (!st.ok()) return FromRocks(st, "write format version");
  } else if (!st.ok()) {
    return FromRocks(st, "read format version");
  } else if (value != std::to_string(internal::kFormatVersion)) {
    return Status::Corruption(path + " has store format " + value + ", this cairn reads format " +
                              std::to_string(internal::kFormatVersion));
  }
  if (core->db->Get(rocksdb::ReadOptions(), meta, "next_id", &value).ok())
    core->next_dictionary_id = ReadBigEndian64(value);
  if (core->db->Get(rocksdb::ReadOptions(), meta, "next_blank", &value).ok())
    core->next_blank_id = ReadBigEndian64(value);

  auto stats = std::make_shared<Statistics>();
  std::unique_ptr<rocksdb::Iterator> it(core->db->NewIterator(rocksdb::ReadOptions(), core->cf(Family::kStats)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!stats->LoadEntry(std::string_view(it->key().data(), it->key().size()),
                          std::string_view(it->value().data(), it->value().size())))
      return Status::Corruption("malformed statistics entry");
  }
  if (!it->status().ok()) return FromRocks(it->status(), "read statistics");
  core->stats = std::move(stats);
  return std::unique_ptr<QuadStore>(std::move(store));
}

}  // namespace cairn
