#include <catch2/catch.hpp>

#include "http/media_type.h"

namespace cairn::http {
namespace {

using sparql::ResultFormat;

TEST_CASE("negotiate: the default on an empty Accept or */*", "[http]") {
  CHECK(NegotiateResultFormat("") == ResultFormat::kJson);
  CHECK(NegotiateResultFormat("*/*") == ResultFormat::kJson);
  CHECK(NegotiateRdfFormat("") == RdfFormat::kTurtle);
  CHECK(NegotiateRdfFormat("*/*") == RdfFormat::kTurtle);
}

TEST_CASE("negotiate: q-values and specificity", "[http]") {
  CHECK(NegotiateResultFormat("text/csv;q=0.5, text/tab-separated-values") == ResultFormat::kTsv);
  CHECK(NegotiateResultFormat("text/*;q=0.9, text/csv;q=0.1") == ResultFormat::kXml);  // text/xml, by table order
  CHECK(NegotiateResultFormat("text/*;q=0.9, text/csv;q=0.1, text/xml;q=0") == ResultFormat::kTsv);
  CHECK(NegotiateResultFormat("application/sparql-results+xml, */*;q=0.1") == ResultFormat::kXml);
  CHECK(NegotiateResultFormat("Application/JSON") == ResultFormat::kJson);
  CHECK(NegotiateRdfFormat("application/n-triples; charset=utf-8") == RdfFormat::kNTriples);
  CHECK(NegotiateRdfFormat("text/html,application/xhtml+xml,*/*;q=0.8") == RdfFormat::kTurtle);
}

TEST_CASE("negotiate: nothing acceptable", "[http]") {
  CHECK_FALSE(NegotiateResultFormat("image/png").has_value());
  CHECK_FALSE(NegotiateResultFormat("application/sparql-results+json;q=0").has_value());
  CHECK_FALSE(NegotiateRdfFormat("application/sparql-results+json").has_value());
  CHECK(NotAcceptableMessage("results", true).find("text/turtle") != std::string::npos);
}

TEST_CASE("negotiate: malformed ranges are skipped", "[http]") {
  CHECK(NegotiateResultFormat("garbage, text/csv") == ResultFormat::kCsv);
  CHECK(NegotiateResultFormat("*/csv") == ResultFormat::kJson);  // skipped: nothing left, so the default
}

TEST_CASE("BareMediaType", "[http]") {
  CHECK(BareMediaType(" Application/SPARQL-Query ; charset=UTF-8") == "application/sparql-query");
  CHECK(BareMediaType("") == "");
}

}  // namespace
}  // namespace cairn::http
