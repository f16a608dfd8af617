// Writing a query's results: solutions (SELECT/ASK) through the SPARQL result writers, triples
// (CONSTRUCT/DESCRIBE) through the RDF writers. Shared by `cairn query` and the HTTP endpoint.
#pragma once

#include "engine/rdf_format.h"
#include "sparql/eval/query_executor.h"
#include "sparql/results/result_format.h"
#include "storage/byte_sink.h"

namespace cairn {

// REQUIRES: results.form() is SELECT or ASK.
Status StreamSolutions(sparql::QueryResults& results, sparql::ResultFormat format, const ByteSink& sink);
// REQUIRES: results.form() is CONSTRUCT or DESCRIBE.
Status StreamTriples(sparql::QueryResults& results, RdfFormat format, const ByteSink& sink);

}  // namespace cairn
