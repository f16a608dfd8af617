#include "engine/query_output.h"

#include "engine/rdf_writer.h"
#include "sparql/results/solution_writer.h"

namespace cairn {

Status StreamSolutions(sparql::QueryResults& results, sparql::ResultFormat format, const ByteSink& sink) {
  if (results.form() == sparql::Query::Form::kAsk) {
    auto value = results.Boolean();
    if (!value.ok()) return value.status();
    return sparql::WriteBooleanResult(format, *value, sink);
  }
  auto writer = sparql::MakeSolutionWriter(format, sink);
  CAIRN_RETURN_IF_ERROR(writer->Begin(results.variables()));
  std::vector<std::optional<Term>> row;
  for (;;) {
    auto more = results.NextSolution(row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    CAIRN_RETURN_IF_ERROR(writer->Write(row));
  }
  return writer->Finish();
}

Status StreamTriples(sparql::QueryResults& results, RdfFormat format, const ByteSink& sink) {
  auto writer = MakeRdfWriter(format, sink, WellKnownPrefixes());
  Quad triple;
  for (;;) {
    auto more = results.NextTriple(triple);
    if (!more.ok()) return more.status();
    if (!*more) break;
    CAIRN_RETURN_IF_ERROR(writer->Write(triple));
  }
  return writer->Finish();
}

}  // namespace cairn
