// The published catalogue over HTTP (the data comes from engine/catalogue.h):
//   GET /catalog            the DCAT-AP catalogue: RDF (Turtle by default, N-Triples, JSON-LD,
//                           RDF/XML, N-Quads, TriG) or, for browsers, an HTML page listing the
//                           datasets with their descriptions, licence and downloads
//   GET /.well-known/void   the VoID description (RDF formats)
//   GET /dumps/ID.EXT       a dataset's dump, byte for byte the file whose dcat:byteSize and
//                           spdx:checksum the catalogue gives (Content-Length, strong ETag = SHA-256)
// The base URI is EndpointOptions::base_uri, or "http://HOST/" from the request.
#pragma once

#include "engine/store.h"
#include "http/endpoint.h"
#include "http/message.h"

namespace cairn::http {

Response HandleCatalog(Store& store, const EndpointOptions& options, const Request& request);
Response HandleVoid(Store& store, const EndpointOptions& options, const Request& request);
Response HandleDump(Store& store, const EndpointOptions& options, const Request& request);

}  // namespace cairn::http
