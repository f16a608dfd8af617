#include "storage/term.h"

#include <cstdio>

#include "vocab/vocab.h"

namespace cairn {

Term Term::Literal(std::string lexical, std::string datatype) {
  if (datatype.empty()) datatype = vocab::xsd::kString;
  return {TermKind::kLiteral, std::move(lexical), std::move(datatype), {}};
}

Term Term::LangLiteral(std::string lexical, std::string language) {
  return {TermKind::kLiteral, std::move(lexical), std::string(vocab::rdf::kLangString),
          std::move(language)};
}

static void AppendUEscape(unsigned char c, std::string& out) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04X", c);
  out += buf;
}

void AppendEscapedString(std::string_view s, std::string& out) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) AppendUEscape(c, out);
        else out += ch;
    }
  }
}

void AppendEscapedIri(std::string_view iri, std::string& out) {
  for (char ch : iri) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
        c == '^' || c == '`' || c == '\\') {
      AppendUEscape(c, out);
    } else {
      out += ch;
    }
  }
}

void AppendNTriples(const Term& term, std::string& out) {
  switch (term.kind) {
    case TermKind::kIri:
      out += '<';
      AppendEscapedIri(term.value, out);
      out += '>';
      break;
    case TermKind::kBlankNode:
      out += "_:";
      out += term.value;
      break;
    case TermKind::kLiteral:
      out += '"';
      AppendEscapedString(term.value, out);
      out += '"';
      if (!term.language.empty()) {
        out += '@';
        out += term.language;
      } else if (term.datatype != vocab::xsd::kString) {
        out += "^^<";
        AppendEscapedIri(term.datatype, out);
        out += '>';
      }
      break;
    case TermKind::kDefaultGraph:
      break;
  }
}

std::string ToNTriples(const Term& term) {
  std::string out;
  AppendNTriples(term, out);
  return out;
}

}  // namespace cairn
