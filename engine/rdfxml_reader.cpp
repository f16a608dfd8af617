#include "engine/rdfxml_reader.h"

// Debian's expat is built with DTD support; the declarations of its billion-laughs limits are
// only visible with XML_DTD defined.
#ifndef XML_DTD
#define XML_DTD
#endif
#include <expat.h>

#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

#include "engine/rdfxml_literal.h"
#include "engine/rdfxml_writer.h"
#include "storage/iri.h"
#include "vocab/vocab.h"

namespace cairn {
namespace {

// expat reports a namespaced name as "namespace\nlocal\nprefix": attribute values normalise
// newlines away, so no namespace name can hold one.
constexpr char kSeparator = '\n';
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kXmlLiteral = "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral";
constexpr int kMaxEntities = 1000;
constexpr std::size_t kMaxEntityBytes = 64 * 1024;

XmlName SplitName(const char* raw) {
  std::string_view s(raw);
  XmlName name;
  auto first = s.find(kSeparator);
  if (first == std::string_view::npos) {
    name.local = s;
    return name;
  }
  name.ns = s.substr(0, first);
  auto second = s.find(kSeparator, first + 1);
  if (second == std::string_view::npos) {
    name.local = s.substr(first + 1);
  } else {
    name.local = s.substr(first + 1, second - first - 1);
    name.prefix = s.substr(second + 1);
  }
  return name;
}

bool IsRdf(const XmlName& n, std::string_view local) { return n.ns == kRdf && n.local == local; }

// Names the grammar reserves (RDF 1.1 XML Syntax 6.2.2-6.2.6).
bool IsCoreSyntaxTerm(std::string_view local) {
  return local == "RDF" || local == "ID" || local == "about" || local == "parseType" || local == "resource" ||
         local == "nodeID" || local == "datatype";
}
bool IsOldTerm(std::string_view local) { return local == "aboutEach" || local == "aboutEachPrefix" || local == "bagID"; }

bool IsXmlWhitespace(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool IsNcName(std::string_view s) { return IsXmlNcName(s); }

class RdfXmlParser {
 public:
  RdfXmlParser(const std::string& source, const RdfReadOptions& options, const QuadSink& sink, RdfReadStats& stats,
               const PrefixSink& prefixes)
      : source_(source), options_(options), sink_(sink), stats_(stats), prefixes_(prefixes) {
    parser_ = XML_ParserCreateNS(nullptr, kSeparator);
    XML_SetReturnNSTriplet(parser_, 1);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &RdfXmlParser::OnStart, &RdfXmlParser::OnEnd);
    XML_SetCharacterDataHandler(parser_, &RdfXmlParser::OnText);
    XML_SetCommentHandler(parser_, &RdfXmlParser::OnComment);
    XML_SetProcessingInstructionHandler(parser_, &RdfXmlParser::OnPi);
    XML_SetStartNamespaceDeclHandler(parser_, &RdfXmlParser::OnNamespace);
    XML_SetEntityDeclHandler(parser_, &RdfXmlParser::OnEntityDecl);
    XML_SetSkippedEntityHandler(parser_, &RdfXmlParser::OnSkippedEntity);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
    // Expat's defaults are 100x from 8 MiB of expansion on; start checking from 1 MiB.
    XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser_, 100.0f);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(parser_, 1u << 20);
    Frame top;
    top.kind = Kind::kDocument;
    top.base = options.base_iri;
    frames_.push_back(std::move(top));
  }
  ~RdfXmlParser() { XML_ParserFree(parser_); }
  RdfXmlParser(const RdfXmlParser&) = delete;
  RdfXmlParser& operator=(const RdfXmlParser&) = delete;

  Status Run(const ReadBytes& read) {
    constexpr std::size_t kChunk = 1 << 16;
    for (;;) {
      void* buffer = XML_GetBuffer(parser_, kChunk);
      if (!buffer) return Status::IOError(source_ + ": out of memory");
      std::size_t n = read(static_cast<char*>(buffer), kChunk);
      bool last = n == 0;
      if (XML_ParseBuffer(parser_, static_cast<int>(n), last) != XML_STATUS_OK) {
        if (!sink_status_.ok()) return sink_status_;
        if (!error_.empty()) return Status::Syntax(error_);
        return Status::Syntax(Located(XML_ErrorString(XML_GetErrorCode(parser_))));
      }
      if (last) return Status::OK();
    }
  }

 private:
  enum class Kind {
    kDocument,    // before the root element
    kRdf,         // inside rdf:RDF: node elements
    kNode,        // inside a node element (or parseType="Resource"): property elements
    kProperty,    // a property element whose kind its content decides
    kLiteral,     // parseType="Literal": XML content
    kCollection,  // parseType="Collection": node elements
  };

  struct Frame {
    Kind kind = Kind::kDocument;
    std::string base;
    std::string lang;
    // kNode: the subject; kProperty/kLiteral/kCollection: the subject of the property.
    Term subject;
    int next_li = 1;  // kNode: rdf:li counter
    // kProperty, kLiteral, kCollection:
    Term predicate;
    std::string reify;  // the rdf:ID's IRI, empty if none
    // kProperty:
    std::optional<Term> object;  // the node element inside, or rdf:resource / rdf:nodeID
    std::optional<std::string> datatype;
    std::vector<std::pair<Term, std::string>> property_attributes;  // (predicate, value)
    bool object_from_attribute = false;
    std::string text;
    // kCollection: the last list cell.
    std::optional<Term> last_cell;
    // kLiteral:
    std::unique_ptr<XmlLiteralBuilder> literal;
  };

  // ---- expat callbacks ----
  static void OnStart(void* data, const XML_Char* name, const XML_Char** atts) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (self->Failed()) return;
    self->Start(SplitName(name), atts);
  }
  static void OnEnd(void* data, const XML_Char*) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (self->Failed()) return;
    self->End();
  }
  static void OnText(void* data, const XML_Char* s, int len) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (self->Failed()) return;
    self->Text(std::string_view(s, static_cast<std::size_t>(len)));
  }
  static void OnComment(void* data, const XML_Char* s) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (!self->Failed() && self->frames_.back().kind == Kind::kLiteral) self->frames_.back().literal->Comment(s);
  }
  static void OnPi(void* data, const XML_Char* target, const XML_Char* pi) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (!self->Failed() && self->frames_.back().kind == Kind::kLiteral)
      self->frames_.back().literal->ProcessingInstruction(target, pi ? pi : "");
  }
  static void OnNamespace(void* data, const XML_Char* prefix, const XML_Char* uri) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (self->Failed() || !self->prefixes_ || !prefix || !uri) return;
    std::string_view p(prefix), u(uri);
    if (p != "xml" && IsAbsoluteIri(u)) self->prefixes_(p, u);
  }
  static void OnEntityDecl(void* data, const XML_Char* name, int is_parameter, const XML_Char*, int length,
                           const XML_Char*, const XML_Char* system_id, const XML_Char*, const XML_Char*) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (self->Failed()) return;
    std::string entity = std::string(is_parameter ? "%" : "&") + name + ";";
    if (system_id) return self->Error("the external entity " + entity + " is not allowed (Cairn loads no external entities)");
    if (++self->entities_ > kMaxEntities)
      return self->Error("too many entity declarations (more than " + std::to_string(kMaxEntities) + ")");
    if (static_cast<std::size_t>(length) > kMaxEntityBytes)
      return self->Error("the entity " + entity + " is longer than " + std::to_string(kMaxEntityBytes) + " bytes");
  }
  static void OnSkippedEntity(void* data, const XML_Char* name, int) {
    auto* self = static_cast<RdfXmlParser*>(data);
    if (!self->Failed()) self->Error(std::string("reference to the undeclared or external entity &") + name + ";");
  }

  bool Failed() const { return !error_.empty() || !sink_status_.ok(); }

  std::string Located(std::string_view message) const {
    return source_ + ":" + std::to_string(XML_GetCurrentLineNumber(parser_)) + ":" +
           std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + ": " + std::string(message);
  }

  void Error(const std::string& message) {
    if (Failed()) return;
    error_ = Located(message);
    XML_StopParser(parser_, XML_FALSE);
  }

  // ---- terms ----
  bool Resolve(std::string_view reference, const std::string& base, std::string& out) {
    if (IsAbsoluteIri(reference)) {
      out.assign(reference);
      return true;
    }
    if (base.empty()) {
      Error("relative IRI <" + std::string(reference) + "> with no base IRI");
      return false;
    }
    if (!ResolveIriInto(base, reference, out)) {
      Error("relative IRI <" + std::string(reference) + "> cannot be resolved against <" + base + ">");
      return false;
    }
    return true;
  }

  std::optional<Term> IriTerm(std::string_view reference, const std::string& base) {
    std::string iri;
    if (!Resolve(reference, base, iri)) return std::nullopt;
    return Term::Iri(std::move(iri));
  }

  // rdf:ID: an IRI relative to the base, unique within the document (per base).
  std::optional<Term> IdTerm(std::string_view id, const std::string& base) {
    if (!IsNcName(id)) {
      Error("rdf:ID \"" + std::string(id) + "\" is not an XML name (NCName)");
      return std::nullopt;
    }
    auto term = IriTerm("#" + std::string(id), base);
    if (term && !ids_.insert(term->value).second) {
      Error("rdf:ID \"" + std::string(id) + "\" is used twice (" + term->value + ")");
      return std::nullopt;
    }
    return term;
  }

  std::optional<Term> NodeIdTerm(std::string_view id) {
    if (!IsNcName(id)) {
      Error("rdf:nodeID \"" + std::string(id) + "\" is not an XML name (NCName)");
      return std::nullopt;
    }
    return Term::BlankNode(std::string(id));
  }

  // Labels of blank nodes the document does not name start with a digit, which no NCName (and
  // so no rdf:nodeID) does.
  Term FreshBlank() { return Term::BlankNode(std::to_string(++blank_counter_)); }

  Term Literal(std::string value, const Frame& frame) const {
    if (!frame.lang.empty()) return Term::LangLiteral(std::move(value), frame.lang);
    return Term::Literal(std::move(value), "");
  }

  void Emit(const Term& s, const Term& p, const Term& o) {
    if (Failed()) return;
    quad_.subject = s;
    quad_.predicate = p;
    quad_.object = o;
    quad_.graph = options_.default_graph;
    ++stats_.statements;
    Status st = sink_(quad_);
    if (!st.ok()) {
      sink_status_ = st;
      XML_StopParser(parser_, XML_FALSE);
    }
  }

  void EmitReified(const Term& s, const Term& p, const Term& o, const std::string& reify) {
    Emit(s, p, o);
    if (reify.empty()) return;
    Term r = Term::Iri(reify);
    Emit(r, Term::Iri(std::string(vocab::rdf::kType)), Term::Iri(std::string(kRdf) + "Statement"));
    Emit(r, Term::Iri(std::string(kRdf) + "subject"), s);
    Emit(r, Term::Iri(std::string(kRdf) + "predicate"), p);
    Emit(r, Term::Iri(std::string(kRdf) + "object"), o);
  }

  // ---- attributes ----
  struct Attributes {
    std::optional<std::string_view> id, node_id, about, resource, datatype, parse_type;
    std::vector<std::pair<XmlName, std::string_view>> properties;
    std::vector<XmlAttribute> all;  // for parseType="Literal" content
  };

  // Splits an element's attributes into the RDF ones and property attributes, applying
  // xml:lang and xml:base to `frame`. Returns false after reporting an error.
  bool ReadAttributes(const XML_Char** atts, Frame& frame, Attributes& out) {
    for (int i = 0; atts[i]; i += 2) {
      XmlName name = SplitName(atts[i]);
      std::string_view value(atts[i + 1]);
      out.all.push_back({name, value});
      if (name.ns == kXmlNamespace) {
        if (name.local == "lang") {
          frame.lang.assign(value);
        } else if (name.local == "base") {
          std::string resolved;
          if (!Resolve(value, frame.base, resolved)) return false;
          // The base's fragment plays no part in resolution; drop it so "" means the document.
          if (auto hash = resolved.find('#'); hash != std::string::npos) resolved.resize(hash);
          frame.base = std::move(resolved);
        }
        continue;  // other xml: attributes have no RDF meaning
      }
      if (name.ns.empty()) {
        // Unqualified attributes: reserved for XML ("xml..."), or old RDF/XML's unprefixed
        // ID/about/resource/parseType/type, which 6.1.4 still maps into the rdf: namespace.
        std::string_view l = name.local;
        if (l.size() >= 3 && (l[0] | 0x20) == 'x' && (l[1] | 0x20) == 'm' && (l[2] | 0x20) == 'l') continue;
        if (l == "ID" || l == "about" || l == "resource" || l == "parseType" || l == "type") {
          name.ns = kRdf;
        } else {
          Error("attribute " + std::string(l) + " has no namespace");
          return false;
        }
      }
      if (name.prefix.size() >= 3 && (name.prefix[0] | 0x20) == 'x' && (name.prefix[1] | 0x20) == 'm' &&
          (name.prefix[2] | 0x20) == 'l')
        continue;  // prefixes starting with "xml" are reserved
      if (name.ns == kRdf) {
        std::string_view l = name.local;
        if (l == "ID") { out.id = value; continue; }
        if (l == "nodeID") { out.node_id = value; continue; }
        if (l == "about") { out.about = value; continue; }
        if (l == "resource") { out.resource = value; continue; }
        if (l == "datatype") { out.datatype = value; continue; }
        if (l == "parseType") { out.parse_type = value; continue; }
        if (IsCoreSyntaxTerm(l) || IsOldTerm(l) || l == "li" || l == "Description") {
          Error("rdf:" + std::string(l) + " is not allowed as an attribute here");
          return false;
        }
      }
      out.properties.emplace_back(name, value);
    }
    return true;
  }

  static std::string IriOf(const XmlName& name) {
    std::string iri(name.ns);
    iri.append(name.local);
    return iri;
  }

  // Property attributes of a node (rdf:type's value is an IRI, the rest are literals).
  void EmitPropertyAttributes(const Term& subject, const std::vector<std::pair<Term, std::string>>& attributes,
                              const Frame& frame) {
    for (const auto& [predicate, value] : attributes) {
      if (predicate.value == vocab::rdf::kType) {
        auto object = IriTerm(value, frame.base);
        if (!object) return;
        Emit(subject, predicate, *object);
      } else {
        Emit(subject, predicate, Literal(value, frame));
      }
    }
  }

  std::vector<std::pair<Term, std::string>> PropertyAttributeTerms(const Attributes& attributes) {
    std::vector<std::pair<Term, std::string>> out;
    for (const auto& [name, value] : attributes.properties) out.emplace_back(Term::Iri(IriOf(name)), std::string(value));
    return out;
  }

  // ---- elements ----
  void Start(const XmlName& name, const XML_Char** atts) {
    Frame& parent = frames_.back();
    if (parent.kind == Kind::kLiteral) {
      Attributes attributes;
      for (int i = 0; atts[i]; i += 2) attributes.all.push_back({SplitName(atts[i]), atts[i + 1]});
      parent.literal->StartElement(name, attributes.all);
      return;
    }
    Frame frame;
    frame.base = parent.base;
    frame.lang = parent.lang;
    Attributes attributes;
    if (!ReadAttributes(atts, frame, attributes)) return;
    if (name.ns.empty()) return Error("element <" + std::string(name.local) + "> has no namespace");
    switch (parent.kind) {
      case Kind::kDocument:
        if (IsRdf(name, "RDF")) {
          if (!attributes.properties.empty() || attributes.id || attributes.about || attributes.node_id ||
              attributes.resource || attributes.datatype || attributes.parse_type)
            return Error("rdf:RDF takes no RDF attributes");
          frame.kind = Kind::kRdf;
          frames_.push_back(std::move(frame));
          return;
        }
        return StartNode(name, attributes, std::move(frame));
      case Kind::kRdf:
      case Kind::kCollection:
        return StartNode(name, attributes, std::move(frame));
      case Kind::kProperty:
        if (parent.object || parent.datatype || !parent.property_attributes.empty())
          return Error("a property element with rdf:resource, rdf:nodeID, rdf:datatype, property attributes "
                       "or a node element already must have no other element inside");
        if (!IsXmlWhitespace(parent.text)) return Error("a property element holds either text or a node element, not both");
        return StartNode(name, attributes, std::move(frame));
      case Kind::kNode:
        return StartProperty(name, attributes, std::move(frame));
      case Kind::kLiteral:
        break;  // handled above
    }
  }

  void StartNode(const XmlName& name, const Attributes& a, Frame frame) {
    if (IsCoreSyntaxTerm(name.local) && name.ns == kRdf) return Error("rdf:" + std::string(name.local) + " cannot be a node element");
    if (name.ns == kRdf && (IsOldTerm(name.local) || name.local == "li"))
      return Error("rdf:" + std::string(name.local) + " cannot be a node element");
    if ((a.id ? 1 : 0) + (a.node_id ? 1 : 0) + (a.about ? 1 : 0) > 1)
      return Error("a node element takes at most one of rdf:ID, rdf:nodeID and rdf:about");
    if (a.resource || a.datatype || a.parse_type)
      return Error(std::string("rdf:") + (a.resource ? "resource" : a.datatype ? "datatype" : "parseType") +
                   " is not allowed on a node element");
    std::optional<Term> subject;
    if (a.id) subject = IdTerm(*a.id, frame.base);
    else if (a.node_id) subject = NodeIdTerm(*a.node_id);
    else if (a.about) subject = IriTerm(*a.about, frame.base);
    else subject = FreshBlank();
    if (!subject) return;

    Frame& parent = frames_.back();
    if (parent.kind == Kind::kProperty) {
      parent.object = *subject;
    } else if (parent.kind == Kind::kCollection) {
      Term cell = FreshBlank();
      if (parent.last_cell) Emit(*parent.last_cell, Term::Iri(std::string(vocab::rdf::kRest)), cell);
      else EmitReified(parent.subject, parent.predicate, cell, parent.reify);
      Emit(cell, Term::Iri(std::string(vocab::rdf::kFirst)), *subject);
      parent.last_cell = cell;
    }
    if (!IsRdf(name, "Description")) Emit(*subject, Term::Iri(std::string(vocab::rdf::kType)), Term::Iri(IriOf(name)));
    EmitPropertyAttributes(*subject, PropertyAttributeTerms(a), frame);
    frame.kind = Kind::kNode;
    frame.subject = std::move(*subject);
    frames_.push_back(std::move(frame));
  }

  void StartProperty(const XmlName& name, const Attributes& a, Frame frame) {
    Frame& node = frames_.back();
    std::string iri;
    if (name.ns == kRdf) {
      if (IsCoreSyntaxTerm(name.local) || IsOldTerm(name.local) || name.local == "Description")
        return Error("rdf:" + std::string(name.local) + " cannot be a property element");
      if (name.local == "li") iri = std::string(kRdf) + "_" + std::to_string(node.next_li++);
    }
    if (iri.empty()) iri = IriOf(name);
    frame.subject = node.subject;
    frame.predicate = Term::Iri(std::move(iri));
    if (a.about) return Error("rdf:about is not allowed on a property element");
    if (a.id) {
      auto id = IdTerm(*a.id, frame.base);
      if (!id) return;
      frame.reify = id->value;
    }
    if (a.parse_type) {
      if (a.resource || a.node_id || a.datatype || !a.properties.empty())
        return Error("rdf:parseType allows no rdf:resource, rdf:nodeID, rdf:datatype or property attributes beside it");
      if (*a.parse_type == "Resource") {
        Term object = FreshBlank();
        EmitReified(frame.subject, frame.predicate, object, frame.reify);
        frame.kind = Kind::kNode;
        frame.subject = std::move(object);
        frame.next_li = 1;
        frame.reify.clear();
      } else if (*a.parse_type == "Collection") {
        frame.kind = Kind::kCollection;
      } else {  // "Literal", and any other value (parseTypeOtherPropertyElt) is read as one
        frame.kind = Kind::kLiteral;
        frame.literal = std::make_unique<XmlLiteralBuilder>();
      }
      frames_.push_back(std::move(frame));
      return;
    }
    if (a.resource && a.node_id) return Error("a property element takes rdf:resource or rdf:nodeID, not both");
    if (a.datatype && (a.resource || a.node_id || !a.properties.empty()))
      return Error("rdf:datatype cannot go with rdf:resource, rdf:nodeID or property attributes");
    frame.kind = Kind::kProperty;
    if (a.resource) {
      frame.object = IriTerm(*a.resource, frame.base);
      if (!frame.object) return;
      frame.object_from_attribute = true;
    } else if (a.node_id) {
      frame.object = NodeIdTerm(*a.node_id);
      if (!frame.object) return;
      frame.object_from_attribute = true;
    }
    if (a.datatype) {
      std::string datatype;
      if (!Resolve(*a.datatype, frame.base, datatype)) return;
      frame.datatype = std::move(datatype);
    }
    frame.property_attributes = PropertyAttributeTerms(a);
    frames_.push_back(std::move(frame));
  }

  void Text(std::string_view text) {
    Frame& frame = frames_.back();
    switch (frame.kind) {
      case Kind::kLiteral: frame.literal->Text(text); return;
      case Kind::kProperty:
        if (frame.object && !frame.object_from_attribute) {
          if (!IsXmlWhitespace(text)) Error("text after the node element of a property element");
          return;
        }
        frame.text.append(text);
        return;
      default:
        if (!IsXmlWhitespace(text)) Error("text is not allowed here (only in property elements)");
    }
  }

  void End() {
    Frame& frame = frames_.back();
    if (frame.kind == Kind::kLiteral && !frame.literal->AtTop()) {
      frame.literal->EndElement();
      return;
    }
    switch (frame.kind) {
      case Kind::kLiteral:
        EmitReified(frame.subject, frame.predicate,
                    Term::Literal(frame.literal->text(), std::string(kXmlLiteral)), frame.reify);
        break;
      case Kind::kCollection:
        if (frame.last_cell) {
          Emit(*frame.last_cell, Term::Iri(std::string(vocab::rdf::kRest)), Term::Iri(std::string(vocab::rdf::kNil)));
        } else {
          EmitReified(frame.subject, frame.predicate, Term::Iri(std::string(vocab::rdf::kNil)), frame.reify);
        }
        break;
      case Kind::kProperty:
        EndProperty(frame);
        break;
      default:
        break;
    }
    frames_.pop_back();
  }

  void EndProperty(Frame& frame) {
    const bool has_text = !frame.text.empty();
    if (frame.object && !frame.object_from_attribute) {  // resourcePropertyElt
      EmitReified(frame.subject, frame.predicate, *frame.object, frame.reify);
      return;
    }
    const bool empty_content = IsXmlWhitespace(frame.text) && (frame.object || !frame.property_attributes.empty());
    if ((has_text && !empty_content) || frame.datatype) {  // literalPropertyElt
      if (frame.object || !frame.property_attributes.empty())
        return Error("a property element with rdf:resource, rdf:nodeID or property attributes must be empty");
      Term object = frame.datatype ? Term::Literal(std::move(frame.text), *frame.datatype)
                                   : Literal(std::move(frame.text), frame);
      EmitReified(frame.subject, frame.predicate, object, frame.reify);
      return;
    }
    // emptyPropertyElt
    if (!frame.object && frame.property_attributes.empty()) {
      EmitReified(frame.subject, frame.predicate, Literal("", frame), frame.reify);
      return;
    }
    Term object = frame.object ? *frame.object : FreshBlank();
    EmitReified(frame.subject, frame.predicate, object, frame.reify);
    EmitPropertyAttributes(object, frame.property_attributes, frame);
  }

  const std::string& source_;
  const RdfReadOptions& options_;
  const QuadSink& sink_;
  RdfReadStats& stats_;
  const PrefixSink& prefixes_;
  XML_Parser parser_ = nullptr;
  std::vector<Frame> frames_;
  std::unordered_set<std::string> ids_;  // rdf:ID IRIs seen
  std::uint64_t blank_counter_ = 0;
  int entities_ = 0;
  Quad quad_;
  std::string error_;
  Status sink_status_;
};

}  // namespace

Status ReadRdfXml(const ReadBytes& read, const std::string& source_name, const RdfReadOptions& options,
                  const QuadSink& sink, RdfReadStats& stats, const PrefixSink& prefixes) {
  RdfXmlParser parser(source_name, options, sink, stats, prefixes);
  return parser.Run(read);
}

}  // namespace cairn
