// Plans whose triple patterns switch from index probes to a hash join (PatternScan with a
// HashJoinOption) or share a SubjectStarCache, and the filter-aware pattern order: the answers must be exactly those of the
// plain index nested loop, whatever binds the variables (earlier patterns, the input row of an
// EXISTS, a repeated variable) and whichever graph the pattern reads.
#include <catch2/catch.hpp>

#include <set>

#include "engine/rdf_reader.h"
#include "engine/store.h"
#include "sparql/eval/planner.h"
#include "sparql/parser/sparql_parser.h"
#include "tests/test_util.h"

using namespace cairn;
using cairn::testing::TempDir;

namespace {

constexpr int kSubjects = 40;

// :s0..:s39 of type :T with :val i and :link to :o(i % 5); :oJ :name "o J"; every third subject
// also :self itself; a copy of the links in graph :g, and a decoy graph :h.
std::string Data() {
  std::string d = "@prefix : <http://example.org/> .\n";
  for (int i = 0; i < kSubjects; ++i) {
    std::string s = ":s" + std::to_string(i);
    d += s + " a :T ; :val " + std::to_string(i) + " ; :link :o" + std::to_string(i % 5) + " .\n";
    if (i % 3 == 0) d += s + " :self " + s + " .\n";
    else d += s + " :self :s" + std::to_string((i + 1) % kSubjects) + " .\n";
  }
  for (int j = 0; j < 5; ++j) d += ":o" + std::to_string(j) + " :name \"o " + std::to_string(j) + "\" .\n";
  d += ":g {\n";
  for (int i = 0; i < kSubjects; ++i) d += ":s" + std::to_string(i) + " :link :o" + std::to_string(i % 5) + " .\n";
  d += "}\n:h { :s1 :link :o4 . :s2 :link :nowhere . }\n";
  return d;
}

struct Fixture {
  TempDir dir;
  std::unique_ptr<Store> store;

  explicit Fixture(const std::string& extra = "") {
    auto s = Store::Open(dir.file("store"), StoreOptions());
    REQUIRE(s.ok());
    store = std::move(s).value();
    auto txn = store->quad_store().BeginWrite();
    REQUIRE(txn.ok());
    RdfReadOptions options;
    options.format = RdfFormat::kTriG;
    REQUIRE(ReadRdfString(Data() + extra, "data.trig", options, [&](const Quad& q) { return (*txn)->Insert(q); }).ok());
    REQUIRE((*txn)->Commit().ok());
  }

  // SELECT results as "term term ..." rows (in projection order), as a multiset, and the plan.
  std::multiset<std::string> Select(const std::string& body, std::string* plan = nullptr) {
    auto query = sparql::ParseQuery("PREFIX : <http://example.org/> " + body, "http://example.org/");
    REQUIRE(query.ok());
    auto results = store->Execute(*query, {});
    REQUIRE(results.ok());
    if (plan) *plan = (*results)->Explain();
    std::multiset<std::string> rows;
    std::vector<std::optional<Term>> row;
    for (;;) {
      auto more = (*results)->NextSolution(row);
      REQUIRE(more.ok());
      if (!*more) break;
      std::string s;
      for (const auto& t : row) s += (s.empty() ? "" : " ") + (t ? ToNTriples(*t) : std::string("-"));
      rows.insert(s);
    }
    return rows;
  }
};

std::string S(int i) { return "<http://example.org/s" + std::to_string(i) + ">"; }
std::string O(int j) { return "<http://example.org/o" + std::to_string(j) + ">"; }
std::string Name(int j) { return "\"o " + std::to_string(j) + "\""; }

}  // namespace

TEST_CASE("the break-even of a hash join grows with the pattern's size", "[sparql][eval][hash]") {
  CHECK(*sparql::HashJoinBreakEven(0) == 1);
  CHECK(*sparql::HashJoinBreakEven(860) < 100);  // WatDiv C2: 692 probes of 860 matches
  CHECK(*sparql::HashJoinBreakEven(10000) > *sparql::HashJoinBreakEven(1000));
  CHECK_FALSE(sparql::HashJoinBreakEven(1e7).has_value());  // too big to hold: keep probing
}

TEST_CASE("a chain that switches to hash joins gives the index nested loop's answers", "[sparql][eval][hash]") {
  Fixture f;
  std::multiset<std::string> want;
  for (int i = 0; i < kSubjects; ++i) want.insert(S(i) + " " + Name(i % 5));
  std::string plan;
  CHECK(f.Select("SELECT ?s ?n WHERE { ?s a :T . ?s :link ?o . ?o :name ?n }", &plan) == want);
  CHECK_THAT(plan, Catch::Matchers::Contains("hash join after"));
  // Objects as keys (?o bound first through the constant name).
  std::multiset<std::string> want_o1;
  for (int i = 1; i < kSubjects; i += 5) want_o1.insert(S(i));
  CHECK(f.Select("SELECT ?s WHERE { ?o :name \"o 1\" . ?s :link ?o . ?s a :T }") == want_o1);
}

TEST_CASE("hash joins check variables the key does not cover", "[sparql][eval][hash]") {
  Fixture f;
  // ?s twice in one pattern, bound before: both positions are the key.
  std::multiset<std::string> selfs;
  for (int i = 0; i < kSubjects; i += 3) selfs.insert(S(i));
  CHECK(f.Select("SELECT ?s WHERE { ?s a :T . ?s :val ?v . ?s :self ?s }") == selfs);
  // ?x twice, unbound before: each match is checked as it binds.
  CHECK(f.Select("SELECT ?s ?x WHERE { ?s :link :o0 . ?s :val ?v . ?x :self ?x . ?x :link :o0 }").size() ==
        static_cast<std::size_t>(kSubjects / 5) * 3);  // 8 ?s with :o0 times 3 self-linked ones of them
}

TEST_CASE("a hash join inside EXISTS sees the row's bindings and survives re-opening", "[sparql][eval][hash]") {
  Fixture f;
  std::multiset<std::string> want;
  for (int i = 1; i < kSubjects; i += 5) want.insert(S(i));
  CHECK(f.Select("SELECT ?s WHERE { ?s a :T FILTER EXISTS { ?o :name \"o 1\" . ?s :link ?o } }") == want);
  std::multiset<std::string> rest;
  for (int i = 0; i < kSubjects; ++i)
    if (i % 5 != 1) rest.insert(S(i));
  CHECK(f.Select("SELECT ?s WHERE { ?s a :T FILTER NOT EXISTS { ?o :name \"o 1\" . ?s :link ?o } }") == rest);
}

TEST_CASE("hash joins read only the pattern's graph", "[sparql][eval][hash]") {
  Fixture f;
  std::multiset<std::string> in_g;
  for (int i = 0; i < kSubjects; ++i) in_g.insert(S(i) + " " + O(i % 5));
  CHECK(f.Select("SELECT ?s ?o WHERE { GRAPH :g { ?s :link ?o . ?s2 :link ?o FILTER(?s = ?s2) } }") == in_g);
  CHECK(f.Select("SELECT ?s ?o FROM :g WHERE { ?s :link ?o . ?s2 :link ?o FILTER(?s = ?s2) }") == in_g);
  std::multiset<std::string> in_h = {S(1) + " " + O(4), S(2) + " <http://example.org/nowhere>"};
  CHECK(f.Select("SELECT ?s ?o FROM :h WHERE { ?s :link ?o . ?s2 :link ?o FILTER(?s = ?s2) }") == in_h);
  // A constant the store has never seen matches nothing, probed or hashed.
  CHECK(f.Select("SELECT ?s WHERE { ?s a :T . ?s :val ?v . ?s :link :unknown }").empty());
}

TEST_CASE("a numeric range filter is applied as early as its pattern allows", "[sparql][eval][hash]") {
  Fixture f;
  std::multiset<std::string> want;
  for (int i = 11; i < 20; ++i) want.insert(S(i) + " " + Name(i % 5));
  std::string plan;
  CHECK(f.Select("SELECT ?s ?n WHERE { ?s a :T . ?s :link ?o . ?o :name ?n . ?s :val ?v "
                 "FILTER(?v > 10 && ?v < 10 + 10) }",
                 &plan) == want);
  // Once ?s is bound, `?s a :T` and `?s :val ?v` are equally cheap; :val makes the filter ready,
  // so it runs first (deeper in the plan, later in its text).
  CHECK(plan.find("scan ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>") <
        plan.find("scan ?s <http://example.org/val>"));
}

TEST_CASE("the patterns of a star share one read of each subject", "[sparql][eval][hash]") {
  // :big has more triples than the cache holds: its patterns seek the index as usual.
  std::string big = "@prefix : <http://example.org/> .\n:big a :T ; :val 100 ; :link :o1 ; :self :big";
  for (int i = 0; i < 30; ++i) big += " ; :tag " + std::to_string(i);
  big += " .\n";
  Fixture f(big);
  std::multiset<std::string> want;
  for (int i = 1; i < kSubjects; i += 5)
    want.insert(S(i) + " \"" + std::to_string(i) + "\"^^<http://www.w3.org/2001/XMLSchema#integer> " +
                S(i % 3 == 0 ? i : (i + 1) % kSubjects));
  want.insert("<http://example.org/big> \"100\"^^<http://www.w3.org/2001/XMLSchema#integer> <http://example.org/big>");
  std::string plan;
  CHECK(f.Select("SELECT ?s ?v ?x WHERE { ?s :link :o1 . ?s a :T . ?s :val ?v . ?s :self ?x }", &plan) == want);
  CHECK_THAT(plan, Catch::Matchers::Contains("subject star cache"));
  // A constant object in the star that some subjects lack, and a predicate nobody uses.
  std::multiset<std::string> selfs;
  for (int i = 0; i < kSubjects; i += 15) selfs.insert(S(i));  // :o0 and self-linked: 0, 15, 30
  CHECK(f.Select("SELECT ?s WHERE { ?s :link :o0 . ?s a :T . ?s :val ?v . ?s :self ?s }") == selfs);
  CHECK(f.Select("SELECT ?s WHERE { ?s :link :o0 . ?s a :T . ?s :val ?v . ?s :nothing ?z }").empty());
  // Inside EXISTS, re-opened per row, with the subject bound by the input row.
  std::multiset<std::string> exists = {S(5)};
  CHECK(f.Select("SELECT ?s WHERE { ?s :val 5 FILTER EXISTS { ?s a :T . ?s :val ?v . ?s :self ?x . ?s :link ?o } }") ==
        exists);
}
