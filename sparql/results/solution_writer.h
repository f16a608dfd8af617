// Streaming writers for SELECT and ASK results in the four SPARQL 1.1 result formats.
//
// A SolutionWriter writes one result document: Begin() once with the projected variables,
// Write() once per solution, Finish() once. Nothing but the current ~64 KiB output block is held
// in memory, so a million rows stream straight into the ByteSink. The first non-OK status (from
// the sink, or a row the format cannot represent) is returned by that call and every later one;
// the document is then incomplete and the caller should abandon it.
//
// Per-format notes:
//  - JSON (application/sparql-results+json): literals carry "xml:lang" or "datatype", never
//    both; xsd:string and rdf:langString datatypes are omitted. Strings are escaped per RFC 8259
//    (\" \\ \b \f \n \r \t, other controls as \u00XX); other characters are written as UTF-8.
//  - XML (SRX): & < > " are escaped; tab, LF and CR as character references where XML would
//    normalise them. XML 1.0 cannot carry other C0 control characters at all: a term containing
//    one makes Write() fail with InvalidArgument (use JSON or TSV for such data).
//  - TSV: terms in Turtle syntax (<iri>, _:label, "lexical"@lang, "lexical"^^<datatype>);
//    xsd:integer, xsd:decimal and xsd:double literals whose lexical form is a Turtle number
//    token are written bare (4, 5.5, 1.0e6), so reading them back is exact. Strings escape
//    \t \n \r \" \\ and other controls as \uXXXX. Header "?a\t?b", lines end in LF.
//  - CSV: lossy by design (RFC 4180): IRIs bare, literals as their lexical form only, blank
//    nodes as _:label, unbound as an empty field. Fields containing " , CR or LF are quoted.
//    Header "a,b", lines end in CRLF.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>

#include "sparql/results/result_format.h"
#include "storage/byte_sink.h"
#include "storage/status.h"
#include "storage/term.h"

namespace cairn::sparql {

class SolutionWriter {
 public:
  virtual ~SolutionWriter() = default;
  // Writes the document head. Variable names come without '?'. REQUIRES: called once, first.
  virtual Status Begin(std::span<const std::string> variables) = 0;
  // One solution, parallel to the variables; nullopt means unbound. A row of the wrong width,
  // or a Term of kind kDefaultGraph, is InvalidArgument.
  virtual Status Write(std::span<const std::optional<Term>> row) = 0;
  // Closes the document and flushes the last block. REQUIRES: Begin() succeeded.
  virtual Status Finish() = 0;
};

// A writer for a SELECT result. The sink is called with blocks of about 64 KiB and at Finish().
std::unique_ptr<SolutionWriter> MakeSolutionWriter(ResultFormat format, ByteSink sink);

// A complete ASK result document, in one sink call. JSON and XML use the standard boolean form.
// CSV and TSV have none in the W3C spec; as Jena does, they get one column named _askResult
// holding true or false: "_askResult\r\ntrue\r\n" (CSV), "?_askResult\ntrue\n" (TSV).
// ReadResults() reads exactly that shape back as a boolean.
Status WriteBooleanResult(ResultFormat format, bool value, const ByteSink& sink);

}  // namespace cairn::sparql
