#include "http/http_fetch.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/ssl.hpp>

#include <cstdio>
#include <optional>
#include <string>

#include "engine/rdf_reader.h"
#include "http/media_type.h"
#include "http/temp_file.h"
#include "storage/iri.h"

namespace cairn::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr int kMaxRedirects = 5;
constexpr const char* kAccept =
    "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8, application/ld+json;q=0.8, "
    "application/n-quads;q=0.7, application/trig;q=0.7, */*;q=0.1";

bool IsPublic(const asio::ip::address& address) {
  if (address.is_unspecified() || address.is_loopback() || address.is_multicast()) return false;
  if (address.is_v6()) {
    auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) return IsPublic(asio::ip::make_address_v4(asio::ip::v4_mapped, v6));
    auto b = v6.to_bytes();
    if ((b[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 unique local
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;  // fe80::/10 link-local
    return true;
  }
  auto b = address.to_v4().to_bytes();
  if (b[0] == 0 || b[0] == 10 || b[0] == 127) return false;
  if (b[0] == 100 && (b[1] & 0xc0) == 64) return false;  // 100.64/10 shared (CGNAT)
  if (b[0] == 169 && b[1] == 254) return false;          // link-local, cloud metadata services
  if (b[0] == 172 && (b[1] & 0xf0) == 16) return false;
  if (b[0] == 192 && b[1] == 168) return false;
  if (b[0] >= 224) return false;                         // multicast, reserved, broadcast
  return true;
}

struct Url {
  bool tls = false;
  std::string host, port, target;
};

std::optional<Url> ParseUrl(const std::string& iri) {
  IriParts parts = SplitIri(iri);
  if (!parts.has_authority || parts.authority.empty()) return std::nullopt;
  Url url;
  if (parts.scheme == "https") url.tls = true;
  else if (parts.scheme != "http") return std::nullopt;
  std::string_view authority = parts.authority;
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no credentials in IRIs
  std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    url.host = std::string(authority.substr(0, colon));
    url.port = std::string(authority.substr(colon + 1));
  } else {
    url.host = std::string(authority);
    url.port = url.tls ? "443" : "80";
  }
  if (url.host.size() > 2 && url.host.front() == '[') url.host = url.host.substr(1, url.host.size() - 2);
  url.target = parts.path.empty() ? "/" : std::string(parts.path);
  if (parts.has_query) url.target += "?" + std::string(parts.query);
  return url;
}

struct Fetched {
  int status = 0;
  std::string location, content_type;
};

template <typename Stream>
Status Exchange(Stream& stream, const Url& url, const FetchOptions& options, TempFile& file, Fetched& out) {
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, url.target, 11};
  request.set(bhttp::field::host, url.host);
  request.set(bhttp::field::user_agent, "cairn/0.1 (SPARQL LOAD)");
  request.set(bhttp::field::accept, kAccept);
  beast::error_code ec;
  bhttp::write(stream, request, ec);
  if (ec) return Status::IOError("sending the request: " + ec.message());
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::file_body> parser;
  parser.body_limit(options.max_bytes);
  bhttp::read_header(stream, buffer, parser, ec);
  if (ec) return Status::IOError("reading the response: " + ec.message());
  out.status = static_cast<int>(parser.get().result_int());
  out.location = std::string(parser.get()[bhttp::field::location]);
  out.content_type = std::string(parser.get()[bhttp::field::content_type]);
  if (out.status / 100 != 2) return Status::OK();  // the caller redirects or fails; the body is not needed
  parser.get().body().open(file.path().c_str(), beast::file_mode::write_new, ec);
  if (ec) return Status::IOError("temporary file: " + ec.message());
  file.MarkCreated();
  bhttp::read(stream, buffer, parser, ec);
  if (ec == bhttp::error::body_limit) return Status::InvalidArgument("the document is larger than " + std::to_string(options.max_bytes) + " bytes");
  if (ec) return Status::IOError("reading the body: " + ec.message());
  return Status::OK();
}

// One GET of `url`, the body into `file`.
Status GetOnce(const Url& url, const FetchOptions& options, TempFile& file, Fetched& out) {
  asio::io_context io;
  tcp::resolver resolver(io);
  beast::error_code ec;
  auto endpoints = resolver.resolve(url.host, url.port, ec);
  if (ec) return Status::IOError("cannot resolve " + url.host + ": " + ec.message());
  for (const auto& entry : endpoints) {
    if (!options.allow_private && !IsPublic(entry.endpoint().address())) {
      return Status::InvalidArgument(url.host + " resolves to a non-public address (" +
                                     entry.endpoint().address().to_string() + "); LOAD fetches from public hosts only");
    }
  }
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  if (!url.tls) {
    beast::tcp_stream stream(io);
    stream.expires_at(deadline);
    stream.connect(endpoints, ec);  // exactly the addresses checked above
    if (ec) return Status::IOError("cannot connect to " + url.host + ": " + ec.message());
    return Exchange(stream, url, options, file, out);
  }
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_default_verify_paths();
  tls.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) return Status::IOError("TLS: cannot set SNI");
  stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
  beast::get_lowest_layer(stream).expires_at(deadline);
  beast::get_lowest_layer(stream).connect(endpoints, ec);
  if (ec) return Status::IOError("cannot connect to " + url.host + ": " + ec.message());
  stream.handshake(asio::ssl::stream_base::client, ec);
  if (ec) return Status::IOError("TLS handshake with " + url.host + ": " + ec.message());
  return Exchange(stream, url, options, file, out);
}

Status FetchAndRead(const std::string& iri, const FetchOptions& options, const std::function<Status(const Quad&)>& sink) {
  TempFile file("cairn-load");
  std::string current = iri;
  for (int hop = 0;; ++hop) {
    auto url = ParseUrl(current);
    if (!url) return Status::InvalidArgument("LOAD <" + current + ">: not an http(s) URL Cairn can fetch");
    Fetched fetched;
    Status st = GetOnce(*url, options, file, fetched);
    if (!st.ok()) {
      std::string message = "LOAD <" + current + ">: " + st.message();
      return st.IsInvalidArgument() ? Status::InvalidArgument(message) : Status::IOError(message);
    }
    if (fetched.status / 100 == 3 && !fetched.location.empty()) {
      if (hop == kMaxRedirects) return Status::IOError("LOAD <" + iri + ">: more than 5 redirects");
      auto next = ResolveIri(current, fetched.location);
      if (!next) return Status::IOError("LOAD <" + current + ">: bad redirect to " + fetched.location);
      current = *next;
      continue;
    }
    if (fetched.status / 100 != 2) return Status::IOError("LOAD <" + current + ">: HTTP " + std::to_string(fetched.status));
    std::optional<RdfFormat> format = RdfFormatFromMediaType(BareMediaType(fetched.content_type));
    if (!format) format = RdfFormatFromPath(url->target.substr(0, url->target.find('?')));
    if (!format) {
      return Status::InvalidArgument("LOAD <" + current + ">: cannot tell the RDF format (Content-Type '" + fetched.content_type + "')");
    }
    RdfReadOptions read;
    read.format = *format;
    read.base_iri = current;  // relative IRIs resolve against where the document was found
    return ReadRdfFile(file.path(), read, sink);
  }
}

}  // namespace

sparql::LoadHandler MakeHttpLoadHandler(const FetchOptions& options, sparql::LoadHandler other) {
  return [options, other](const Term& source, const std::function<Status(const Quad&)>& sink) -> Status {
    const std::string& iri = source.value;
    if (iri.rfind("http://", 0) == 0 || iri.rfind("https://", 0) == 0) return FetchAndRead(iri, options, sink);
    if (other) return other(source, sink);
    return Status::InvalidArgument("LOAD " + iri + ": only http(s) IRIs can be loaded (no --allow-load directory)");
  };
}

}  // namespace cairn::http
