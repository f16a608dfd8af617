// The lexical form of an rdf:parseType="Literal" property value (RDF 1.1 XML Syntax 7.2.17): the
// property element's content as Exclusive XML Canonicalization with comments (XML-EXC-C14N).
// Fed the content's events in document order, it renders each namespace declaration on the
// outermost element that visibly uses it (its own prefix or an attribute's), sorts declarations
// and attributes as C14N does, writes empty elements as start-end pairs and escapes text and
// attribute values the canonical way. Namespaces declared outside the literal but not used in it
// are left out, which is what "exclusive" means.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn {

struct XmlName {
  std::string_view ns;      // namespace name; empty when the name has none
  std::string_view local;
  std::string_view prefix;  // as written; empty for the default namespace or none
};

struct XmlAttribute {
  XmlName name;
  std::string_view value;
};

class XmlLiteralBuilder {
 public:
  void StartElement(const XmlName& name, const std::vector<XmlAttribute>& attributes);
  void EndElement();
  void Text(std::string_view text);
  void Comment(std::string_view text);
  void ProcessingInstruction(std::string_view target, std::string_view data);
  // True when no element of the literal is open: the next EndElement is not the literal's.
  bool AtTop() const { return open_.empty(); }
  const std::string& text() const { return out_; }

 private:
  struct Open {
    std::string qname;
    std::vector<std::pair<std::string, std::string>> declared;  // (prefix, namespace) rendered here
  };
  // The namespace a prefix ("" for the default) has in the output so far.
  std::string_view RenderedNamespace(std::string_view prefix) const;

  std::vector<Open> open_;
  std::string out_;
};

}  // namespace cairn
