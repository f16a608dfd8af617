// The graph clock: when each named graph last changed, which is what a published dataset's
// dct:modified (and the freshness of its dumps) is computed from.
//
// Kept in the store itself as bookkeeping (ReadView::Bookkeeping "graph-clock": not RDF, so it
// never shows in queries, statistics or dumps), so that it survives restarts and needs nothing
// else at run time. The default graph and reserved graphs (IRIs starting "urn:cairn:", Cairn's
// own) are not recorded.
//
// Every write path of Store (Load, Update, WriteGraph, DropGraph) holds a GraphClockMark for the
// duration of the write. The mark copies the store's statistics when it is made; when it goes,
// it stamps "now" on every graph whose statistics (triples per graph; per predicate triples and
// distinct subjects and objects) differ, plus the graphs the write named explicitly (Touch).
// A change that leaves every count equal (an update replacing one object by another of the same
// predicate, in a graph named only through a variable) is the one change it can miss.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/quad_store.h"

namespace cairn {

namespace sparql {
struct Update;
}

inline constexpr std::string_view kReservedGraphPrefix = "urn:cairn:";

// Cairn's own graphs (clock, publishing declarations, generated catalogue and VoID).
bool IsReservedGraph(std::string_view iri);

// Now as xsd:dateTime in UTC with milliseconds: "2025-05-01T10:00:00.123Z".
std::string NowDateTime();

class GraphClockMark {
 public:
  explicit GraphClockMark(QuadStore& store);
  // Records the changes (best effort: the write itself has already succeeded, so a failure to
  // stamp is not reported; the graph's time then stays older). Destroy the mark after the
  // write's transaction or bulk loader: it takes the write lock itself.
  ~GraphClockMark();
  GraphClockMark(const GraphClockMark&) = delete;
  GraphClockMark& operator=(const GraphClockMark&) = delete;

  // Stamps `graph` too (named by the write), even if its counts did not change.
  void Touch(const Term& graph);
  void Touch(const std::vector<Term>& graphs);

  // What the destructor does; exposed for tests.
  Status Record();

 private:
  QuadStore& store_;
  Statistics before_;
  std::vector<Term> touched_;
  bool recorded_ = false;
};

// The graphs an update names as targets (INSERT/DELETE DATA graphs, template GRAPH IRIs, WITH,
// LOAD INTO, CLEAR/DROP/CREATE/ADD/MOVE/COPY targets).
std::vector<Term> GraphsNamedBy(const sparql::Update& update);

// Stamps `graphs` with the time `when` (an xsd:dateTime lexical form); no statistics involved.
Status StampGraphs(QuadStore& store, const std::vector<std::string>& graphs, const std::string& when);

// Graph IRI -> last change (xsd:dateTime lexical form), for every graph the clock knows.
Result<std::map<std::string, std::string>> ReadGraphClock(const ReadView& view);

}  // namespace cairn
