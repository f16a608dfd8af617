// SPARQL Update transactions: isolation from concurrent readers, durability across a SIGKILL,
// and WHERE evaluated before any change.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "engine/store.h"
#include "sparql/eval/update_executor.h"
#include "sparql/parser/sparql_parser.h"
#include "tests/test_util.h"

using namespace cairn;
using cairn::testing::TempDir;

namespace {

Status Apply(Store& store, const std::string& text) {
  auto update = sparql::ParseUpdate(text);
  if (!update.ok()) return update.status();
  auto done = sparql::ExecuteUpdate(*update, store.quad_store());
  return done.ok() ? Status::OK() : done.status();
}

std::uint64_t CountTriples(Store& store) {
  auto query = sparql::ParseQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
  REQUIRE(query.ok());
  auto results = store.Execute(*query, {});
  REQUIRE(results.ok());
  std::vector<std::optional<Term>> row;
  auto more = (*results)->NextSolution(row);
  REQUIRE(more.ok());
  REQUIRE(*more);
  return std::stoull(row[0]->value);
}

std::string InsertBatch(int batch, int size) {
  std::string text = "INSERT DATA {";
  for (int i = 0; i < size; ++i)
    text += " <http://x/s" + std::to_string(batch) + "-" + std::to_string(i) + "> <http://x/p> " + std::to_string(i) + " .";
  return text + " }";
}

}  // namespace

TEST_CASE("readers never see half of an update", "[sparql][update]") {
  TempDir dir;
  auto store = Store::Open(dir.file("store"), StoreOptions());
  REQUIRE(store.ok());
  std::atomic<bool> done{false};
  std::atomic<int> partial{0}, reads{0};
  std::thread reader([&] {
    while (!done) {
      std::uint64_t n = CountTriples(**store);
      if (n % 100 != 0) ++partial;
      ++reads;
    }
  });
  for (int batch = 0; batch < 40; ++batch) {
    // Two operations per request: a reader must see both or neither.
    std::string text = InsertBatch(batch, 50) + " ; " + InsertBatch(batch + 1000, 50);
    REQUIRE(Apply(**store, text).ok());
  }
  done = true;
  reader.join();
  CHECK(partial == 0);
  CHECK(reads > 0);
  CHECK(CountTriples(**store) == 4000);
}

TEST_CASE("an acknowledged update survives SIGKILL", "[sparql][update]") {
  TempDir dir;
  std::string location = dir.file("store");
  { REQUIRE(Store::Open(location, StoreOptions()).ok()); }
  int ack[2];
  REQUIRE(pipe(ack) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child applies the update, acknowledges, then waits to be killed mid-life: no clean
    // close, no flush of memtables; only the synced WAL can save the data.
    auto store = Store::Open(location, StoreOptions());
    if (!store.ok()) _exit(2);
    if (!Apply(**store, InsertBatch(7, 500)).ok()) _exit(3);
    char byte = 'k';
    if (write(ack[1], &byte, 1) != 1) _exit(4);
    for (;;) pause();
  }
  close(ack[1]);
  char byte = 0;
  REQUIRE(read(ack[0], &byte, 1) == 1);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(ack[0]);
  REQUIRE(WIFSIGNALED(status));
  auto store = Store::Open(location, StoreOptions());
  REQUIRE(store.ok());
  CHECK(CountTriples(**store) == 500);
  CHECK((*store)->Summary().triples == 500);  // statistics came back with the data
}

TEST_CASE("DELETE/INSERT evaluates WHERE once, before changing anything", "[sparql][update]") {
  TempDir dir;
  auto store = Store::Open(dir.file("store"), StoreOptions());
  REQUIRE(store.ok());
  REQUIRE(Apply(**store, "INSERT DATA { <http://x/a> <http://x/n> 1 . <http://x/b> <http://x/n> 2 }").ok());
  // Without the rule, the inserted ?n+1 values would match WHERE again.
  REQUIRE(Apply(**store, "DELETE { ?s <http://x/n> ?n } INSERT { ?s <http://x/n> ?m } "
                         "WHERE { ?s <http://x/n> ?n BIND(?n + 1 AS ?m) }").ok());
  auto query = sparql::ParseQuery("SELECT ?n WHERE { ?s <http://x/n> ?n } ORDER BY ?n");
  REQUIRE(query.ok());
  auto results = (*store)->Execute(*query, {});
  REQUIRE(results.ok());
  std::vector<std::string> values;
  std::vector<std::optional<Term>> row;
  for (;;) {
    auto more = (*results)->NextSolution(row);
    REQUIRE(more.ok());
    if (!*more) break;
    values.push_back(row[0]->value);
  }
  CHECK(values == std::vector<std::string>{"2", "3"});
}
