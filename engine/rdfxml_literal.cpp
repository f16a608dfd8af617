#include "engine/rdfxml_literal.h"

#include <algorithm>

namespace cairn {
namespace {

constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

void AppendQName(const XmlName& name, std::string& out) {
  if (!name.prefix.empty()) {
    out.append(name.prefix);
    out += ':';
  }
  out.append(name.local);
}

// C14N text nodes: & < > and CR are escaped.
void AppendText(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#xD;"; break;
      default: out += c;
    }
  }
}

// C14N attribute values: & < " and the whitespace characters normalisation would change.
void AppendAttributeValue(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '"': out += "&quot;"; break;
      case '\t': out += "&#x9;"; break;
      case '\n': out += "&#xA;"; break;
      case '\r': out += "&#xD;"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string_view XmlLiteralBuilder::RenderedNamespace(std::string_view prefix) const {
  for (auto it = open_.rbegin(); it != open_.rend(); ++it)
    for (const auto& [p, ns] : it->declared)
      if (p == prefix) return ns;
  return {};
}

void XmlLiteralBuilder::StartElement(const XmlName& name, const std::vector<XmlAttribute>& attributes) {
  Open open;
  std::string qname;
  AppendQName(name, qname);
  open.qname = qname;
  // Visibly used namespaces: the element's own (default included, so xmlns="" can be needed) and
  // those of prefixed attributes. The xml prefix is never declared.
  auto use = [&](std::string_view prefix, std::string_view ns) {
    if (prefix == "xml" || ns == kXmlNamespace) return;
    for (const auto& [p, n] : open.declared)
      if (p == prefix) return;
    if (RenderedNamespace(prefix) != ns) open.declared.emplace_back(prefix, ns);
  };
  use(name.prefix, name.ns);
  for (const XmlAttribute& a : attributes)
    if (!a.name.prefix.empty()) use(a.name.prefix, a.name.ns);
  std::sort(open.declared.begin(), open.declared.end());  // the default ("") sorts first

  std::vector<const XmlAttribute*> sorted;
  for (const XmlAttribute& a : attributes) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](const XmlAttribute* x, const XmlAttribute* y) {
    if (x->name.ns != y->name.ns) return x->name.ns < y->name.ns;
    return x->name.local < y->name.local;
  });

  out_ += '<';
  out_ += qname;
  for (const auto& [prefix, ns] : open.declared) {
    out_ += prefix.empty() ? " xmlns" : " xmlns:";
    out_ += prefix;
    out_ += "=\"";
    AppendAttributeValue(ns, out_);
    out_ += '"';
  }
  for (const XmlAttribute* a : sorted) {
    out_ += ' ';
    AppendQName(a->name, out_);
    out_ += "=\"";
    AppendAttributeValue(a->value, out_);
    out_ += '"';
  }
  out_ += '>';
  open_.push_back(std::move(open));
}

void XmlLiteralBuilder::EndElement() {
  out_ += "</";
  out_ += open_.back().qname;
  out_ += '>';
  open_.pop_back();
}

void XmlLiteralBuilder::Text(std::string_view text) { AppendText(text, out_); }

void XmlLiteralBuilder::Comment(std::string_view text) {
  out_ += "<!--";
  out_.append(text);
  out_ += "-->";
}

void XmlLiteralBuilder::ProcessingInstruction(std::string_view target, std::string_view data) {
  out_ += "<?";
  out_.append(target);
  if (!data.empty()) {
    out_ += ' ';
    out_.append(data);
  }
  out_ += "?>";
}

}  // namespace cairn
