// QuadStore on a real RocksDB in a temporary directory: every pattern shape against a brute-force
// filter, snapshots, atomicity, exact literals, statistics and persistence.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "storage/quad_store.h"
#include "tests/test_util.h"

using namespace cairn;
using cairn::testing::Iri;
using cairn::testing::Lit;
using cairn::testing::Q;
using cairn::testing::TempDir;

namespace {

std::unique_ptr<QuadStore> OpenStore(const std::string& path, StoreOptions options = {}) {
  auto store = QuadStore::Open(path, options);
  REQUIRE(store.ok());
  return std::move(store).value();
}

// A deterministic mix of default-graph and named-graph quads with shared terms.
std::vector<Quad> SampleQuads(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Quad> quads;
  for (int i = 0; i < n; ++i) {
    Term s = Iri("s" + std::to_string(rng() % 12));
    Term p = Iri("p" + std::to_string(rng() % 4));
    Term o = rng() % 3 == 0 ? Lit(std::to_string(rng() % 7), "integer") : Iri("s" + std::to_string(rng() % 12));
    Term g = rng() % 3 == 0 ? Term::DefaultGraph() : Iri("g" + std::to_string(rng() % 3));
    quads.push_back(Q(s, p, o, g));
  }
  return quads;
}

std::set<Quad> Decode(const ReadView& view, QuadIterator& it) {
  std::set<Quad> out;
  for (; it.Valid(); it.Next()) {
    const QuadIds& ids = it.quad();
    Quad q{*view.Decode(ids.subject), *view.Decode(ids.predicate), *view.Decode(ids.object), *view.Decode(ids.graph)};
    out.insert(q);
  }
  REQUIRE(it.status().ok());
  return out;
}

TermId IdOf(const ReadView& view, const Term& t) {
  auto id = view.Lookup(t);
  REQUIRE(id.ok());
  REQUIRE(id.value().has_value());
  return *id.value();
}

// Recomputes statistics from scratch, to check the incrementally maintained ones.
Statistics Recount(const std::set<Quad>& quads, const ReadView& view) {
  Statistics s;
  std::map<std::pair<TermId, TermId>, std::set<TermId>> subjects, objects;
  for (const Quad& q : quads) {
    TermId g = IdOf(view, q.graph), p = IdOf(view, q.predicate);
    s.graph_triples[g]++;
    s.predicates[{g, p}].triples++;
    subjects[{g, p}].insert(IdOf(view, q.subject));
    objects[{g, p}].insert(IdOf(view, q.object));
  }
  for (auto& [key, st] : s.predicates) {
    st.distinct_subjects = subjects[key].size();
    st.distinct_objects = objects[key].size();
  }
  return s;
}

void CheckStats(const Statistics& actual, const Statistics& expected) {
  for (const auto& [g, n] : expected.graph_triples) {
    INFO("graph " << g.bits);
    REQUIRE(actual.graph_triples.count(g));
    CHECK(actual.graph_triples.at(g) == n);
  }
  for (const auto& [g, n] : actual.graph_triples)
    if (!expected.graph_triples.count(g)) CHECK(n == 0);
  CHECK(actual.predicates.size() == expected.predicates.size());
  for (const auto& [key, st] : expected.predicates) {
    REQUIRE(actual.predicates.count(key));
    const PredicateStats& a = actual.predicates.at(key);
    CHECK(a.triples == st.triples);
    CHECK(a.distinct_subjects == st.distinct_subjects);
    CHECK(a.distinct_objects == st.distinct_objects);
  }
}

// Every combination of bound subject/predicate/object and every graph selector, against a filter.
// With a cursor, every pattern goes through that one cursor (re-seeked each time, after a
// partly read scan of everything), instead of a fresh Scan.
void CheckAllPatterns(const ReadView& view, const std::set<Quad>& expected, QuadCursor* cursor = nullptr) {
  std::vector<Quad> sample(expected.begin(), expected.end());
  for (std::size_t k = 0; k < sample.size(); k += std::max<std::size_t>(1, sample.size() / 8)) {
    const Quad& probe = sample[k];
    for (int mask = 0; mask < 8; ++mask) {
      for (int gmode = 0; gmode < 4; ++gmode) {
        QuadPattern pattern;
        if (mask & 1) pattern.subject = IdOf(view, probe.subject);
        if (mask & 2) pattern.predicate = IdOf(view, probe.predicate);
        if (mask & 4) pattern.object = IdOf(view, probe.object);
        GraphSelector sel[] = {GraphSelector::Default(), GraphSelector::All(), GraphSelector::AnyNamed(),
                               GraphSelector::One(IdOf(view, probe.graph))};
        pattern.graph = sel[gmode];
        std::set<Quad> want;
        for (const Quad& q : expected) {
          if ((mask & 1) && q.subject != probe.subject) continue;
          if ((mask & 2) && q.predicate != probe.predicate) continue;
          if ((mask & 4) && q.object != probe.object) continue;
          if (gmode == 0 && !q.graph.is_default_graph()) continue;
          if (gmode == 2 && q.graph.is_default_graph()) continue;
          if (gmode == 3 && q.graph != probe.graph) continue;
          want.insert(q);
        }
        INFO("mask " << mask << " graph mode " << gmode);
        if (cursor != nullptr) {
          cursor->Seek(QuadPattern{{}, {}, {}, GraphSelector::All()});
          if (cursor->Valid()) cursor->Next();
          cursor->Seek(pattern);
          CHECK(Decode(view, *cursor) == want);
          continue;
        }
        auto it = view.Scan(pattern);
        CHECK(Decode(view, *it) == want);
      }
    }
  }
}

}  // namespace

TEST_CASE("transactions: every pattern is answered exactly, statistics stay exact", "[storage][store]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  std::vector<Quad> quads = SampleQuads(400, 1);
  std::set<Quad> expected(quads.begin(), quads.end());
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    for (const Quad& q : quads) REQUIRE((*txn)->Insert(q).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto view = store->Snapshot();
  CheckAllPatterns(*view, expected);
  CheckStats(view->statistics(), Recount(expected, *view));

  // Remove a third of them: statistics follow, including distinct counts going down.
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    int i = 0;
    for (auto it = expected.begin(); it != expected.end();) {
      if (i++ % 3 == 0) {
        REQUIRE((*txn)->Remove(*it).ok());
        it = expected.erase(it);
      } else {
        ++it;
      }
    }
    REQUIRE((*txn)->Commit().ok());
  }
  auto after = store->Snapshot();
  CheckAllPatterns(*after, expected);
  CheckStats(after->statistics(), Recount(expected, *after));
  // The earlier snapshot still sees the data as it was.
  auto old_all = view->Scan(QuadPattern{{}, {}, {}, GraphSelector::All()});
  CHECK(Decode(*view, *old_all).size() == std::set<Quad>(quads.begin(), quads.end()).size());
}

// The distinct counts are settled at commit from each key's net change; these mixes are the
// ones that could fool that: many quads sharing an object removed at once (this was quadratic),
// a quad inserted and removed again, and a graph dropped and refilled in one transaction.
TEST_CASE("transactions: distinct counts stay exact through mixed inserts, removals and drops", "[storage][store]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  std::set<Quad> expected;
  const Term type = Iri("type"), cls = Iri("Class"), g = Iri("g"), h = Iri("h");
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    for (int i = 0; i < 3000; ++i) {
      for (const Term& graph : {g, h}) {
        Quad q = Q(Iri("item" + std::to_string(i)), type, cls, graph);
        REQUIRE((*txn)->Insert(q).ok());
        expected.insert(q);
        Quad v = Q(Iri("item" + std::to_string(i)), Iri("value"), Lit(std::to_string(i % 50), "integer"), graph);
        REQUIRE((*txn)->Insert(v).ok());
        expected.insert(v);
      }
    }
    REQUIRE((*txn)->Commit().ok());
  }
  {
    auto view = store->Snapshot();
    CheckStats(view->statistics(), Recount(expected, *view));
  }
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    // All 3,000 quads sharing (g, type, Class) but one go; a quad comes and goes again.
    for (int i = 1; i < 3000; ++i) {
      Quad q = Q(Iri("item" + std::to_string(i)), type, cls, g);
      REQUIRE((*txn)->Remove(q).ok());
      expected.erase(q);
    }
    Quad transient = Q(Iri("new"), type, Iri("Other"), g);
    REQUIRE((*txn)->Insert(transient).ok());
    REQUIRE((*txn)->Remove(transient).ok());
    Quad back = Q(Iri("item0"), Iri("value"), Lit("0", "integer"), g);  // removed and inserted again
    REQUIRE((*txn)->Remove(back).ok());
    REQUIRE((*txn)->Insert(back).ok());
    // Graph h is dropped, then gets one quad (an old one) and one new one back.
    auto hid = (*txn)->Intern(h);
    REQUIRE(hid.ok());
    REQUIRE((*txn)->DropGraph(*hid).ok());
    std::erase_if(expected, [&](const Quad& q) { return q.graph == h; });
    for (const Quad& q : {Q(Iri("item7"), type, cls, h), Q(Iri("fresh"), type, cls, h)}) {
      REQUIRE((*txn)->Insert(q).ok());
      expected.insert(q);
    }
    REQUIRE((*txn)->Commit().ok());
  }
  auto view = store->Snapshot();
  CheckAllPatterns(*view, expected);
  CheckStats(view->statistics(), Recount(expected, *view));
}

TEST_CASE("bulk load with spilled runs equals the same data inserted one by one", "[storage][store][bulk]") {
  TempDir dir;
  StoreOptions options;
  options.bulk_chunk_quads = 64;  // force many sorted runs on disk and a k-way merge
  auto store = OpenStore(dir.path(), options);
  std::vector<Quad> quads = SampleQuads(1000, 2);
  {
    auto loader = store->NewBulkLoader();
    REQUIRE(loader.ok());
    for (const Quad& q : quads) REQUIRE((*loader)->Add(q).ok());
    auto summary = (*loader)->Finish();
    REQUIRE(summary.ok());
    CHECK(summary->statements_read == 1000);
    CHECK(summary->quads_added == std::set<Quad>(quads.begin(), quads.end()).size());
  }
  std::set<Quad> expected(quads.begin(), quads.end());
  // A second load overlapping the first: duplicates are not counted twice.
  std::vector<Quad> more = SampleQuads(600, 3);
  {
    auto loader = store->NewBulkLoader();
    REQUIRE(loader.ok());
    for (const Quad& q : more) REQUIRE((*loader)->Add(q).ok());
    auto summary = (*loader)->Finish();
    REQUIRE(summary.ok());
    std::size_t fresh = 0;
    for (const Quad& q : std::set<Quad>(more.begin(), more.end())) fresh += expected.count(q) == 0;
    CHECK(summary->quads_added == fresh);
  }
  expected.insert(more.begin(), more.end());
  auto view = store->Snapshot();
  CheckAllPatterns(*view, expected);
  CheckStats(view->statistics(), Recount(expected, *view));
}

TEST_CASE("an unfinished bulk load or uncommitted transaction stores nothing", "[storage][store][atomic]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  {
    auto loader = store->NewBulkLoader();
    REQUIRE(loader.ok());
    for (const Quad& q : SampleQuads(100, 4)) REQUIRE((*loader)->Add(q).ok());
    // destroyed without Finish()
  }
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    REQUIRE((*txn)->Insert(Q(Iri("a"), Iri("b"), Iri("c"))).ok());
    // destroyed without Commit()
  }
  auto view = store->Snapshot();
  auto it = view->Scan(QuadPattern{{}, {}, {}, GraphSelector::All()});
  CHECK_FALSE(it->Valid());
  CHECK(view->statistics().total_triples() == 0);
  CHECK(view->NamedGraphs().empty());
  auto id = view->Lookup(Iri("a"));
  REQUIRE(id.ok());
  CHECK_FALSE(id.value().has_value());  // not even a dictionary entry leaked
}

TEST_CASE("literals come back exactly as stored, after a reopen too", "[storage][store]") {
  TempDir dir;
  const std::vector<Term> objects = {
      Lit("01", "integer"), Lit("1", "integer"), Lit("1", "int"), Lit("1.50", "decimal"), Lit("1.5", "decimal"),
      Lit("1.0e0", "double"), Lit("1.0E0", "double"), Lit("2025-03-30T01:30:00+01:00", "dateTime"),
      Lit("2025-03-30T00:30:00Z", "dateTime"), Term::LangLiteral("Gwasanaeth", "cy"), Term::LangLiteral("Colour", "en-GB"),
      Lit("short"), Lit(std::string(300, 'x')), Term::Literal("x", "http://example.org/custom")};
  {
    auto store = OpenStore(dir.path());
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    for (const Term& o : objects) REQUIRE((*txn)->Insert(Q(Iri("s"), Iri("p"), o)).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto store = OpenStore(dir.path());  // reopened: data and statistics persisted
  auto view = store->Snapshot();
  auto it = view->Scan(QuadPattern{IdOf(*view, Iri("s")), {}, {}, GraphSelector::Default()});
  std::set<Term> got;
  for (; it->Valid(); it->Next()) got.insert(*view->Decode(it->quad().object));
  std::set<Term> want(objects.begin(), objects.end());
  // Language tags are the one exception: case-insensitive, stored in lower case (RDF 1.1).
  want.erase(Term::LangLiteral("Colour", "en-GB"));
  want.insert(Term::LangLiteral("Colour", "en-gb"));
  CHECK(got == want);
  CHECK(view->statistics().total_triples() == objects.size());
}

TEST_CASE("language tags are case-insensitive: @EN and @en are one term", "[storage][store]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  auto txn = store->BeginWrite();
  REQUIRE(txn.ok());
  REQUIRE((*txn)->Insert(Q(Iri("s"), Iri("p"), Term::LangLiteral("chat", "FR-be"))).ok());
  REQUIRE((*txn)->Insert(Q(Iri("s"), Iri("p"), Term::LangLiteral("chat", "fr-BE"))).ok());
  REQUIRE((*txn)->Commit().ok());
  auto view = store->Snapshot();
  CHECK(view->statistics().total_triples() == 1);
  auto id = view->Lookup(Term::LangLiteral("chat", "Fr-Be"));
  REQUIRE(id.ok());
  REQUIRE(id.value().has_value());
  CHECK(view->Decode(*id.value())->language == "fr-be");
}

TEST_CASE("blank-node labels are scoped per document and per transaction", "[storage][store]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  auto loader = store->NewBulkLoader();
  REQUIRE(loader.ok());
  (*loader)->NewBlankNodeScope();
  REQUIRE((*loader)->Add(Q(Term::BlankNode("x"), Iri("p"), Lit("1", "integer"))).ok());
  (*loader)->NewBlankNodeScope();
  REQUIRE((*loader)->Add(Q(Term::BlankNode("x"), Iri("p"), Lit("1", "integer"))).ok());
  REQUIRE((*loader)->Finish().ok());
  auto view = store->Snapshot();
  CHECK(view->statistics().total_triples() == 2);  // two different blank nodes
}

TEST_CASE("empty named graphs exist; dropping a graph removes its quads", "[storage][store]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    REQUIRE((*txn)->CreateGraph(Iri("empty")).ok());
    REQUIRE((*txn)->Insert(Q(Iri("a"), Iri("b"), Iri("c"), Iri("g"))).ok());
    REQUIRE((*txn)->Insert(Q(Iri("a"), Iri("b"), Iri("d"), Iri("g"))).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto view = store->Snapshot();
  CHECK(view->NamedGraphs().size() == 2);
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    REQUIRE((*txn)->DropGraph(IdOf(*view, Iri("g"))).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto after = store->Snapshot();
  CHECK(after->NamedGraphs().size() == 1);
  CHECK(after->statistics().total_triples() == 0);
  CHECK_FALSE(after->Scan(QuadPattern{{}, {}, {}, GraphSelector::All()})->Valid());
}

TEST_CASE("a second writer waits; a read-only open refuses writes", "[storage][store]") {
  TempDir dir;
  { auto store = OpenStore(dir.path()); }
  StoreOptions ro;
  ro.read_only = true;
  auto store = OpenStore(dir.path(), ro);
  CHECK_FALSE(store->BeginWrite().ok());
  CHECK_FALSE(store->NewBulkLoader().ok());
  StoreOptions missing;
  missing.create_if_missing = false;
  auto none = QuadStore::Open(dir.file("nope"), missing);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().IsNotFound());
}

TEST_CASE("ClearGraphs: range deletions, exact statistics, CLEAR keeps and DROP removes graphs", "[storage][store]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  std::vector<Quad> quads = SampleQuads(600, 5);
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    for (const Quad& q : quads) REQUIRE((*txn)->Insert(q).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto before = store->Snapshot();
  TermId g0 = IdOf(*before, Iri("g0")), g1 = IdOf(*before, Iri("g1"));
  REQUIRE(store->ClearGraphs({g0, TermId::None()}, /*keep_empty=*/true).ok());  // CLEAR GRAPH g0, CLEAR DEFAULT
  std::set<Quad> expected;
  for (const Quad& q : quads)
    if (q.graph == Iri("g1") || q.graph == Iri("g2")) expected.insert(q);
  auto after = store->Snapshot();
  CheckAllPatterns(*after, expected);
  CheckStats(after->statistics(), Recount(expected, *after));
  CHECK(after->NamedGraphs().size() == 3);  // g0 is still there, empty
  REQUIRE(store->ClearGraphs({g0, g1}, /*keep_empty=*/false).ok());  // DROP
  for (auto it = expected.begin(); it != expected.end();) it = it->graph == Iri("g1") ? expected.erase(it) : std::next(it);
  auto dropped = store->Snapshot();
  CheckAllPatterns(*dropped, expected);
  CheckStats(dropped->statistics(), Recount(expected, *dropped));
  CHECK(dropped->NamedGraphs().size() == 1);
}

TEST_CASE("a cursor re-seeked across patterns answers each like a fresh scan", "[storage][store]") {
  TempDir dir;
  auto store = OpenStore(dir.path());
  std::vector<Quad> quads = SampleQuads(300, 7);
  std::set<Quad> expected(quads.begin(), quads.end());
  {
    auto txn = store->BeginWrite();
    REQUIRE(txn.ok());
    for (const Quad& q : quads) REQUIRE((*txn)->Insert(q).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto view = store->Snapshot();
  auto cursor = view->NewCursor();
  CheckAllPatterns(*view, expected, cursor.get());

  // Inside a transaction the cursor also sees the transaction's own uncommitted writes.
  auto txn = store->BeginWrite();
  REQUIRE(txn.ok());
  std::vector<Quad> more = SampleQuads(60, 8);
  for (const Quad& q : more) {
    REQUIRE((*txn)->Insert(q).ok());
    expected.insert(q);
  }
  REQUIRE((*txn)->Remove(*expected.begin()).ok());
  expected.erase(expected.begin());
  auto txn_cursor = (*txn)->view().NewCursor();
  CheckAllPatterns((*txn)->view(), expected, txn_cursor.get());
}
