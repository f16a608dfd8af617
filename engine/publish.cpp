#include "engine/publish.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "engine/graph_clock.h"
#include "engine/rdf_reader.h"
#include "vocab/dcat.h"

namespace cairn {
namespace {

namespace v = vocab;

Term I(std::string_view iri) { return Term::Iri(std::string(iri)); }
Term EnglishText(const std::string& text) { return Term::LangLiteral(text, "en"); }

bool ValidId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
}

bool LooksLikeIri(const std::string& s) {
  std::size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    unsigned char c = s[i];
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return s.find_first_of(" <>\"{}|\\^`") == std::string::npos;
}

bool AllOf(const std::string& s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](unsigned char c) { return pred(c) != 0; });
}

// A short code of an EU authority table ("ENVI", "GBR", "ANNUAL") or an IRI as given.
Result<Term> CodeOrIri(const std::string& value, std::string_view table, const char* option) {
  if (LooksLikeIri(value)) return Term::Iri(value);
  std::string upper;
  for (unsigned char c : value) upper += static_cast<char>(std::toupper(c));
  if (AllOf(upper, [](int c) { return std::isupper(c) || c == '_' ? 1 : 0; }))
    return Term::Iri(std::string(table) + upper);
  return Status::InvalidArgument(std::string(option) + " wants an IRI or a code of " + std::string(table) +
                                 ", not \"" + value + "\"");
}

// "2014-01-01" (xsd:date) or "2014-01-01T00:00:00Z" (xsd:dateTime).
Result<Term> DateLiteral(const std::string& text) {
  auto digits = [&](std::size_t from, std::size_t n) {
    if (text.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
  };
  bool date = text.size() >= 10 && digits(0, 4) && text[4] == '-' && digits(5, 2) && text[7] == '-' && digits(8, 2);
  if (date && text.size() == 10) return Term::Literal(text, std::string(v::xsd::kDate));
  if (date && text.size() >= 19 && text[10] == 'T' && digits(11, 2) && text[13] == ':' && digits(14, 2) &&
      text[16] == ':' && digits(17, 2))
    return Term::Literal(text, std::string(v::xsd::kDateTime));
  return Status::InvalidArgument("--temporal: \"" + text + "\" is not a date (YYYY-MM-DD) or date-time");
}

Status CheckIri(const std::string& value, const char* what) {
  if (!LooksLikeIri(value)) return Status::InvalidArgument(std::string(what) + " must be an IRI, not \"" + value + "\"");
  return Status::OK();
}

Result<std::vector<Quad>> DatasetTriples(const DatasetOptions& d) {
  if (!ValidId(d.id)) return Status::InvalidArgument("--dataset: \"" + d.id + "\" is not a dataset id ([A-Za-z0-9_-]+)");
  if (d.graphs.empty()) return Status::InvalidArgument("dataset " + d.id + " has no --graph: a dataset is one or more named graphs");
  if (d.title.empty()) return Status::InvalidArgument("dataset " + d.id + " needs a --title");
  if (d.description.empty()) return Status::InvalidArgument("dataset " + d.id + " needs a --description");
  std::vector<Quad> q;
  const Term node = Term::Iri(std::string(kDatasetNodePrefix) + d.id);
  auto add = [&](const Term& s, std::string_view p, Term o) { q.push_back(Quad{s, I(p), std::move(o), {}}); };
  add(node, v::rdf::kType, I(v::dcat::kDataset));
  add(node, v::dcterms::kIdentifier, Term::Literal(d.id, ""));
  for (const std::string& g : d.graphs) {
    CAIRN_RETURN_IF_ERROR(CheckIri(g, "--graph"));
    add(node, kDatasetGraph, Term::Iri(g));
  }
  add(node, v::dcterms::kTitle, EnglishText(d.title));
  add(node, v::dcterms::kDescription, EnglishText(d.description));
  if (!d.publisher.empty()) {
    CAIRN_RETURN_IF_ERROR(CheckIri(d.publisher, "--publisher"));
    add(node, v::dcterms::kPublisher, Term::Iri(d.publisher));
    if (!d.publisher_name.empty()) add(Term::Iri(d.publisher), v::foaf::kName, EnglishText(d.publisher_name));
  }
  if (!d.license.empty()) {
    CAIRN_RETURN_IF_ERROR(CheckIri(d.license, "--license"));
    add(node, v::dcterms::kLicense, Term::Iri(d.license));
  }
  for (const std::string& k : d.keywords) add(node, v::dcat::kKeyword, EnglishText(k));
  for (const std::string& t : d.themes) {
    auto theme = CodeOrIri(t, std::string(v::eu::kDataThemes) + "/", "--theme");
    if (!theme.ok()) return theme.status();
    add(node, v::dcat::kTheme, *theme);
  }
  for (const std::string& s : d.spatial) {
    auto place = CodeOrIri(s, "http://publications.europa.eu/resource/authority/country/", "--spatial");
    if (!place.ok()) return place.status();
    add(node, v::dcterms::kSpatial, *place);
  }
  if (!d.accrual_periodicity.empty()) {
    auto f = CodeOrIri(d.accrual_periodicity, v::eu::kFrequency, "--accrual-periodicity");
    if (!f.ok()) return f.status();
    add(node, v::dcterms::kAccrualPeriodicity, *f);
  }
  if (!d.temporal.empty()) {
    std::size_t slash = d.temporal.find('/');
    if (slash == std::string::npos) return Status::InvalidArgument("--temporal wants START/END, e.g. 2014-01-01/2014-12-31");
    auto start = DateLiteral(d.temporal.substr(0, slash));
    auto end = DateLiteral(d.temporal.substr(slash + 1));
    if (!start.ok()) return start.status();
    if (!end.ok()) return end.status();
    Term period = Term::BlankNode("period-" + d.id);
    add(node, v::dcterms::kTemporal, period);
    add(period, v::rdf::kType, I(v::dcterms::kPeriodOfTime));
    add(period, v::dcat::kStartDate, *start);
    add(period, v::dcat::kEndDate, *end);
  }
  if (!d.contact.empty()) {
    Term contact = Term::BlankNode("contact-" + d.id);
    add(node, v::dcat::kContactPoint, contact);
    add(contact, v::rdf::kType, I(v::vcard::kOrganization));
    add(contact, v::vcard::kFn, EnglishText(d.publisher_name.empty() ? d.title : d.publisher_name));
    if (d.contact.find('@') != std::string::npos && d.contact.find(':') == std::string::npos) {
      add(contact, v::vcard::kHasEmail, Term::Iri("mailto:" + d.contact));
    } else {
      CAIRN_RETURN_IF_ERROR(CheckIri(d.contact, "--contact"));
      add(contact, d.contact.rfind("mailto:", 0) == 0 ? v::vcard::kHasEmail : v::vcard::kHasUrl, Term::Iri(d.contact));
    }
  }
  if (!d.uri_space.empty()) add(node, "http://rdfs.org/ns/void#uriSpace", Term::Literal(d.uri_space, ""));
  return q;
}

// Renames blank nodes so that two sets of triples inserted in one transaction never share one.
void ScopeBlankNodes(std::vector<Quad>& quads, const std::string& scope) {
  for (Quad& q : quads) {
    for (Term* t : {&q.subject, &q.object})
      if (t->is_blank()) t->value = scope + t->value;
  }
}

// Subjects reachable from `root` through blank-node objects, root included.
std::set<Term> Closure(const std::vector<Quad>& quads, const Term& root) {
  std::set<Term> seen{root};
  std::vector<Term> todo{root};
  while (!todo.empty()) {
    Term t = todo.back();
    todo.pop_back();
    for (const Quad& q : quads) {
      if (q.subject == t && q.object.is_blank() && seen.insert(q.object).second) todo.push_back(q.object);
    }
  }
  return seen;
}

// The declarations as stored: N-Triples text in the store's bookkeeping (kPublishingKey).
Result<std::vector<Quad>> ReadDeclarations(const ReadView& view) {
  std::vector<Quad> quads;
  auto text = view.Bookkeeping(kPublishingKey);
  if (!text.ok()) return text.status();
  if (!*text) return quads;
  RdfReadOptions read;
  read.format = RdfFormat::kNTriples;
  CAIRN_RETURN_IF_ERROR(ReadRdfString(**text, "publishing declarations", read, [&](const Quad& q) {
    quads.push_back(q);
    return Status::OK();
  }));
  return quads;
}

Result<std::set<std::string>> NamedGraphIris(const ReadView& view) {
  std::set<std::string> iris;
  for (TermId id : view.NamedGraphs()) {
    auto t = view.Decode(id);
    if (!t.ok()) return t.status();
    iris.insert(t->value);
  }
  return iris;
}

std::string DatasetIdOf(const Term& t) {
  if (!t.is_iri() || t.value.rfind(kDatasetNodePrefix, 0) != 0) return "";
  return t.value.substr(kDatasetNodePrefix.size());
}

// Every rule a declaration must satisfy before it is stored.
Status Validate(const PublishingConfig& config, const std::set<std::string>& graphs) {
  for (const DatasetDeclaration& d : config.datasets) {
    if (!ValidId(d.id)) return Status::InvalidArgument("\"" + d.id + "\" is not a dataset id ([A-Za-z0-9_-]+)");
    if (d.graphs.empty()) return Status::InvalidArgument("dataset " + d.id + " has no graph: a dataset is one or more named graphs");
    for (const std::string& g : d.graphs) {
      if (IsReservedGraph(g)) return Status::InvalidArgument("dataset " + d.id + ": <" + g + "> is one of Cairn's own graphs");
      if (!graphs.count(g)) return Status::NotFound("dataset " + d.id + ": the store has no graph <" + g + "> (load it first)");
    }
    std::set<std::string> seen;
    for (const Quad& q : d.triples) {
      if (q.subject.value != d.node) continue;
      seen.insert(q.predicate.value);
      if ((q.predicate.value == v::dcterms::kPublisher || q.predicate.value == v::dcterms::kLicense) && q.object.is_literal())
        return Status::InvalidArgument("dataset " + d.id + ": " + q.predicate.value + " must be an IRI, not the text \"" +
                                       q.object.value + "\"");
    }
    for (std::string_view required : {v::dcterms::kTitle, v::dcterms::kDescription, v::dcterms::kPublisher}) {
      if (!seen.count(std::string(required)))
        return Status::InvalidArgument("dataset " + d.id + " has no " + std::string(required) + " (DCAT-AP needs it)");
    }
  }
  for (const Quad& q : config.catalog) {
    if (q.subject.value == kCatalogNode && q.predicate.value == v::dcterms::kPublisher && !q.object.is_iri())
      return Status::InvalidArgument("the catalogue's publisher must be an IRI");
  }
  return Status::OK();
}

// Replaces the stored declarations with `quads`, atomically.
Status WriteDeclarations(QuadStore& qs, const std::vector<Quad>& quads) {
  std::string text;
  for (const Quad& q : quads) {
    AppendNTriples(q.subject, text);
    text += ' ';
    AppendNTriples(q.predicate, text);
    text += ' ';
    AppendNTriples(q.object, text);
    text += " .\n";
  }
  auto txn = qs.BeginWrite();
  if (!txn.ok()) return txn.status();
  CAIRN_RETURN_IF_ERROR((*txn)->PutBookkeeping(kPublishingKey, text));
  return (*txn)->Commit();
}

PublishingConfig ConfigFrom(std::vector<Quad> all) {
  PublishingConfig config;
  std::map<std::string, DatasetDeclaration> datasets;
  for (const Quad& q : all) {
    std::string id = DatasetIdOf(q.subject);
    if (id.empty() || datasets.count(id)) continue;
    DatasetDeclaration d;
    d.id = id;
    d.node = q.subject.value;
    std::set<Term> closure = Closure(all, q.subject);
    for (const Quad& t : all) {
      if (!closure.count(t.subject)) continue;
      d.triples.push_back(t);
      if (t.subject == q.subject && t.predicate.value == kDatasetGraph) d.graphs.push_back(t.object.value);
    }
    std::sort(d.graphs.begin(), d.graphs.end());
    datasets.emplace(id, std::move(d));
  }
  for (auto& [id, d] : datasets) config.datasets.push_back(std::move(d));
  std::set<Term> catalog = Closure(all, Term::Iri(std::string(kCatalogNode)));
  for (const Quad& t : all)
    if (catalog.count(t.subject)) config.catalog.push_back(t);
  config.all = std::move(all);
  return config;
}

}  // namespace

Result<std::vector<Quad>> DeclarationTriples(const std::vector<DatasetOptions>& datasets, const CatalogOptions& catalog) {
  std::vector<Quad> quads;
  for (const DatasetOptions& d : datasets) {
    auto triples = DatasetTriples(d);
    if (!triples.ok()) return triples.status();
    quads.insert(quads.end(), triples->begin(), triples->end());
  }
  const Term node = I(kCatalogNode);
  auto add = [&](const Term& s, std::string_view p, Term o) { quads.push_back(Quad{s, I(p), std::move(o), {}}); };
  if (!catalog.title.empty()) add(node, v::dcterms::kTitle, EnglishText(catalog.title));
  if (!catalog.description.empty()) add(node, v::dcterms::kDescription, EnglishText(catalog.description));
  if (!catalog.publisher.empty()) {
    CAIRN_RETURN_IF_ERROR(CheckIri(catalog.publisher, "--catalog-publisher"));
    add(node, v::dcterms::kPublisher, Term::Iri(catalog.publisher));
    if (!catalog.publisher_name.empty()) add(Term::Iri(catalog.publisher), v::foaf::kName, EnglishText(catalog.publisher_name));
  }
  return quads;
}

Result<std::vector<Quad>> DeclarationTriplesFromFile(const std::string& path) {
  std::vector<Quad> quads;
  RdfReadOptions read;
  read.format = RdfFormatFromPath(path).value_or(RdfFormat::kTurtle);
  CAIRN_RETURN_IF_ERROR(ReadRdfFile(path, read, [&](const Quad& q) {
    quads.push_back(Quad{q.subject, q.predicate, q.object, {}});
    return Status::OK();
  }));
  // Datasets are named by their dct:identifier; the catalogue is the one dcat:Catalog.
  std::map<Term, Term> rename;
  for (const Quad& q : quads) {
    if (q.predicate.value == v::rdf::kType && q.object.value == v::dcat::kCatalog) rename[q.subject] = I(kCatalogNode);
  }
  for (const Quad& q : quads) {
    if (q.predicate.value != v::rdf::kType || q.object.value != v::dcat::kDataset) continue;
    std::string id;
    for (const Quad& p : quads)
      if (p.subject == q.subject && p.predicate.value == v::dcterms::kIdentifier && p.object.is_literal()) id = p.object.value;
    std::string name = q.subject.is_iri() ? "<" + q.subject.value + ">" : "a dcat:Dataset";
    if (id.empty()) return Status::InvalidArgument(path + ": " + name + " has no dct:identifier (its dataset id)");
    if (!ValidId(id)) return Status::InvalidArgument(path + ": dct:identifier \"" + id + "\" is not a dataset id ([A-Za-z0-9_-]+)");
    rename[q.subject] = Term::Iri(std::string(kDatasetNodePrefix) + id);
  }
  for (Quad& q : quads) {
    if (auto it = rename.find(q.subject); it != rename.end()) q.subject = it->second;
    if (auto it = rename.find(q.object); it != rename.end()) q.object = it->second;
  }
  return quads;
}

Status Publish(Store& store, const std::vector<Quad>& declarations) {
  QuadStore& qs = store.quad_store();
  auto view = qs.Snapshot();
  auto existing = ReadDeclarations(*view);
  if (!existing.ok()) return existing.status();
  std::vector<Quad> fresh = declarations;
  ScopeBlankNodes(fresh, "n-");
  ScopeBlankNodes(*existing, "e-");
  PublishingConfig incoming = ConfigFrom(fresh);
  PublishingConfig before = ConfigFrom(*existing);

  // Keep what is not replaced: other datasets, catalogue properties not given again, the rest.
  std::set<std::string> replaced;
  for (const DatasetDeclaration& d : incoming.datasets) replaced.insert(d.node);
  std::set<Term> dropped;
  std::map<std::string, Term> issued;
  for (const DatasetDeclaration& d : before.datasets) {
    if (!replaced.count(d.node)) continue;
    for (const Quad& q : d.triples) {
      dropped.insert(q.subject);
      if (q.subject.value == d.node && q.predicate.value == v::dcterms::kIssued) issued.emplace(d.node, q.object);
    }
  }
  std::set<std::string> catalog_predicates;
  for (const Quad& q : incoming.catalog)
    if (q.subject.value == kCatalogNode) catalog_predicates.insert(q.predicate.value);
  std::vector<Quad> merged;
  for (const Quad& q : *existing) {
    if (dropped.count(q.subject)) continue;
    if (q.subject.value == kCatalogNode && catalog_predicates.count(q.predicate.value)) continue;
    merged.push_back(q);
  }
  std::string now = NowDateTime();
  for (const DatasetDeclaration& d : incoming.datasets) {
    bool has_issued = std::any_of(d.triples.begin(), d.triples.end(), [&](const Quad& q) {
      return q.subject.value == d.node && q.predicate.value == v::dcterms::kIssued;
    });
    if (has_issued) continue;
    auto old = issued.find(d.node);
    merged.push_back(Quad{Term::Iri(d.node), I(v::dcterms::kIssued),
                          old != issued.end() ? old->second : Term::Literal(now, std::string(v::xsd::kDateTime)), {}});
  }
  merged.insert(merged.end(), fresh.begin(), fresh.end());
  std::sort(merged.begin(), merged.end());
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());

  auto graphs = NamedGraphIris(*view);
  if (!graphs.ok()) return graphs.status();
  PublishingConfig after = ConfigFrom(merged);
  CAIRN_RETURN_IF_ERROR(Validate(after, *graphs));

  // Graphs loaded before the clock existed get "now" as their first known change.
  auto clock = ReadGraphClock(*view);
  if (!clock.ok()) return clock.status();
  std::vector<std::string> unstamped;
  for (const DatasetDeclaration& d : after.datasets)
    for (const std::string& g : d.graphs)
      if (!clock->count(g)) unstamped.push_back(g);
  view.reset();

  CAIRN_RETURN_IF_ERROR(WriteDeclarations(qs, merged));
  if (!unstamped.empty()) CAIRN_RETURN_IF_ERROR(StampGraphs(qs, unstamped, now));
  return Status::OK();
}

Status Withdraw(Store& store, const std::string& id) {
  QuadStore& qs = store.quad_store();
  auto view = qs.Snapshot();
  auto existing = ReadDeclarations(*view);
  if (!existing.ok()) return existing.status();
  view.reset();
  PublishingConfig config = ConfigFrom(*existing);
  auto d = std::find_if(config.datasets.begin(), config.datasets.end(), [&](const auto& x) { return x.id == id; });
  if (d == config.datasets.end()) return Status::NotFound("no published dataset " + id);
  std::set<Term> dropped;
  for (const Quad& q : d->triples) dropped.insert(q.subject);
  std::vector<Quad> kept;
  for (const Quad& q : *existing)
    if (!dropped.count(q.subject)) kept.push_back(q);
  return WriteDeclarations(qs, kept);
}

Result<PublishingConfig> ReadPublishingConfig(const ReadView& view) {
  auto quads = ReadDeclarations(view);
  if (!quads.ok()) return quads.status();
  return ConfigFrom(std::move(quads).value());
}

}  // namespace cairn
