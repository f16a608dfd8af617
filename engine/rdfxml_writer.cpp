#include "engine/rdfxml_writer.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "vocab/vocab.h"

namespace cairn {

namespace {

// Decodes the UTF-8 character at s[i], advancing i; 0xFFFFFFFF for a malformed sequence.
char32_t NextChar(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0 || i + extra > s.size()) return 0xFFFFFFFF;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

// XML 1.0 (fifth edition) NameStartChar and NameChar, without ':'.
bool IsNameStart(char32_t c) {
  return (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
         (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
bool IsNameChar(char32_t c) {
  return IsNameStart(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

}  // namespace

bool IsXmlNcName(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  if (!IsNameStart(NextChar(s, i))) return false;
  while (i < s.size())
    if (!IsNameChar(NextChar(s, i))) return false;
  return true;
}

namespace {

constexpr std::size_t kFlushBytes = 1 << 16;
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

bool StartsWithXml(std::string_view s) {
  return s.size() >= 3 && (s[0] | 0x20) == 'x' && (s[1] | 0x20) == 'm' && (s[2] | 0x20) == 'l';
}

// The first character XML 1.0 cannot hold (C0 controls but tab, LF and CR), or 0.
unsigned char ForbiddenXmlChar(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return c == 0 ? 0xFF : c;
  return 0;
}

void AppendXmlText(std::string_view s, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;  // "]]>" may not appear in text
      case '\r': out += "&#13;"; break;  // a raw CR would be read back as LF
      default: out += c;
    }
  }
}

void AppendXmlAttribute(std::string_view s, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '"': out += "&quot;"; break;
      case '\t': out += "&#9;"; break;  // attribute-value normalisation would turn these into spaces
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
}

class RdfXmlWriter final : public RdfWriter {
 public:
  RdfXmlWriter(ByteSink sink, const PrefixList& prefixes) : sink_(std::move(sink)) {
    std::set<std::string> names{"rdf"};
    namespaces_.emplace_back("rdf", std::string(kRdf));
    for (const auto& [prefix, iri] : prefixes) {
      if (!IsXmlNcName(prefix) || StartsWithXml(prefix) || !names.insert(prefix).second || iri.empty()) continue;
      if (ForbiddenXmlChar(iri)) continue;
      namespaces_.emplace_back(prefix, iri);
    }
    buffer_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF";
    for (const auto& [prefix, iri] : namespaces_) {
      buffer_ += "\n    xmlns:" + prefix + "=\"";
      AppendXmlAttribute(iri, buffer_);
      buffer_ += '"';
    }
    buffer_ += ">\n";
  }

  Status Write(const Quad& quad) override {
    if (!open_ || quad.subject != subject_) {
      if (open_) buffer_ += "  </rdf:Description>\n";
      subject_ = quad.subject;
      open_ = true;
      buffer_ += "  <rdf:Description ";
      CAIRN_RETURN_IF_ERROR(AppendNodeAttribute(quad.subject, "about"));
      buffer_ += ">\n";
    }
    std::string_view ns, local;
    CAIRN_RETURN_IF_ERROR(Split(quad.predicate.value, ns, local));
    std::string qname;
    std::string declaration;
    if (auto prefix = PrefixFor(ns)) {
      qname = *prefix + ":" + std::string(local);
    } else {
      std::string& generated = generated_[std::string(ns)];
      if (generated.empty()) generated = "ns" + std::to_string(generated_.size());
      qname = generated + ":" + std::string(local);
      declaration = " xmlns:" + generated + "=\"";
      AppendXmlAttribute(ns, declaration);
      declaration += '"';
    }
    buffer_ += "    <" + qname + declaration;
    const Term& o = quad.object;
    if (o.is_iri() || o.is_blank()) {
      buffer_ += ' ';
      CAIRN_RETURN_IF_ERROR(AppendNodeAttribute(o, "resource"));
      buffer_ += "/>\n";
    } else {
      if (unsigned char c = ForbiddenXmlChar(o.value)) return Unrepresentable("the literal", c);
      if (!o.language.empty()) {
        buffer_ += " xml:lang=\"";
        AppendXmlAttribute(o.language, buffer_);
        buffer_ += '"';
      } else if (o.datatype != vocab::xsd::kString && !o.datatype.empty()) {
        buffer_ += " rdf:datatype=\"";
        AppendXmlAttribute(o.datatype, buffer_);
        buffer_ += '"';
      }
      buffer_ += '>';
      AppendXmlText(o.value, buffer_);
      buffer_ += "</" + qname + ">\n";
    }
    if (buffer_.size() >= kFlushBytes) return Flush();
    return Status::OK();
  }

  Status Finish() override {
    if (open_) buffer_ += "  </rdf:Description>\n";
    buffer_ += "</rdf:RDF>\n";
    open_ = false;
    return Flush();
  }

 private:
  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    Status st = sink_(buffer_);
    buffer_.clear();
    return st;
  }

  static Status Unrepresentable(const std::string& what, unsigned char c) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", c == 0xFF ? 0 : c);
    return Status::InvalidArgument(what + " contains U+" + hex + ", which XML 1.0 cannot represent");
  }

  // rdf:about="iri" / rdf:resource="iri", or rdf:nodeID="label" for a blank node.
  Status AppendNodeAttribute(const Term& t, const char* iri_attribute) {
    if (t.is_blank()) {
      buffer_ += "rdf:nodeID=\"" + NodeId(t.value) + "\"";
      return Status::OK();
    }
    if (unsigned char c = ForbiddenXmlChar(t.value)) return Unrepresentable("the IRI", c);
    buffer_ += "rdf:";
    buffer_ += iri_attribute;
    buffer_ += "=\"";
    AppendXmlAttribute(t.value, buffer_);
    buffer_ += '"';
    return Status::OK();
  }

  // rdf:nodeID must be an NCName. Labels that are one and do not start with 'x' are kept; the
  // others get an 'x' in front if that makes an NCName (so "x" is never followed by 'g'), or
  // else a fresh "xg<n>": no two labels get the same name.
  std::string NodeId(const std::string& label) {
    if (IsXmlNcName(label) && label[0] != 'x') return label;
    if (IsXmlNcName("x" + label)) return "x" + label;
    auto [it, inserted] = odd_labels_.try_emplace(label);
    if (inserted) it->second = "xg" + std::to_string(odd_labels_.size());
    return it->second;
  }

  // Splits a predicate IRI into a namespace and an NCName local part: the longest namespace in
  // the PrefixList that leaves an NCName, else at the start of the longest NCName suffix.
  Status Split(std::string_view iri, std::string_view& ns, std::string_view& local) {
    std::size_t best = std::string_view::npos;
    for (const auto& [prefix, space] : namespaces_) {
      if (iri.size() > space.size() && iri.starts_with(space) && IsXmlNcName(iri.substr(space.size())) &&
          (best == std::string_view::npos || space.size() > best))
        best = space.size();
    }
    if (best == std::string_view::npos) {
      // The longest run of name characters at the end, from its first character that may start
      // a name (a letter, '_' or the first byte of a non-ASCII character).
      auto name_char = [](unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_' || c == '-' || c == '.'; };
      auto name_start = [](unsigned char c) { return c >= 0xC0 || std::isalpha(c) || c == '_'; };
      std::size_t i = iri.size();
      while (i > 0 && name_char(static_cast<unsigned char>(iri[i - 1]))) --i;
      while (i < iri.size() && !name_start(static_cast<unsigned char>(iri[i]))) ++i;
      if (i == 0 || i == iri.size() || !IsXmlNcName(iri.substr(i)))
        return Status::InvalidArgument("the predicate <" + std::string(iri) +
                                       "> does not end in an XML name, so RDF/XML cannot write it");
      best = i;
    }
    ns = iri.substr(0, best);
    local = iri.substr(best);
    if (unsigned char c = ForbiddenXmlChar(iri)) return Unrepresentable("the predicate IRI", c);
    return Status::OK();
  }

  const std::string* PrefixFor(std::string_view ns) const {
    for (const auto& [prefix, space] : namespaces_)
      if (space == ns) return &prefix;
    return nullptr;
  }

  ByteSink sink_;
  std::vector<std::pair<std::string, std::string>> namespaces_;  // declared on rdf:RDF
  std::map<std::string, std::string> generated_;                 // namespace -> "nsN"
  std::map<std::string, std::string> odd_labels_;                // blank-node label -> "xgN"
  bool open_ = false;
  Term subject_;
  std::string buffer_;
};

}  // namespace

std::unique_ptr<RdfWriter> MakeRdfXmlWriter(ByteSink sink, const PrefixList& prefixes) {
  return std::make_unique<RdfXmlWriter>(std::move(sink), prefixes);
}

}  // namespace cairn
