// The four SPARQL 1.1 query result formats, and their names and media types. Content
// negotiation (http/) maps Accept headers onto ResultFormat with ResultFormatFromName.
#pragma once

#include <optional>
#include <string_view>

namespace cairn::sparql {

enum class ResultFormat { kJson, kXml, kCsv, kTsv };

// Accepts a short name (json, xml, csv, tsv, srj, srx) or a media type
// (application/sparql-results+json, application/json, application/sparql-results+xml,
// application/xml, text/xml, text/csv, text/tab-separated-values). Case-insensitive; media-type
// parameters (";charset=utf-8") and surrounding blanks are ignored. nullopt for anything else.
std::optional<ResultFormat> ResultFormatFromName(std::string_view name_or_media_type);

// The Content-Type to send: "application/sparql-results+json", "application/sparql-results+xml",
// "text/csv; charset=utf-8", "text/tab-separated-values; charset=utf-8". The text/* types carry
// a charset because text/* otherwise defaults to US-ASCII; the application/* types define UTF-8.
std::string_view ResultFormatMediaType(ResultFormat format);

// "json", "xml", "csv", "tsv".
std::string_view ResultFormatName(ResultFormat format);

}  // namespace cairn::sparql
