// The SPARQL 1.1 Update algebra: what ParseUpdate (sparql/parser/sparql_parser.h) produces from
// an update request (SPARQL 1.1 Query section 19 grammar, rules [29]-[52]), and the executor runs.
//
// A request is a sequence of operations, run in order. IRIs are already resolved (BASE/PREFIX
// are applied at parse time). The spec's static rules are checked by the parser (syntax errors):
// INSERT DATA / DELETE DATA are ground (no variables, no GRAPH ?g), blank nodes appear neither in
// DELETE DATA nor in DELETE templates (DELETE WHERE included), and a blank-node label is not
// shared by two operations of one request.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sparql/algebra.h"
#include "storage/term.h"

namespace cairn::sparql {

// A quad template position: a term or a variable. Blank nodes (INSERT templates only) stay
// blank-node Terms with their labels ("anonN.cairn" for [] and collection nodes); the executor
// makes them fresh per solution. graph nullopt = the default graph (or WITH's graph).
struct QuadTemplate {
  TermOrVariable subject, predicate, object;
  std::optional<TermOrVariable> graph;
};

// GraphRef / GraphRefAll / GraphOrDefault.
struct GraphTarget {
  enum class Kind {
    kDefault,  // DEFAULT
    kNamed,    // NAMED: all named graphs
    kAll,      // ALL: the default graph and all named graphs
    kGraph,    // GRAPH <graph> (or a bare <graph> in ADD/MOVE/COPY)
  };
  Kind kind = Kind::kDefault;
  Term graph;  // kGraph
};

struct UpdateOperation {
  enum class Kind {
    kInsertData,    // data
    kDeleteData,    // data
    kDeleteInsert,  // with_graph, delete_template, insert_template, using_dataset, where
                    // (DELETE WHERE QuadPattern: delete_template = the quads, where = them as a pattern)
    kLoad,          // source, destination
    kClear,         // target
    kCreate,        // target (kGraph)
    kDrop,          // target
    kAdd,           // from, to (kDefault or kGraph)
    kMove,
    kCopy,
  };
  Kind kind = Kind::kInsertData;
  // INSERT DATA / DELETE DATA: ground quads; graph = Term::DefaultGraph() for the default graph.
  // Blank nodes only in INSERT DATA (labels as written, "anonN.cairn" for [] and collections).
  std::vector<Quad> data;
  std::vector<QuadTemplate> delete_template, insert_template;
  std::optional<Term> with_graph;  // WITH <g>
  Dataset using_dataset;           // USING <g> (default_graphs) / USING NAMED <g> (named_graphs)
  PatternPtr where;                // the WHERE clause translated as a query's (section 18.2)
  Term source;                     // LOAD <source>
  std::optional<Term> destination; // LOAD ... INTO GRAPH <g>
  GraphTarget target;              // CLEAR / DROP / CREATE
  GraphTarget from, to;            // ADD / MOVE / COPY
  bool silent = false;
  bool delete_where = false;       // kDeleteInsert written as DELETE WHERE (for ToSse/--explain)
};

struct Update {
  std::vector<UpdateOperation> operations;
  std::string base_iri;  // the base in effect at the end of the request
};

// SSE-like notation: (update (insertdata (quad default <s> <p> <o>)) (modify ...) ...), one
// operation per line, patterns as ToSse(GraphPattern) nested below.
std::string ToSse(const Update& update);
std::string ToSse(const UpdateOperation& operation);

}  // namespace cairn::sparql
