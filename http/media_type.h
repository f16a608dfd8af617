// Content negotiation, in one place: the Accept header (RFC 9110 section 12.5.1, with q-values
// and wildcards) against the media types Cairn can produce, and the tables of those types.
//
// The first offer is the default: it is chosen when Accept is absent, empty or "*/*", and wins
// ties (so the order of a table is the server's preference). nullopt means nothing acceptable
// can be produced: the caller answers 406 with NotAcceptableMessage().
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/rdf_format.h"
#include "sparql/results/result_format.h"

namespace cairn::http {

// Index into `offers` (media types such as "text/turtle", lower case, no parameters).
std::optional<std::size_t> Negotiate(std::string_view accept, std::span<const std::string_view> offers);

// SELECT and ASK: SPARQL JSON (default), XML, CSV, TSV, with common aliases (application/json...).
std::optional<sparql::ResultFormat> NegotiateResultFormat(std::string_view accept);
// CONSTRUCT, DESCRIBE and RDF documents: Turtle (default), N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.
std::optional<RdfFormat> NegotiateRdfFormat(std::string_view accept);

// The RDF format of a request body's media type (bare, lower case), by the same table.
std::optional<RdfFormat> RdfFormatFromMediaType(std::string_view media_type);

// "text/turtle, application/x-turtle, ...": the media types of one table, for messages.
std::string AvailableMediaTypes(bool rdf);
// "Not Acceptable: <what> can be sent as <AvailableMediaTypes>" for a 406 body.
std::string NotAcceptableMessage(std::string_view what, bool rdf);

// The media type without parameters, trimmed and lower-cased: "Text/Turtle; charset=x" -> "text/turtle".
std::string BareMediaType(std::string_view content_type);

}  // namespace cairn::http
