// SPARQL Query Results XML Format (SRX): writer, and a reader on expat with DTDs refused.
#include <expat.h>

#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "sparql/results/results_internal.h"
#include "vocab/vocab.h"

namespace cairn::sparql::results_internal {
namespace {

constexpr std::string_view kSrxNamespace = "http://www.w3.org/2005/sparql-results#";
constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

// Escapes s for element content (attribute = false) or a double-quoted attribute value.
// CR always, and TAB/LF in attributes, become character references so that XML's
// end-of-line and attribute-value normalisation cannot change them.
Status AppendXmlEscaped(std::string_view s, bool attribute, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\r': out += "&#xD;"; break;
      case '\n': out += attribute ? "&#xA;" : "\n"; break;
      case '\t': out += attribute ? "&#x9;" : "\t"; break;
      default:
        if (c < 0x20 || (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                         (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE)) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "U+%04X", c < 0x20 ? c : 0xFFFE + (static_cast<unsigned char>(s[i + 2]) & 1));
          return Status::InvalidArgument(std::string("character ") + buf + " cannot be written in XML 1.0");
        }
        out += static_cast<char>(c);
    }
  }
  return Status::OK();
}

Status AppendXmlTerm(const Term& t, std::string& out) {
  switch (t.kind) {
    case TermKind::kIri:
      out += "<uri>";
      CAIRN_RETURN_IF_ERROR(AppendXmlEscaped(t.value, false, out));
      out += "</uri>";
      return Status::OK();
    case TermKind::kBlankNode:
      out += "<bnode>";
      CAIRN_RETURN_IF_ERROR(AppendXmlEscaped(t.value, false, out));
      out += "</bnode>";
      return Status::OK();
    default:
      out += "<literal";
      if (!t.language.empty()) {
        out += " xml:lang=\"";
        CAIRN_RETURN_IF_ERROR(AppendXmlEscaped(t.language, true, out));
        out += '"';
      } else if (t.datatype != vocab::xsd::kString && !t.datatype.empty()) {
        out += " datatype=\"";
        CAIRN_RETURN_IF_ERROR(AppendXmlEscaped(t.datatype, true, out));
        out += '"';
      }
      out += '>';
      CAIRN_RETURN_IF_ERROR(AppendXmlEscaped(t.value, false, out));
      out += "</literal>";
      return Status::OK();
  }
}

constexpr std::string_view kPrologue =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n";

class XmlWriter final : public BufferedWriter {
 public:
  using BufferedWriter::BufferedWriter;

 private:
  Status DoBegin(std::span<const std::string> variables) override {
    out_ += kPrologue;
    out_ += "<head>\n";
    for (const std::string& v : variables) {
      std::string escaped;
      CAIRN_RETURN_IF_ERROR(AppendXmlEscaped(v, true, escaped));
      variables_.push_back(escaped);
      out_ += "<variable name=\"" + escaped + "\"/>\n";
    }
    out_ += "</head>\n<results>\n";
    return Status::OK();
  }

  Status DoWrite(std::span<const std::optional<Term>> row) override {
    out_ += "<result>\n";
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (!row[i]) continue;
      out_ += "<binding name=\"";
      out_ += variables_[i];
      out_ += "\">";
      CAIRN_RETURN_IF_ERROR(AppendXmlTerm(*row[i], out_));
      out_ += "</binding>\n";
    }
    out_ += "</result>\n";
    return Status::OK();
  }

  Status DoFinish() override {
    out_ += "</results>\n</sparql>\n";
    return Status::OK();
  }

  std::vector<std::string> variables_;  // already attribute-escaped
};

// ---- Reader ----------------------------------------------------------------------------------

constexpr char kNsSeparator = '\x01';

enum class Element { kSparql, kHead, kVariable, kLink, kResults, kResult, kBinding, kUri, kBnode, kLiteral, kBoolean };

class SrxReader {
 public:
  explicit SrxReader(std::string_view text) : text_(text) {
    parser_ = XML_ParserCreateNS(nullptr, kNsSeparator);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &SrxReader::OnStart, &SrxReader::OnEnd);
    XML_SetCharacterDataHandler(parser_, &SrxReader::OnText);
    // No DTDs at all: that rules out entity declarations (expansion bombs) and external entities.
    XML_SetStartDoctypeDeclHandler(parser_, &SrxReader::OnDoctype);
    XML_SetEntityDeclHandler(parser_, &SrxReader::OnEntityDecl);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
  }
  ~SrxReader() { XML_ParserFree(parser_); }
  SrxReader(const SrxReader&) = delete;
  SrxReader& operator=(const SrxReader&) = delete;

  Result<SolutionSet> Read() {
    std::string_view rest = text_;
    constexpr std::size_t kChunk = 1 << 26;  // XML_Parse takes an int length
    do {
      std::string_view chunk = rest.substr(0, kChunk);
      rest.remove_prefix(chunk.size());
      if (XML_Parse(parser_, chunk.data(), static_cast<int>(chunk.size()), rest.empty()) != XML_STATUS_OK) {
        return Error();
      }
    } while (!rest.empty());
    if (!saw_root_) return Status::Syntax("XML results: no <sparql> element");
    if (!saw_results_ && !set_.boolean) return Status::Syntax("XML results: neither <results> nor <boolean>");
    return std::move(set_);
  }

 private:
  Status Error() {
    std::string where = "line " + std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
                        std::to_string(XML_GetCurrentColumnNumber(parser_) + 1);
    std::string what = error_.empty() ? XML_ErrorString(XML_GetErrorCode(parser_)) : error_;
    return Status::Syntax("XML results: " + what + " at " + where);
  }

  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    XML_StopParser(parser_, XML_FALSE);
  }

  static const char* Attribute(const XML_Char** attrs, std::string_view name) {
    for (std::size_t i = 0; attrs[i]; i += 2) {
      if (name == attrs[i]) return attrs[i + 1];
    }
    return nullptr;
  }

  void Start(const char* qname, const XML_Char** attrs) {
    if (!error_.empty()) return;
    std::string_view name = qname, ns;
    if (auto sep = name.find(kNsSeparator); sep != std::string_view::npos) {
      ns = name.substr(0, sep);
      name = name.substr(sep + 1);
    }
    if (!ns.empty() && ns != kSrxNamespace) return Fail("element <" + std::string(name) + "> in unknown namespace " + std::string(ns));
    std::optional<Element> parent;
    if (!stack_.empty()) parent = stack_.back();
    std::optional<Element> e;
    if (!parent) {
      if (name == "sparql") e = Element::kSparql, saw_root_ = true;
    } else if (*parent == Element::kSparql) {
      if (name == "head") e = Element::kHead;
      else if (name == "results") e = Element::kResults, saw_results_ = true;
      else if (name == "boolean") e = Element::kBoolean, text_buf_.clear();
    } else if (*parent == Element::kHead) {
      if (name == "link") e = Element::kLink;
      else if (name == "variable") {
        e = Element::kVariable;
        const char* var = Attribute(attrs, "name");
        if (!var) return Fail("<variable> without a name");
        if (!index_.emplace(var, set_.variables.size()).second) return Fail(std::string("variable '") + var + "' listed twice");
        set_.variables.emplace_back(var);
      }
    } else if (*parent == Element::kResults) {
      if (name == "result") e = Element::kResult, row_.assign(set_.variables.size(), std::nullopt);
    } else if (*parent == Element::kResult) {
      if (name == "binding") {
        e = Element::kBinding;
        const char* var = Attribute(attrs, "name");
        if (!var) return Fail("<binding> without a name");
        auto it = index_.find(var);
        if (it == index_.end()) return Fail(std::string("binding of '") + var + "', which is not a declared variable");
        if (row_[it->second]) return Fail(std::string("variable '") + var + "' bound twice in one result");
        binding_ = it->second;
        bound_ = false;
      }
    } else if (*parent == Element::kBinding) {
      if (bound_) return Fail("<binding> holds more than one term");
      text_buf_.clear();
      language_.clear();
      datatype_.clear();
      if (name == "uri") e = Element::kUri;
      else if (name == "bnode") e = Element::kBnode;
      else if (name == "literal") {
        e = Element::kLiteral;
        std::string lang_attr = std::string(kXmlNamespace) + kNsSeparator + "lang";
        if (const char* lang = Attribute(attrs, lang_attr)) language_ = lang;
        if (const char* dt = Attribute(attrs, "datatype")) datatype_ = dt;
        if (!language_.empty() && !datatype_.empty() && datatype_ != vocab::rdf::kLangString) {
          return Fail("<literal> with both xml:lang and datatype");
        }
      }
    }
    if (!e) {
      std::string where = parent ? "" : " as the document element";
      return Fail("unexpected element <" + std::string(name) + ">" + where);
    }
    stack_.push_back(*e);
  }

  void End() {
    if (!error_.empty() || stack_.empty()) return;  // expat may still report the end of an empty element
    Element e = stack_.back();
    stack_.pop_back();
    switch (e) {
      case Element::kUri: row_[binding_] = Term::Iri(std::move(text_buf_)), bound_ = true; break;
      case Element::kBnode: row_[binding_] = Term::BlankNode(std::move(text_buf_)), bound_ = true; break;
      case Element::kLiteral:
        row_[binding_] = language_.empty() ? Term::Literal(std::move(text_buf_), std::move(datatype_))
                                           : Term::LangLiteral(std::move(text_buf_), std::move(language_));
        bound_ = true;
        break;
      case Element::kBinding:
        if (!bound_) return Fail("<binding> without a term");
        break;
      case Element::kResult: set_.rows.push_back(std::move(row_)); break;
      case Element::kBoolean: {
        std::string_view v = text_buf_;
        while (!v.empty() && (v.front() == ' ' || v.front() == '\n' || v.front() == '\t' || v.front() == '\r')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\n' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
        if (v == "true") set_.boolean = true;
        else if (v == "false") set_.boolean = false;
        else return Fail("<boolean> holds '" + std::string(v) + "', not true or false");
        break;
      }
      default: break;
    }
  }

  void Text(const char* s, int len) {
    if (!error_.empty() || stack_.empty()) return;
    Element e = stack_.back();
    if (e == Element::kUri || e == Element::kBnode || e == Element::kLiteral || e == Element::kBoolean) {
      text_buf_.append(s, static_cast<std::size_t>(len));
    } else {
      for (int i = 0; i < len; ++i) {
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r') return Fail("unexpected text");
      }
    }
  }

  static void OnStart(void* self, const XML_Char* name, const XML_Char** attrs) {
    static_cast<SrxReader*>(self)->Start(name, attrs);
  }
  static void OnEnd(void* self, const XML_Char*) { static_cast<SrxReader*>(self)->End(); }
  static void OnText(void* self, const XML_Char* s, int len) { static_cast<SrxReader*>(self)->Text(s, len); }
  static void OnDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<SrxReader*>(self)->Fail("DOCTYPE declarations are not allowed");
  }
  static void OnEntityDecl(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                           const XML_Char*, const XML_Char*) {
    static_cast<SrxReader*>(self)->Fail("entity declarations are not allowed");
  }

  std::string_view text_;
  XML_Parser parser_;
  std::string error_;
  SolutionSet set_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Element> stack_;
  std::vector<std::optional<Term>> row_;
  std::size_t binding_ = 0;
  bool bound_ = false;
  bool saw_root_ = false, saw_results_ = false;
  std::string text_buf_, language_, datatype_;
};

}  // namespace

std::unique_ptr<SolutionWriter> MakeXmlWriter(ByteSink sink) { return std::make_unique<XmlWriter>(std::move(sink)); }

void AppendXmlBoolean(bool value, std::string& out) {
  out += kPrologue;
  out += "<head/>\n";
  out += value ? "<boolean>true</boolean>\n" : "<boolean>false</boolean>\n";
  out += "</sparql>\n";
}

Result<SolutionSet> ReadXml(std::string_view text) { return SrxReader(text).Read(); }

}  // namespace cairn::sparql::results_internal
