// Which graphs the patterns of a query range over (section 13): the default graph (the store's,
// or the merge of FROM graphs) and the named graphs (all of the store's, or FROM NAMED ones).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "storage/term_id.h"

namespace cairn::sparql {

struct DatasetScope {
  // nullopt: the store's default graph. Otherwise the merge of these graphs (None = the store's
  // default graph); graphs the store does not have are simply empty.
  std::optional<std::vector<TermId>> default_graphs;
  // nullopt: every named graph of the store. Otherwise exactly these.
  std::optional<std::vector<TermId>> named_graphs;
};

// Where one pattern is evaluated: the query's default graph, or one named graph given as a
// constant, by a variable's slot (scans bind it), or by the graph a GraphIteration is visiting.
struct ActiveGraph {
  enum class Kind { kDefault, kNamedConstant, kNamedVariable, kIterated };
  Kind kind = Kind::kDefault;
  TermId graph;        // kNamedConstant (None if the graph term is unknown to the store)
  std::size_t slot = 0;  // kNamedVariable
  std::shared_ptr<const TermId> current;  // kIterated: set by the enclosing GraphIteration
};

}  // namespace cairn::sparql
