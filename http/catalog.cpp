#include "http/catalog.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine/catalogue.h"
#include "engine/rdf_writer.h"
#include "http/errors.h"
#include "http/html.h"
#include "http/media_type.h"
#include "vocab/dcat.h"

namespace cairn::http {
namespace {

namespace v = vocab;

Result<std::shared_ptr<const Catalogue>> CurrentCatalogue(Store& store, const EndpointOptions& options,
                                                          const Request& request) {
  auto base = BaseUriFor(options, request);
  if (!base) return Status::InvalidArgument("malformed Host header");
  return RefreshCatalogue(store, *base);
}

PrefixList CataloguePrefixes() {
  PrefixList prefixes = WellKnownPrefixes();
  prefixes.emplace_back("spdx", std::string(v::spdx::kNamespace));
  prefixes.emplace_back("vcard", std::string(v::vcard::kNamespace));
  prefixes.emplace_back("dcatap", std::string(v::dcatap::kNamespace));
  return prefixes;
}

Response RdfResponse(const std::vector<Quad>& quads, RdfFormat format) {
  Response response;
  std::string body;
  auto writer = MakeRdfWriter(format, [&](std::string_view bytes) {
    body.append(bytes);
    return Status::OK();
  }, CataloguePrefixes());
  for (const Quad& q : quads) {
    Status st = writer->Write(q);
    if (!st.ok()) return ErrorResponse(st);
  }
  Status st = writer->Finish();
  if (!st.ok()) return ErrorResponse(st);
  response.body = std::move(body);
  response.SetHeader("Content-Type", std::string(RdfFormatMediaType(format)));
  response.SetHeader("Vary", "Accept");
  return response;
}


std::string HumanSize(std::uint64_t bytes) {
  char text[32];
  if (bytes >= 1000000) std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
  else if (bytes >= 1000) std::snprintf(text, sizeof text, "%.1f kB", bytes / 1e3);
  else std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  return text;
}

std::string Thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string CatalogText(const Catalogue& c, std::string_view predicate) {
  for (const Quad& q : c.dcat)
    if (q.subject.value == CatalogueUris{c.base_uri}.Catalog() && q.predicate.value == predicate && q.object.is_literal())
      return q.object.value;
  return "";
}

Response HtmlPage(const Catalogue& c) {
  CatalogueUris uris{c.base_uri};
  std::string title = CatalogText(c, v::dcterms::kTitle);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << HtmlEscape(title)
       << "</title>\n"
       << "<link rel=\"alternate\" type=\"text/turtle\" href=\"/catalog?format=ttl\">\n"
       << "<style>body{font-family:Arial,sans-serif;max-width:60em;margin:0 auto;padding:1em;line-height:1.5;color:#0b0c0c}"
          "a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0}h2{border-top:1px solid #b1b4b6;padding-top:.5em}"
          "table{border-collapse:collapse}th,td{text-align:left;padding:.25em 1em .25em 0;border-bottom:1px solid #b1b4b6}"
          ".meta{color:#505a5f}</style>\n</head>\n<body>\n<header><p><a href=\"/\">Query the data (SPARQL)</a></p></header>\n"
       << "<main id=\"content\">\n<h1>" << HtmlEscape(title) << "</h1>\n<p>" << HtmlEscape(CatalogText(c, v::dcterms::kDescription))
       << "</p>\n<p>This catalogue in RDF: <a href=\"/catalog?format=ttl\">Turtle</a>, <a href=\"/catalog?format=jsonld\">JSON-LD</a>, "
       << "<a href=\"/catalog?format=rdf\">RDF/XML</a>, <a href=\"/catalog?format=nt\">N-Triples</a>. "
       << "Statistics: <a href=\"/.well-known/void\">VoID description</a>. SPARQL endpoint: <a href=\"/sparql\">"
       << HtmlEscape(uris.Sparql()) << "</a>.</p>\n";
  if (c.datasets.empty()) html << "<p>No dataset is published yet.</p>\n";
  for (const PublishedDataset& d : c.datasets) {
    const std::string id = d.declaration.id;
    std::string license = DeclaredIri(d.declaration, v::dcterms::kLicense);
    if (license.empty()) license = std::string(v::kOglV3);
    html << "<section id=\"" << HtmlEscape(id) << "\" aria-labelledby=\"title-" << HtmlEscape(id) << "\">\n<h2 id=\"title-"
         << HtmlEscape(id) << "\">" << HtmlEscape(DeclaredText(d.declaration, v::dcterms::kTitle)) << "</h2>\n<p>"
         << HtmlEscape(DeclaredText(d.declaration, v::dcterms::kDescription)) << "</p>\n<dl>\n"
         << "<dt>Identifier</dt><dd><a href=\"" << HtmlEscape(uris.Dataset(id)) << "\">" << HtmlEscape(uris.Dataset(id)) << "</a></dd>\n"
         << "<dt>Licence</dt><dd><a href=\"" << HtmlEscape(license) << "\" rel=\"license\">"
         << HtmlEscape(license == v::kOglV3 ? std::string(v::kOglV3Title) : license) << "</a>";
    if (license == v::kOglV3) html << ". " << HtmlEscape(v::kOglAttribution);
    html << "</dd>\n<dt>Last updated</dt><dd><time datetime=\"" << HtmlEscape(d.modified) << "\">" << HtmlEscape(d.modified.substr(0, 10))
         << "</time></dd>\n<dt>Size</dt><dd>" << Thousands(d.statistics.triples) << " triples about "
         << Thousands(d.statistics.entities) << " resources</dd>\n</dl>\n"
         << "<table>\n<caption>Downloads</caption>\n<thead><tr><th scope=\"col\">Format</th><th scope=\"col\">Size</th>"
            "<th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n";
    for (const DumpFile& f : d.dumps) {
      html << "<tr><td><a href=\"/dumps/" << HtmlEscape(f.file_name) << "\" download>" << HtmlEscape(f.kind->label)
           << "</a></td><td>" << HumanSize(f.byte_size) << " <span class=\"meta\">(" << Thousands(f.byte_size)
           << " bytes)</span></td><td><code>" << f.sha256 << "</code></td></tr>\n";
    }
    html << "</tbody>\n</table>\n</section>\n";
  }
  html << "</main>\n</body>\n</html>\n";
  Response response;
  response.body = html.str();
  response.SetHeader("Content-Type", "text/html; charset=utf-8");
  response.SetHeader("Vary", "Accept");
  return response;
}

// ?format=ttl|nt|jsonld|rdf|html (for links that cannot set Accept), else the Accept header.
// nullopt RDF format with html=true: the page; both unset: nothing acceptable.
struct Choice {
  std::optional<RdfFormat> format;
  bool html = false;
};

std::optional<Choice> Choose(const Request& request, bool html_allowed) {
  std::string_view query = request.query;
  if (query.rfind("format=", 0) == 0) {
    std::string name(query.substr(7, query.find('&') == std::string_view::npos ? std::string_view::npos : query.find('&') - 7));
    if (name == "html" && html_allowed) return Choice{std::nullopt, true};
    if (auto f = RdfFormatFromName(name)) return Choice{f, false};
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 9> offers = {
      "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "application/n-quads",
      "application/trig", "application/x-turtle", "text/html", "application/xhtml+xml"};
  std::span<const std::string_view> allowed(offers.data(), html_allowed ? offers.size() : offers.size() - 2);
  auto index = Negotiate(request.Header("accept"), allowed);
  if (!index) return std::nullopt;
  if (*index >= 7) return Choice{std::nullopt, true};
  return Choice{RdfFormatFromName(offers[*index]), false};
}

}  // namespace

Response HandleCatalog(Store& store, const EndpointOptions& options, const Request& request) {
  auto choice = Choose(request, true);
  if (!choice) return TextResponse(406, NotAcceptableMessage("the catalogue", true) + ", text/html");
  auto catalogue = CurrentCatalogue(store, options, request);
  if (!catalogue.ok()) return ErrorResponse(catalogue.status());
  if (choice->html) return HtmlPage(**catalogue);
  return RdfResponse((*catalogue)->dcat, *choice->format);
}

Response HandleVoid(Store& store, const EndpointOptions& options, const Request& request) {
  auto choice = Choose(request, false);
  if (!choice || !choice->format) return TextResponse(406, NotAcceptableMessage("the VoID description", true));
  auto catalogue = CurrentCatalogue(store, options, request);
  if (!catalogue.ok()) return ErrorResponse(catalogue.status());
  return RdfResponse((*catalogue)->void_triples, *choice->format);
}

Response HandleDump(Store& store, const EndpointOptions& options, const Request& request) {
  std::string_view path = request.path;
  std::string_view name = path.substr(path.rfind('/') + 1);
  if (!ParseDumpName(name)) return TextResponse(404, "Not Found: " + request.path + " (dumps are listed at /catalog)");
  // Twice at most: a dump rewritten between looking it up and reading it is looked up again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto catalogue = CurrentCatalogue(store, options, request);
    if (!catalogue.ok()) return ErrorResponse(catalogue.status());
    const DumpFile* dump = (*catalogue)->FindDump(name);
    if (!dump) return TextResponse(404, "Not Found: " + request.path + " (dumps are listed at /catalog)");
    std::string tag = "\"" + dump->sha256 + "\"";
    if (request.Header("if-none-match").find(tag) != std::string_view::npos) {
      Response not_modified;
      not_modified.status = 304;
      not_modified.SetHeader("ETag", tag);
      return not_modified;
    }
    // Read whole: the transport sets Content-Length from the body, which must equal dcat:byteSize.
    std::ifstream in((*catalogue)->dumps_dir + "/" + dump->file_name, std::ios::binary);
    if (!in.is_open()) return ErrorResponse(Status::IOError("cannot read dump " + dump->file_name));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Response response;
    response.body = bytes.str();
    if (response.body.size() != dump->byte_size) continue;
    response.SetHeader("Content-Type", std::string(dump->kind->content_type));
    response.SetHeader("ETag", tag);
    response.SetHeader("Content-Disposition", "attachment; filename=\"" + dump->file_name + "\"");
    return response;
  }
  return ErrorResponse(Status::IOError("dump " + std::string(name) + " is being rewritten: try again"));
}

}  // namespace cairn::http
