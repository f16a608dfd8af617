#include "http/linked_data.h"

#include <set>
#include <span>
#include <unordered_set>

#include "engine/catalogue.h"
#include "engine/publish.h"
#include "engine/resource_description.h"
#include "engine/store.h"
#include "http/errors.h"
#include "http/form.h"
#include "http/media_type.h"
#include "http/resource_page.h"
#include "http/served_iris.h"
#include "vocab/vocab.h"

namespace cairn::http {
namespace {

constexpr std::size_t kInboundPage = 100;

struct Variant {
  std::string_view extension, name, media_type;
  bool html;
  RdfFormat rdf;
};
const Variant kVariants[] = {
    {"ttl", "Turtle", "text/turtle", false, RdfFormat::kTurtle},
    {"nt", "N-Triples", "application/n-triples", false, RdfFormat::kNTriples},
    {"jsonld", "JSON-LD", "application/ld+json", false, RdfFormat::kJsonLd},
    {"rdf", "RDF/XML", "application/rdf+xml", false, RdfFormat::kRdfXml},
    {"html", "HTML", "text/html", true, RdfFormat::kTurtle},
};
// Accept-header offers and the variant each selects; the first is the default (crawlers that
// say nothing, or */*, get Turtle; browsers ask for text/html first).
constexpr std::string_view kOffers[] = {"text/turtle",         "application/x-turtle", "application/n-triples",
                                        "application/ld+json", "application/rdf+xml",  "text/html",
                                        "application/xhtml+xml"};
constexpr std::size_t kOfferVariant[] = {0, 0, 1, 2, 3, 4, 4};

const Variant* VariantByExtension(std::string_view extension) {
  for (const Variant& v : kVariants) {
    if (v.extension == extension) return &v;
  }
  return nullptr;
}

std::string PercentEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

// Whether some triple has the IRI as its subject or object. (The dictionary keeps terms whose
// triples were all deleted, so a lookup alone would take a withdrawn IRI for a live one.)
bool Known(Store&, const ReadView& view, const std::string& iri) {
  auto id = view.Lookup(Term::Iri(iri));
  if (!id.ok() || !id->has_value()) return false;
  for (QuadPattern pattern : {QuadPattern{**id, TermId::None(), TermId::None(), GraphSelector::All()},
                              QuadPattern{TermId::None(), TermId::None(), **id, GraphSelector::All()}}) {
    if (view.Scan(pattern)->Valid()) return true;
  }
  return false;
}

// A resource in the store, named by the request path relative to `prefix` ("id/", "def/"):
// the raw path first, then its percent-decoded form (IRIs may hold characters a URL escapes).
std::string ResourceIri(Store& store, const ReadView& view, const std::string& base, std::string_view prefix,
                        std::string_view rest) {
  std::string raw = base + std::string(prefix) + std::string(rest);
  if (Known(store, view, raw)) return raw;
  auto decoded = PercentDecode(rest, false);
  if (decoded.ok()) {
    std::string iri = base + std::string(prefix) + *decoded;
    if (Known(store, view, iri)) return iri;
  }
  return raw;
}

// Where a link to `iri` points: local IRIs stay inside Cairn; others the store knows get their
// /doc?uri= page; the rest link out.
std::string Href(Store& store, const ReadView& view, const std::string& base, const std::string& iri) {
  if (iri.compare(0, base.size(), base) == 0) {
    std::string_view rest = std::string_view(iri).substr(base.size());
    if (rest.rfind("id/", 0) == 0 || rest.rfind("def/", 0) == 0) return "/" + std::string(rest);
    return "/doc?uri=" + PercentEncode(iri);
  }
  if (Known(store, view, iri)) return "/doc?uri=" + PercentEncode(iri);
  if (iri.rfind("http://", 0) == 0 || iri.rfind("https://", 0) == 0) return iri;
  return "";
}

std::optional<std::string> ReplacementOf(Store& store, const std::string& iri) {
  std::optional<std::string> replacement;
  Status st = store.Match(Term::Iri(iri), Term::Iri(std::string(vocab::dcterms::kNamespace) + "isReplacedBy"), std::nullopt,
                          std::nullopt, [&](const Quad& q) {
                            if (q.object.is_iri()) replacement = q.object.value;
                            return !replacement;
                          });
  if (!st.ok()) return std::nullopt;
  return replacement;
}

Response Redirect(int status, std::string location) {
  Response response = TextResponse(status, "See " + location);
  response.SetHeader("Location", std::move(location));
  response.SetHeader("Vary", "Accept");
  return response;
}

// The catalogue's own resources (datasets, distributions, the SPARQL service) live in graphs
// built on demand: bring them up to date before describing one (cheap when nothing changed).
Status RefreshIfCatalogued(Store& store, const std::string& base, const std::string& iri) {
  for (std::string_view prefix : {"id/dataset/", "id/service/"}) {
    if (iri.compare(0, base.size(), base) == 0 && iri.compare(base.size(), prefix.size(), prefix) == 0) {
      auto catalogue = RefreshCatalogue(store, base);
      return catalogue.ok() ? Status::OK() : catalogue.status();
    }
  }
  return Status::OK();
}

Response Missing(const EndpointOptions& options, const std::string& iri) {
  if (options.served && options.served->WasServed(iri)) {
    return TextResponse(410, "Gone: <" + iri + "> was published here and has been withdrawn");
  }
  return TextResponse(404, "Not Found: this server has nothing about <" + iri + ">");
}

// The prefixes of `prefixes` that some IRI in the quads uses: documents declare what they use.
PrefixList PrefixesUsed(const std::vector<const std::vector<Quad>*>& parts, const PrefixList& prefixes) {
  std::set<std::size_t> used;
  auto check = [&](const Term& t) {
    const std::string& iri = t.is_iri() ? t.value : t.is_literal() ? t.datatype : t.value;
    if (!t.is_iri() && !t.is_literal()) return;
    for (std::size_t i = 0; i < prefixes.size(); ++i) {
      const std::string& ns = prefixes[i].second;
      if (iri.size() > ns.size() && iri.compare(0, ns.size(), ns) == 0) used.insert(i);
    }
  };
  for (const auto* part : parts) {
    for (const Quad& q : *part) {
      check(q.subject);
      check(q.predicate);
      check(q.object);
    }
  }
  PrefixList out;
  for (std::size_t i : used) out.push_back(prefixes[i]);
  return out;
}

// What a document request asks for.
struct DocumentTarget {
  std::string iri;
  std::string self;                  // the document's path without a format, e.g. /doc/x
  bool query_form = false;           // /doc?uri=...: variants are ?...&format=ext
  const Variant* forced = nullptr;   // by extension or format=
  bool vocabulary = false;           // /def/: include the terms defined by it
  std::size_t page = 1;
};

std::string VariantHref(const DocumentTarget& t, const Variant& v, std::size_t page) {
  std::string href = t.self + (t.query_form ? "&format=" : ".") + std::string(v.extension);
  if (page > 1) href += (t.query_form || href.find('?') != std::string::npos ? "&page=" : "?page=") + std::to_string(page);
  return href;
}

std::string PageHref(const DocumentTarget& t, std::size_t page) {
  std::string href = t.self;
  if (page > 1) href += (t.query_form ? "&page=" : "?page=") + std::to_string(page);
  return href;
}

Response Render(Store& store, const Request& request, const std::string& base, const DocumentTarget& target,
                const ResourceDescription& description);

// The document says which published datasets hold the resource's triples (VoID: <doc>
// void:inDataset <BASE/id/dataset/ID>) and what it is about (foaf:primaryTopic).
Status AddDatasetLinks(Store& store, const std::string& base, const DocumentTarget& target, ResourceDescription& d) {
  auto view = store.quad_store().Snapshot();
  auto config = ReadPublishingConfig(*view);
  if (!config.ok()) return config.status();
  const Term document = Term::Iri(base + target.self.substr(1));
  d.outbound.push_back(Quad{document, Term::Iri(std::string(vocab::foaf::kNamespace) + "primaryTopic"), Term::Iri(target.iri),
                            Term::DefaultGraph()});
  if (config->datasets.empty()) return Status::OK();
  auto id = view->Lookup(Term::Iri(target.iri));
  if (!id.ok()) return id.status();
  if (!*id) return Status::OK();
  std::set<std::string> graphs;  // where the resource's own triples are (a bounded look)
  TermDecoder decoder(*view);
  std::size_t seen = 0;
  TermId last = TermId::None();
  for (auto it = view->Scan(QuadPattern{**id, TermId::None(), TermId::None(), GraphSelector::All()});
       it->Valid() && seen < 10000; it->Next(), ++seen) {
    TermId g = it->quad().graph;
    if (g == last || g.is_none()) continue;
    last = g;
    auto term = decoder.Decode(g);
    if (!term.ok()) return term.status();
    graphs.insert(term->value);
  }
  for (const DatasetDeclaration& dataset : config->datasets) {
    for (const std::string& g : dataset.graphs) {
      if (!graphs.count(g)) continue;
      d.outbound.push_back(Quad{document, Term::Iri(std::string(vocab::void_::kNamespace) + "inDataset"),
                                Term::Iri(base + "id/dataset/" + dataset.id), Term::DefaultGraph()});
      break;
    }
  }
  return Status::OK();
}

Response Document(Store& store, const EndpointOptions& options, const Request& request, const std::string& base,
                  const DocumentTarget& target) {
  if (Status st = RefreshIfCatalogued(store, base, target.iri); !st.ok()) return ErrorResponse(st);
  if (auto replacement = ReplacementOf(store, target.iri)) {
    auto view = store.quad_store().Snapshot();
    std::string href = Href(store, *view, base, *replacement);
    return Redirect(303, href.empty() ? *replacement : href);
  }
  DescribeOptions describe;
  describe.inbound_limit = kInboundPage;
  describe.inbound_offset = (target.page - 1) * kInboundPage;
  auto description = DescribeResource(store, Term::Iri(target.iri), describe);
  if (!description.ok()) return ErrorResponse(description.status());
  if (description->empty() && target.page == 1) return Missing(options, target.iri);
  if (target.vocabulary) {
    // Terms of a hash-URI vocabulary point at it with rdfs:isDefinedBy: describe them too.
    std::string defined_by = std::string(vocab::rdfs::kNamespace) + "isDefinedBy";
    std::vector<Quad> terms;
    for (const Quad& q : description->inbound) {
      if (q.predicate.value == defined_by && q.subject.is_iri()) terms.push_back(q);
    }
    for (const Quad& t : terms) {
      auto term = DescribeResource(store, t.subject, DescribeOptions{.inbound_limit = 0});
      if (!term.ok()) return ErrorResponse(term.status());
      for (auto& q : term->outbound) description->outbound.push_back(std::move(q));
      for (auto& q : term->labels) description->labels.push_back(std::move(q));
    }
  }
  if (options.served) options.served->Remember(target.iri);
  if (auto st = AddDatasetLinks(store, base, target, *description); !st.ok()) return ErrorResponse(st);
  return Render(store, request, base, target, *description);
}

// A set (UK URI pattern /set/X): the things named /id/X/..., a page at a time, as
// <BASE/set/X> rdfs:member <thing> triples with the things' labels. There is no index of IRIs by
// prefix, so a page scans subjects until it has found enough: fine for the first pages of a set.
Response SetDocument(Store& store, const Request& request, const std::string& base, const DocumentTarget& target,
                     std::string_view set_name) {
  const std::string prefix = base + "id/" + std::string(set_name) + "/";
  auto view = store.quad_store().Snapshot();
  TermDecoder decoder(*view);
  ResourceDescription d;
  std::unordered_set<TermId, TermIdHash> seen;
  std::size_t skip = (target.page - 1) * kInboundPage;
  TermId last = TermId::None();
  auto it = view->Scan(QuadPattern{TermId::None(), TermId::None(), TermId::None(), GraphSelector::All()});
  for (std::size_t steps = 0; it->Valid(); it->Next()) {
    if ((++steps & 0xfff) == 0 && request.cancel && *request.cancel) return TextResponse(503, "cancelled");
    TermId subject = it->quad().subject;
    if (subject == last || !subject.is_iri()) continue;
    last = subject;
    if (!seen.insert(subject).second) continue;
    auto term = decoder.Decode(subject);
    if (!term.ok()) return ErrorResponse(term.status());
    if (term->value.compare(0, prefix.size(), prefix) != 0) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    if (d.outbound.size() == kInboundPage) {
      d.more_inbound = true;
      break;
    }
    d.outbound.push_back(Quad{Term::Iri(target.iri), Term::Iri(std::string(vocab::rdfs::kNamespace) + "member"), *term,
                              Term::DefaultGraph()});
  }
  if (!it->status().ok()) return ErrorResponse(it->status());
  if (d.outbound.empty() && target.page == 1) return TextResponse(404, "Not Found: nothing is named under " + prefix);
  for (const Quad& member : std::vector<Quad>(d.outbound)) {
    for (const std::string& p : LabelPredicates()) {
      Status st = store.Match(member.object, Term::Iri(p), std::nullopt, std::nullopt, [&](const Quad& q) {
        d.labels.push_back(Quad{q.subject, q.predicate, q.object, Term::DefaultGraph()});
        return true;
      });
      if (!st.ok()) return ErrorResponse(st);
    }
  }
  d.labels.push_back(Quad{Term::Iri(target.iri), Term::Iri(std::string(vocab::rdfs::kLabel)),
                          Term::Literal("Things named under " + prefix, ""), Term::DefaultGraph()});
  return Render(store, request, base, target, d);
}

Response Render(Store& store, const Request& request, const std::string& base, const DocumentTarget& target,
                const ResourceDescription& description_in) {
  const ResourceDescription* description = &description_in;
  const Variant* variant = target.forced;
  if (!variant) {
    auto chosen = Negotiate(request.Header("accept"), kOffers);
    if (!chosen) {
      std::string offered;
      for (const Variant& v : kVariants) offered += (offered.empty() ? "" : ", ") + std::string(v.media_type);
      return TextResponse(406, "Not Acceptable: this document can be sent as " + offered);
    }
    variant = &kVariants[kOfferVariant[*chosen]];
  }

  auto view = store.quad_store().Snapshot();
  PrefixList prefixes = PrefixesUsed({&description->outbound, &description->inbound, &description->labels}, PrefixesFor(*view));
  Response response;
  std::string link;
  PageLinks links;
  for (const Variant& v : kVariants) {
    std::string href = VariantHref(target, v, target.page);
    link += (link.empty() ? "" : ", ") + ("<" + href + ">; rel=\"alternate\"; type=\"" + std::string(v.media_type) + "\"");
    links.alternates.emplace_back(std::string(v.name), href);
  }
  if (description->more_inbound) {
    links.next_inbound = PageHref(target, target.page + 1);
    link += ", <" + links.next_inbound + ">; rel=\"next\"";
  }
  if (target.page > 1) {
    links.previous_inbound = PageHref(target, target.page - 1);
    link += ", <" + links.previous_inbound + ">; rel=\"prev\"";
  }
  response.SetHeader("Link", link);
  if (!target.forced) {
    response.SetHeader("Content-Location", VariantHref(target, *variant, target.page));
    response.SetHeader("Vary", "Accept");
  }

  if (variant->html) {
    const std::string in_dataset = std::string(vocab::void_::kNamespace) + "inDataset";
    for (const Quad& q : description->outbound) {
      if (q.predicate.value == in_dataset) links.dataset = Href(store, *view, base, q.object.value);
    }
    links.sparql = "/?query=" + PercentEncode("SELECT ?property ?value WHERE {\n  <" + target.iri + "> ?property ?value\n}");
    auto href = [&](const std::string& iri) { return Href(store, *view, base, iri); };
    response.body = RenderResourcePage(Term::Iri(target.iri), *description, prefixes, href, links);
    response.SetHeader("Content-Type", "text/html; charset=utf-8");
    return response;
  }
  std::string body;
  ByteSink sink = [&body](std::string_view bytes) {
    body.append(bytes);
    return Status::OK();
  };
  auto writer = MakeRdfWriter(variant->rdf, sink, prefixes);
  for (const auto* part : {&description->outbound, &description->labels, &description->inbound}) {
    for (const Quad& q : *part) {
      Status st = writer->Write(q);
      if (!st.ok()) return ErrorResponse(st);
    }
  }
  Status st = writer->Finish();
  if (!st.ok()) return ErrorResponse(st);
  response.body = std::move(body);
  response.SetHeader("Content-Type", std::string(variant->media_type) + (variant->rdf == RdfFormat::kNTriples ? "" : "; charset=utf-8"));
  return response;
}

std::optional<std::size_t> PageParam(const Params& params) {
  auto pages = ParamValues(params, "page");
  if (pages.empty()) return 1;
  try {
    std::size_t pos = 0;
    unsigned long page = std::stoul(pages[0], &pos);
    if (pos != pages[0].size() || page < 1 || page > 1000000) return std::nullopt;
    return page;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

Response HandleIdentifier(Store& store, const EndpointOptions& options, const Request& request) {
  auto base = BaseUriFor(options, request);
  if (!base) return TextResponse(400, "malformed Host header");
  if (request.path.size() <= 4) return TextResponse(404, "Not Found: /id/ names things, as /id/TYPE/NAME");
  std::string_view rest = std::string_view(request.path).substr(4);  // after "/id/"
  if (rest.empty()) return TextResponse(404, "Not Found: /id/ names things, as /id/TYPE/NAME");
  auto view = store.quad_store().Snapshot();
  std::string iri = *base + "id/" + std::string(rest);
  if (Status st = RefreshIfCatalogued(store, *base, iri); !st.ok()) return ErrorResponse(st);
  view = store.quad_store().Snapshot();
  iri = ResourceIri(store, *view, *base, "id/", rest);
  if (auto replacement = ReplacementOf(store, iri)) {
    std::string href = Href(store, *view, *base, *replacement);
    return Redirect(303, href.empty() ? *replacement : href);
  }
  if (!Known(store, *view, iri)) return Missing(options, iri);
  return Redirect(303, "/doc/" + std::string(rest));
}

Response HandleDocument(Store& store, const EndpointOptions& options, const Request& request) {
  auto base = BaseUriFor(options, request);
  if (!base) return TextResponse(400, "malformed Host header");
  Params params;
  Status st = ParseForm(request.query, params);
  if (!st.ok()) return ErrorResponse(st);
  DocumentTarget target;
  auto page = PageParam(params);
  if (!page) return TextResponse(400, "page must be a number from 1");
  target.page = *page;
  auto view = store.quad_store().Snapshot();

  const std::string& path = request.path;
  if (path == "/doc" || path == "/describe") {
    auto uris = ParamValues(params, "uri");
    if (uris.size() != 1 || uris[0].empty()) return TextResponse(400, "give the resource as ?uri=IRI, once");
    target.iri = uris[0];
    target.self = path + "?uri=" + PercentEncode(target.iri);
    target.query_form = true;
    auto formats = ParamValues(params, "format");
    if (!formats.empty()) {
      target.forced = VariantByExtension(formats[0]);
      if (!target.forced) return TextResponse(400, "unknown format '" + formats[0] + "': ttl, nt, jsonld, rdf or html");
    }
    return Document(store, options, request, *base, target);
  }

  bool set = path.rfind("/set/", 0) == 0;
  bool definition = path.rfind("/def/", 0) == 0;
  std::string_view prefix = definition ? "def/" : set ? "set/" : "id/";
  if (path.size() <= 5) return TextResponse(404, "Not Found: " + path);
  std::string_view rest = std::string_view(path).substr(5);  // after "/def/" or "/doc/"
  // /doc/x.ttl is the Turtle form of /doc/x, unless the store has a resource named x.ttl itself.
  std::size_t dot = rest.rfind('.');
  std::string_view stem = rest;
  if (dot != std::string_view::npos && dot > rest.rfind('/') + 1) {
    const Variant* v = VariantByExtension(rest.substr(dot + 1));
    std::string full = ResourceIri(store, *view, *base, prefix, rest);
    if (v && !Known(store, *view, full)) {
      target.forced = v;
      stem = rest.substr(0, dot);
    }
  }
  if (set) {
    target.iri = *base + "set/" + std::string(stem);
    target.self = "/set/" + std::string(stem);
    return SetDocument(store, request, *base, target, stem);
  }
  target.iri = ResourceIri(store, *view, *base, prefix, stem);
  target.self = (definition ? "/def/" : "/doc/") + std::string(stem);
  target.vocabulary = definition;
  return Document(store, options, request, *base, target);
}

}  // namespace cairn::http
