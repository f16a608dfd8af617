#include "engine/catalogue.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "engine/graph_clock.h"
#include "vocab/dcat.h"
#include "vocab/void.h"

namespace cairn {
namespace {

namespace v = vocab;

Term I(std::string_view iri) { return Term::Iri(std::string(iri)); }
Term En(std::string text) { return Term::LangLiteral(std::move(text), "en"); }
Term Typed(std::string lexical, std::string_view datatype) { return Term::Literal(std::move(lexical), std::string(datatype)); }
Term Count(std::uint64_t n) { return Typed(std::to_string(n), v::xsd::kInteger); }

// Triples under construction; blank nodes are numbered per graph.
class GraphBuilder {
 public:
  void Add(const Term& s, std::string_view p, Term o) { quads_.push_back(Quad{s, I(p), std::move(o), {}}); }
  void Add(const Quad& q) { quads_.push_back(Quad{q.subject, q.predicate, q.object, {}}); }
  Term Blank() { return Term::BlankNode("c" + std::to_string(++blanks_)); }
  bool Has(const Term& s, std::string_view p) const {
    return std::any_of(quads_.begin(), quads_.end(), [&](const Quad& q) { return q.subject == s && q.predicate.value == p; });
  }
  std::vector<Quad> Take() {
    std::sort(quads_.begin(), quads_.end());
    quads_.erase(std::unique(quads_.begin(), quads_.end()), quads_.end());
    return std::move(quads_);
  }
  const std::vector<Quad>& quads() const { return quads_; }

 private:
  std::vector<Quad> quads_;
  int blanks_ = 0;
};

std::string LastSegment(const std::string& iri) {
  std::size_t end = iri.size();
  while (end > 0 && (iri[end - 1] == '/' || iri[end - 1] == '#')) --end;
  std::size_t start = iri.find_last_of("/#:", end - 1);
  return iri.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1));
}

// Labels of the EU codes Cairn's short forms expand to, so that concepts carry a skos:prefLabel.
std::string KnownLabel(const std::string& iri) {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"AGRI", "Agriculture, fisheries, forestry and food"}, {"ECON", "Economy and finance"},
      {"EDUC", "Education, culture and sport"}, {"ENER", "Energy"}, {"ENVI", "Environment"},
      {"GOVE", "Government and public sector"}, {"HEAL", "Health"}, {"INTR", "International issues"},
      {"JUST", "Justice, legal system and public safety"}, {"OP_DATPRO", "Provisional data"},
      {"REGI", "Regions and cities"}, {"SOCI", "Population and society"}, {"TECH", "Science and technology"},
      {"TRAN", "Transport"}, {"ANNUAL", "Annual"}, {"MONTHLY", "Monthly"}, {"WEEKLY", "Weekly"},
      {"DAILY", "Daily"}, {"QUARTERLY", "Quarterly"}, {"IRREG", "Irregular"}, {"NEVER", "Never"},
      {"UNKNOWN", "Unknown"}, {"CONT", "Continuous"}, {"GBR", "United Kingdom"}};
  if (iri.rfind("http://publications.europa.eu/resource/authority/", 0) == 0) {
    auto it = labels.find(LastSegment(iri));
    if (it != labels.end()) return it->second;
  }
  return LastSegment(iri);
}

// A name the store's data gives an IRI (foaf:name, rdfs:label, skos:prefLabel, dct:title).
std::string NameInStore(const ReadView* view, const std::string& iri) {
  if (!view) return "";
  auto subject = view->Lookup(Term::Iri(iri));
  if (!subject.ok() || !*subject) return "";
  for (std::string_view p : {v::foaf::kName, v::rdfs::kLabel, v::skos::kPrefLabel, v::dcterms::kTitle}) {
    auto predicate = view->Lookup(I(p));
    if (!predicate.ok() || !*predicate) continue;
    auto it = view->Scan(QuadPattern{**subject, **predicate, TermId::None(), GraphSelector::All()});
    std::string best;
    for (; it->Valid(); it->Next()) {
      auto t = view->Decode(it->quad().object);
      if (!t.ok() || !t->is_literal()) continue;
      if (t->language.empty() || t->language.rfind("en", 0) == 0) return t->value;
      if (best.empty()) best = t->value;
    }
    if (!best.empty()) return best;
  }
  return "";
}

// Gives every node in a range position the class (and label) DCAT-AP's range shapes look for.
void AddRangeTypes(GraphBuilder& g, const ReadView* view) {
  std::set<std::pair<std::string, std::string>> typed;  // (node N-Triples, class)
  // Twice: the first pass adds nodes in range positions too (an agent's dct:type concept).
  for (int pass = 0; pass < 2; ++pass) {
  std::vector<Quad> snapshot = g.quads();
  for (const Quad& q : snapshot)
    if (q.predicate.value == v::rdf::kType) typed.insert({ToNTriples(q.subject), q.object.value});
  auto type = [&](const Term& node, std::string_view cls) {
    if (typed.insert({ToNTriples(node), std::string(cls)}).second) g.Add(node, v::rdf::kType, I(cls));
  };
  auto concept_label = [&](const Term& node) {
    if (node.is_iri() && !g.Has(node, v::skos::kPrefLabel)) g.Add(node, v::skos::kPrefLabel, En(KnownLabel(node.value)));
  };
  for (const Quad& q : snapshot) {
    const std::string& p = q.predicate.value;
    const Term& o = q.object;
    if (o.is_literal()) continue;
    if (p == v::dcterms::kPublisher || p == "http://purl.org/dc/terms/creator") {
      type(o, v::foaf::kAgent);
      if (!g.Has(o, v::foaf::kName)) {
        std::string name = o.is_iri() ? NameInStore(view, o.value) : "";
        g.Add(o, v::foaf::kName, En(name.empty() ? LastSegment(o.value) : name));
      }
      if (!g.Has(o, v::dcterms::kType)) g.Add(o, v::dcterms::kType, I(v::eu::kPublisherTypeNational));
    } else if (p == v::dcterms::kLicense) {
      type(o, v::dcterms::kLicenseDocument);
      if (o.value == v::kOglV3 && !g.Has(o, v::dcterms::kType)) {
        g.Add(o, v::dcterms::kType, I(v::eu::kLicenceTypeAttribution));
        if (!g.Has(o, v::dcterms::kTitle)) g.Add(o, v::dcterms::kTitle, En(std::string(v::kOglV3Title)));
      }
    } else if (p == v::dcterms::kSpatial) {
      type(o, v::dcterms::kLocation);
      if (o.value == v::eu::kCountryGbr && !g.Has(o, v::dcat::kBbox)) {
        // The United Kingdom's extent (WGS 84), so that DCAT-AP's recommended bbox and centroid are there.
        const std::string wkt = "http://www.opengis.net/ont/geosparql#wktLiteral";
        g.Add(o, v::dcat::kBbox, Typed("POLYGON((-8.65 49.86,1.77 49.86,1.77 60.86,-8.65 60.86,-8.65 49.86))", wkt));
        g.Add(o, v::dcat::kCentroid, Typed("POINT(-2.5 54.4)", wkt));
      }
    } else if (p == v::dcat::kTheme || p == v::dcatap::kAvailability) {
      type(o, v::skos::kConcept);
      concept_label(o);
    } else if (p == v::dcat::kThemeTaxonomy) {
      type(o, v::skos::kConceptScheme);
      if (!g.Has(o, v::dcterms::kTitle)) g.Add(o, v::dcterms::kTitle, En(o.value == v::eu::kDataThemes ? "Data theme" : LastSegment(o.value)));
    } else if (p == v::dcterms::kAccrualPeriodicity) {
      type(o, v::dcterms::kFrequency);
    } else if (p == v::dcat::kContactPoint) {
      type(o, v::vcard::kKind);
    } else if (p == v::dcterms::kTemporal) {
      type(o, v::dcterms::kPeriodOfTime);
    } else if (p == v::dcat::kMediaType || p == v::dcat::kCompressFormat) {
      type(o, v::dcterms::kMediaType);
    } else if (p == v::dcterms::kFormat) {
      type(o, v::dcterms::kMediaTypeOrExtent);
    } else if (p == v::dcterms::kConformsTo) {
      type(o, v::dcterms::kStandard);
    } else if (p == v::dcterms::kLanguage) {
      type(o, v::dcterms::kLinguisticSystem);
    } else if (p == v::foaf::kHomepage || p == v::dcat::kLandingPage || p == v::foaf::kPage) {
      type(o, v::foaf::kDocument);
    } else if (p == v::dcterms::kRights) {
      type(o, v::dcterms::kRightsStatement);
    } else if (p == v::dcterms::kType) {
      type(o, v::skos::kConcept);
      concept_label(o);
    } else if (p == v::spdx::kAlgorithm) {
      type(o, "http://spdx.org/rdf/terms#ChecksumAlgorithm");
    } else if (p == v::dcat::kEndpointUrl || p == v::dcat::kEndpointDescription) {
      type(o, "http://www.w3.org/2000/01/rdf-schema#Resource");
    }
  }
  }
}

Term RenameNode(const Term& t, const std::map<std::string, std::string>& names, const std::string& blank_scope) {
  if (t.is_iri()) {
    auto it = names.find(t.value);
    if (it != names.end()) return Term::Iri(it->second);
  }
  if (t.is_blank()) return Term::BlankNode(blank_scope + t.value);
  return t;
}

std::string MaxOf(const std::vector<PublishedDataset>& datasets, std::string PublishedDataset::*field) {
  std::string best;
  for (const auto& d : datasets) best = std::max(best, d.*field);
  return best;
}

std::string DeclaredOf(const DatasetDeclaration& d, std::string_view predicate, bool iri) {
  std::string any;
  for (const Quad& q : d.triples) {
    if (q.subject.value != d.node || q.predicate.value != predicate) continue;
    if (iri && q.object.is_iri()) return q.object.value;
    if (!iri && q.object.is_literal()) {
      if (q.object.language.rfind("en", 0) == 0) return q.object.value;
      if (any.empty()) any = q.object.value;
    }
  }
  return any;
}

}  // namespace

std::string DeclaredText(const DatasetDeclaration& d, std::string_view predicate) { return DeclaredOf(d, predicate, false); }
std::string DeclaredIri(const DatasetDeclaration& d, std::string_view predicate) { return DeclaredOf(d, predicate, true); }

const PublishedDataset* Catalogue::FindDataset(std::string_view id) const {
  for (const auto& d : datasets)
    if (d.declaration.id == id) return &d;
  return nullptr;
}

const DumpFile* Catalogue::FindDump(std::string_view file_name) const {
  for (const auto& d : datasets)
    for (const auto& f : d.dumps)
      if (f.file_name == file_name) return &f;
  return nullptr;
}

std::vector<Quad> BuildCatalogue(const PublishingConfig& config, const std::vector<PublishedDataset>& datasets,
                                 const CatalogueUris& uris, const ReadView* view) {
  GraphBuilder g;
  const Term catalog = Term::Iri(uris.Catalog());
  const Term service = Term::Iri(uris.Service());
  std::map<std::string, std::string> names{{std::string(kCatalogNode), uris.Catalog()}};
  for (const auto& d : datasets) names[d.declaration.node] = uris.Dataset(d.declaration.id);

  // What the publisher declared, renamed into the URI space. <urn:cairn:graph> links stay private;
  // dct:modified is computed; void:uriSpace belongs to the VoID description.
  std::set<std::string> not_copied = {std::string(kDatasetGraph), std::string(v::dcterms::kModified),
                                      std::string(v::void_::kUriSpace)};
  for (const Quad& q : config.all) {
    if (not_copied.count(q.predicate.value)) continue;
    if (q.subject.is_iri() && q.subject.value.rfind(kDatasetNodePrefix, 0) == 0 && !names.count(q.subject.value)) continue;
    g.Add(RenameNode(q.subject, names, "p"), q.predicate.value, RenameNode(q.object, names, "p"));
  }

  // The catalogue.
  std::string modified = MaxOf(datasets, &PublishedDataset::modified);
  std::string issued;
  std::set<std::string> themes, spatial, publishers;
  Term contact;
  for (const auto& d : datasets) {
    const Term node = Term::Iri(uris.Dataset(d.declaration.id));
    std::string when = DeclaredText(d.declaration, v::dcterms::kIssued);
    if (!when.empty() && (issued.empty() || when < issued)) issued = when;
    for (const Quad& q : d.declaration.triples) {
      if (q.subject.value != d.declaration.node) continue;
      if (q.predicate.value == v::dcat::kTheme) themes.insert(q.object.value);
      if (q.predicate.value == v::dcterms::kSpatial) spatial.insert(q.object.value);
      if (q.predicate.value == v::dcterms::kPublisher) publishers.insert(q.object.value);
      if (q.predicate.value == v::dcat::kContactPoint && contact.is_default_graph()) contact = RenameNode(q.object, names, "p");
    }
    g.Add(catalog, v::dcat::kDatasetProp, node);
  }
  g.Add(catalog, v::rdf::kType, I(v::dcat::kCatalog));
  if (!g.Has(catalog, v::dcterms::kTitle)) g.Add(catalog, v::dcterms::kTitle, En("Linked data catalogue"));
  if (!g.Has(catalog, v::dcterms::kDescription))
    g.Add(catalog, v::dcterms::kDescription, En("The datasets this server publishes as linked data, with their dumps and SPARQL endpoint."));
  if (!g.Has(catalog, v::dcterms::kPublisher) && !publishers.empty()) g.Add(catalog, v::dcterms::kPublisher, Term::Iri(*publishers.begin()));
  if (!g.Has(catalog, v::dcterms::kLicense)) g.Add(catalog, v::dcterms::kLicense, I(v::kOglV3));
  g.Add(catalog, v::dcterms::kLanguage, I(v::eu::kLanguageEng));
  g.Add(catalog, v::foaf::kHomepage, Term::Iri(uris.base));
  g.Add(catalog, v::dcat::kThemeTaxonomy, I(v::eu::kDataThemes));
  g.Add(catalog, v::dcat::kService, service);
  for (const std::string& s : spatial) g.Add(catalog, v::dcterms::kSpatial, Term::Iri(s));
  if (!issued.empty()) g.Add(catalog, v::dcterms::kIssued, Typed(issued, issued.size() == 10 ? v::xsd::kDate : v::xsd::kDateTime));
  if (!modified.empty()) g.Add(catalog, v::dcterms::kModified, Typed(modified, v::xsd::kDateTime));

  // The SPARQL endpoint.
  g.Add(service, v::rdf::kType, I(v::dcat::kDataService));
  g.Add(service, v::dcterms::kTitle, En("SPARQL endpoint"));
  g.Add(service, v::dcterms::kDescription,
        En("SPARQL 1.1 queries over every published dataset; GET " + uris.Sparql() + " without a query gives its service description."));
  g.Add(service, v::dcat::kEndpointUrl, Term::Iri(uris.Sparql()));
  g.Add(service, v::dcat::kEndpointDescription, Term::Iri(uris.Sparql()));
  g.Add(service, v::dcterms::kConformsTo, I("https://www.w3.org/TR/sparql11-protocol/"));
  g.Add(service, v::dcat::kKeyword, En("SPARQL"));
  g.Add(service, v::dcat::kKeyword, En("linked data"));
  g.Add(service, v::dcterms::kLicense, I(v::kOglV3));
  if (!publishers.empty()) g.Add(service, v::dcterms::kPublisher, Term::Iri(*publishers.begin()));
  if (!contact.is_default_graph()) g.Add(service, v::dcat::kContactPoint, contact);
  if (themes.empty()) themes.insert(std::string(v::eu::kThemeGovernment));
  for (const std::string& t : themes) g.Add(service, v::dcat::kTheme, Term::Iri(t));

  // Datasets and their distributions.
  for (const auto& d : datasets) {
    const Term node = Term::Iri(uris.Dataset(d.declaration.id));
    std::string title = DeclaredText(d.declaration, v::dcterms::kTitle);
    std::string license = DeclaredIri(d.declaration, v::dcterms::kLicense);
    if (license.empty()) {
      license = std::string(v::kOglV3);
      g.Add(node, v::dcterms::kLicense, Term::Iri(license));
    }
    g.Add(service, v::dcat::kServesDataset, node);
    if (!d.modified.empty()) g.Add(node, v::dcterms::kModified, Typed(d.modified, v::xsd::kDateTime));
    for (const DumpFile& f : d.dumps) {
      std::string ext(f.kind->extension);
      std::replace(ext.begin(), ext.end(), '.', '-');
      const Term dist = Term::Iri(uris.Dataset(d.declaration.id) + "/distribution/" + ext);
      const Term url = Term::Iri(uris.Dump(f.file_name));
      g.Add(node, v::dcat::kDistributionProp, dist);
      g.Add(dist, v::rdf::kType, I(v::dcat::kDistribution));
      g.Add(dist, v::dcterms::kTitle, En(title + " (" + std::string(f.kind->label) + ")"));
      g.Add(dist, v::dcterms::kDescription, En("Every triple of the dataset as " + std::string(f.kind->label) +
                                                   ", regenerated whenever the data changes."));
      g.Add(dist, v::dcat::kDownloadUrl, url);
      g.Add(dist, v::dcat::kAccessUrl, url);
      g.Add(dist, v::dcat::kMediaType, Term::Iri(std::string(v::kIanaMediaTypes) + std::string(f.kind->media_type)));
      if (f.kind->gzip) g.Add(dist, v::dcat::kCompressFormat, Term::Iri(std::string(v::kIanaMediaTypes) + "application/gzip"));
      g.Add(dist, v::dcterms::kFormat, Term::Iri(std::string(v::eu::kFileType) + std::string(f.kind->file_type)));
      g.Add(dist, v::dcat::kByteSize, Typed(std::to_string(f.byte_size), v::xsd::kNonNegativeInteger));
      Term checksum = g.Blank();
      g.Add(dist, v::spdx::kChecksum, checksum);
      g.Add(checksum, v::rdf::kType, I(v::spdx::kChecksumClass));
      g.Add(checksum, v::spdx::kAlgorithm, I(v::spdx::kSha256));
      g.Add(checksum, v::spdx::kChecksumValue, Typed(f.sha256, "http://www.w3.org/2001/XMLSchema#hexBinary"));
      g.Add(dist, v::dcterms::kLicense, Term::Iri(license));
      if (license == v::kOglV3) {
        Term rights = g.Blank();
        g.Add(dist, v::dcterms::kRights, rights);
        g.Add(rights, v::rdfs::kLabel, En(std::string(v::kOglAttribution)));
      }
      g.Add(dist, v::dcatap::kAvailability, I(v::eu::kAvailabilityStable));
      if (!d.modified.empty()) g.Add(dist, v::dcterms::kModified, Typed(d.modified, v::xsd::kDateTime));
    }
  }
  if (!g.Has(catalog, v::dcterms::kRights) && std::any_of(g.quads().begin(), g.quads().end(), [&](const Quad& q) {
        return q.subject == catalog && q.predicate.value == v::dcterms::kLicense && q.object.value == v::kOglV3;
      })) {
    Term rights = g.Blank();
    g.Add(catalog, v::dcterms::kRights, rights);
    g.Add(rights, v::rdfs::kLabel, En(std::string(v::kOglAttribution)));
  }
  AddRangeTypes(g, view);
  return g.Take();
}

std::vector<Quad> BuildVoid(const Catalogue& catalogue, const CatalogueUris& uris) {
  GraphBuilder g;
  const Term description = Term::Iri(uris.Void());
  const Term store = Term::Iri(uris.Void() + "#store");
  g.Add(description, v::rdf::kType, I(v::void_::kDatasetDescription));
  g.Add(description, v::dcterms::kTitle, En("VoID description of the datasets published here"));
  g.Add(description, "http://xmlns.com/foaf/0.1/primaryTopic", store);
  g.Add(store, v::rdf::kType, I(v::void_::kDataset));
  g.Add(store, v::dcterms::kTitle, En("Everything this server publishes"));
  g.Add(store, v::void_::kSparqlEndpoint, Term::Iri(uris.Sparql()));
  g.Add(store, v::void_::kUriSpace, Term::Literal(uris.base, ""));
  g.Add(store, v::void_::kTriples, Count(catalogue.store_triples));
  std::set<std::string> vocabularies;
  for (const PublishedDataset& d : catalogue.datasets) {
    const std::string iri = uris.Dataset(d.declaration.id);
    const Term node = Term::Iri(iri);
    const DatasetStatistics& s = d.statistics;
    g.Add(store, v::void_::kSubset, node);
    g.Add(node, v::rdf::kType, I(v::void_::kDataset));
    std::string title = DeclaredText(d.declaration, v::dcterms::kTitle);
    if (!title.empty()) g.Add(node, v::dcterms::kTitle, En(title));
    if (!d.modified.empty()) g.Add(node, v::dcterms::kModified, Typed(d.modified, v::xsd::kDateTime));
    std::string license = DeclaredIri(d.declaration, v::dcterms::kLicense);
    g.Add(node, v::dcterms::kLicense, Term::Iri(license.empty() ? std::string(v::kOglV3) : license));
    g.Add(node, v::void_::kSparqlEndpoint, Term::Iri(uris.Sparql()));
    for (const DumpFile& f : d.dumps) {
      g.Add(node, v::void_::kDataDump, Term::Iri(uris.Dump(f.file_name)));
      g.Add(store, v::void_::kDataDump, Term::Iri(uris.Dump(f.file_name)));
    }
    if (!s.uri_space.empty()) g.Add(node, v::void_::kUriSpace, Term::Literal(s.uri_space, ""));
    for (const std::string& e : s.example_resources) g.Add(node, v::void_::kExampleResource, Term::Iri(e));
    for (const std::string& ns : s.vocabularies) {
      g.Add(node, v::void_::kVocabulary, Term::Iri(ns));
      vocabularies.insert(ns);
    }
    g.Add(node, v::void_::kTriples, Count(s.triples));
    g.Add(node, v::void_::kEntities, Count(s.entities));
    g.Add(node, v::void_::kClasses, Count(s.classes));
    g.Add(node, v::void_::kProperties, Count(s.properties));
    g.Add(node, v::void_::kDistinctSubjects, Count(s.distinct_subjects));
    g.Add(node, v::void_::kDistinctObjects, Count(s.distinct_objects));
    for (const ClassPartition& c : s.class_partitions) {
      Term part = g.Blank();
      g.Add(node, v::void_::kClassPartition, part);
      g.Add(part, v::void_::kClass, Term::Iri(c.class_iri));
      g.Add(part, v::void_::kEntities, Count(c.entities));
    }
    for (const PropertyPartition& p : s.property_partitions) {
      Term part = g.Blank();
      g.Add(node, v::void_::kPropertyPartition, part);
      g.Add(part, v::void_::kProperty, Term::Iri(p.property));
      g.Add(part, v::void_::kTriples, Count(p.triples));
      g.Add(part, v::void_::kDistinctSubjects, Count(p.distinct_subjects));
      g.Add(part, v::void_::kDistinctObjects, Count(p.distinct_objects));
    }
    std::map<std::string, Term> external;  // namespace -> its void:Dataset
    int n = 0;
    for (const Linkset& l : s.linksets) {
      Term linkset = Term::Iri(iri + "/linkset/" + std::to_string(++n));
      g.Add(node, v::void_::kSubset, linkset);
      g.Add(linkset, v::rdf::kType, I(v::void_::kLinkset));
      g.Add(linkset, v::void_::kSubjectsTarget, node);
      Term target;
      if (!l.target_dataset.empty()) {
        target = Term::Iri(uris.Dataset(l.target_dataset));
      } else {
        auto it = external.find(l.target_namespace);
        if (it == external.end()) {
          Term ds = g.Blank();
          g.Add(ds, v::rdf::kType, I(v::void_::kDataset));
          g.Add(ds, v::void_::kUriSpace, Term::Literal(l.target_namespace, ""));
          it = external.emplace(l.target_namespace, ds).first;
        }
        target = it->second;
      }
      g.Add(linkset, v::void_::kObjectsTarget, target);
      g.Add(linkset, v::void_::kLinkPredicate, Term::Iri(l.predicate));
      g.Add(linkset, v::void_::kTriples, Count(l.triples));
    }
  }
  for (const std::string& ns : vocabularies) g.Add(store, v::void_::kVocabulary, Term::Iri(ns));
  return g.Take();
}

namespace {

std::string NTriplesOf(const std::vector<Quad>& quads) {
  std::string text;
  for (const Quad& q : quads) {
    AppendNTriples(q.subject, text);
    text += ' ';
    AppendNTriples(q.predicate, text);
    text += ' ';
    AppendNTriples(q.object, text);
    text += " .\n";
  }
  return text;
}

// Replaces a reserved graph's content through the Store (so its state tag moves on).
Status WriteReservedGraph(Store& store, std::string_view graph, const std::vector<Quad>& quads) {
  GraphSource source;
  source.text = NTriplesOf(quads);
  source.format = RdfFormat::kNTriples;
  auto written = store.WriteGraph(Term::Iri(std::string(graph)), source, /*replace=*/true);
  return written.ok() ? Status::OK() : written.status();
}

struct Cache {
  std::mutex mutex;
  std::map<const Store*, std::shared_ptr<const Catalogue>> catalogues;
};

Cache& TheCache() {
  static Cache cache;
  return cache;
}

}  // namespace

Result<std::shared_ptr<const Catalogue>> RefreshCatalogue(Store& store, const std::string& base_uri) {
  Cache& cache = TheCache();
  std::lock_guard lock(cache.mutex);
  std::shared_ptr<const Catalogue>& slot = cache.catalogues[&store];
  std::string tag = store.StateTag();
  if (slot && slot->store_tag == tag && slot->base_uri == base_uri) return slot;

  auto view = store.quad_store().Snapshot();
  auto config = ReadPublishingConfig(*view);
  if (!config.ok()) return config.status();
  auto clock = ReadGraphClock(*view);
  if (!clock.ok()) return clock.status();
  const Statistics& stats = view->statistics();
  auto graph_size = [&](const std::string& iri) -> std::uint64_t {
    auto id = view->Lookup(Term::Iri(iri));
    if (!id.ok() || !*id) return 0;
    auto it = stats.graph_triples.find(**id);
    return it == stats.graph_triples.end() ? 0 : it->second;
  };

  auto next = std::make_shared<Catalogue>();
  next->base_uri = base_uri;
  next->dumps_dir = DumpsDirectory(store);
  for (const auto& [graph, triples] : stats.graph_triples) {
    if (graph.is_none()) {
      next->store_triples += triples;
      continue;
    }
    auto iri = view->Decode(graph);
    if (iri.ok() && !IsReservedGraph(iri->value)) next->store_triples += triples;
  }
  // What the datasets' statistics and dumps depend on; the catalogue also on the base and the
  // store's size.
  std::string datasets_state;
  for (const Quad& q : config->all) datasets_state += ToNTriples(q.subject) + ToNTriples(q.predicate) + ToNTriples(q.object) + "\n";
  for (const DatasetDeclaration& d : config->datasets) {
    PublishedDataset p;
    p.declaration = d;
    for (const std::string& g : d.graphs) {
      std::string when = clock->count(g) ? clock->at(g) : "";
      p.modified = std::max(p.modified, when);
      p.state += g + "@" + when + "#" + std::to_string(graph_size(g)) + "|";
    }
    datasets_state += p.state + "\n";
    next->datasets.push_back(std::move(p));
  }
  std::string state = base_uri + "\n" + std::to_string(next->store_triples) + "\n" + datasets_state;
  if (slot && slot->state == state) {
    auto refreshed = std::make_shared<Catalogue>(*slot);
    refreshed->store_tag = tag;
    slot = refreshed;
    return slot;
  }
  next->state = state;
  next->datasets_state = datasets_state;
  next->config = std::move(config).value();

  if (slot && slot->datasets_state == datasets_state) {
    // Only the base or graphs outside every dataset changed: statistics and dumps stand.
    next->datasets = slot->datasets;
  } else {
    auto statistics = ComputeDatasetStatistics(*view, next->config);
    if (!statistics.ok()) return statistics.status();
    for (PublishedDataset& p : next->datasets) {
      p.statistics = statistics->at(p.declaration.id);
      auto dumps = EnsureDumps(*view, p.declaration, p.state, next->dumps_dir);
      if (!dumps.ok()) return dumps.status();
      p.dumps = std::move(dumps).value();
    }
  }
  CatalogueUris uris{base_uri};
  next->dcat = BuildCatalogue(next->config, next->datasets, uris, view.get());
  next->void_triples = BuildVoid(*next, uris);
  view.reset();
  // The graphs are a convenience for SPARQL: a store opened read-only still serves the catalogue.
  // A store that publishes nothing has no graph of Cairn's own (the last withdrawal drops them).
  if (!next->datasets.empty()) {
    Status written = WriteReservedGraph(store, kCatalogueGraph, next->dcat);
    if (written.ok()) written = WriteReservedGraph(store, kVoidGraph, next->void_triples);
  } else {
    for (std::string_view graph : {kCatalogueGraph, kVoidGraph}) {
      auto had = store.HasGraph(Term::Iri(std::string(graph)));
      if (had.ok() && *had) (void)store.DropGraph(Term::Iri(std::string(graph)));
    }
  }
  next->store_tag = store.StateTag();
  slot = next;
  return slot;
}

}  // namespace cairn
