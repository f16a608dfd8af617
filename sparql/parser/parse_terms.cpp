// Tokens, the prologue (BASE/PREFIX), IRIs (with RFC 3986 resolution), literals, variables and
// blank nodes.
#include <algorithm>
#include <cctype>

#include "sparql/parser/parser_internal.h"

namespace cairn::sparql::parser {
namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string Describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::kEnd: return "end of query";
    case TokenKind::kIriRef: return "<" + t.text + ">";
    case TokenKind::kPrefixedName: return "'" + t.text + ":" + t.local + "'";
    case TokenKind::kBlankLabel: return "'_:" + t.text + "'";
    case TokenKind::kVar: return "'?" + t.text + "'";
    case TokenKind::kString: return "a string";
    case TokenKind::kLangTag: return "'@" + t.text + "'";
    default: return "'" + t.text + "'";
  }
}

// ---- RFC 3986 reference resolution (section 5.2) ----
struct Parts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

Parts Split(std::string_view s) {
  Parts p;
  std::size_t i = 0;
  std::size_t colon = s.find_first_of(":/?#");
  if (colon != std::string_view::npos && s[colon] == ':' && colon > 0 && std::isalpha(static_cast<unsigned char>(s[0]))) {
    bool ok = true;
    for (std::size_t k = 0; k < colon; ++k) {
      char c = s[k];
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) ok = false;
    }
    if (ok) {
      p.scheme = s.substr(0, colon);
      p.has_scheme = true;
      i = colon + 1;
    }
  }
  if (s.substr(i, 2) == "//") {
    std::size_t end = s.find_first_of("/?#", i + 2);
    if (end == std::string_view::npos) end = s.size();
    p.authority = s.substr(i + 2, end - i - 2);
    p.has_authority = true;
    i = end;
  }
  std::size_t end = s.find_first_of("?#", i);
  if (end == std::string_view::npos) end = s.size();
  p.path = s.substr(i, end - i);
  i = end;
  if (i < s.size() && s[i] == '?') {
    end = s.find('#', i);
    if (end == std::string_view::npos) end = s.size();
    p.query = s.substr(i + 1, end - i - 1);
    p.has_query = true;
    i = end;
  }
  if (i < s.size() && s[i] == '#') {
    p.fragment = s.substr(i + 1);
    p.has_fragment = true;
  }
  return p;
}

std::string RemoveDots(std::string_view in) {
  std::string input(in), output;
  while (!input.empty()) {
    if (input.rfind("../", 0) == 0) input.erase(0, 3);
    else if (input.rfind("./", 0) == 0) input.erase(0, 2);
    else if (input.rfind("/./", 0) == 0) input.erase(0, 2);
    else if (input == "/.") input = "/";
    else if (input.rfind("/../", 0) == 0 || input == "/..") {
      input = input == "/.." ? "/" : input.substr(3);
      std::size_t slash = output.rfind('/');
      output.erase(slash == std::string::npos ? 0 : slash);
    } else if (input == "." || input == "..") input.clear();
    else {
      std::size_t start = input[0] == '/' ? 1 : 0;
      std::size_t next = input.find('/', start);
      if (next == std::string::npos) next = input.size();
      output.append(input, 0, next);
      input.erase(0, next);
    }
  }
  return output;
}

std::string Resolve(std::string_view base, std::string_view ref) {
  Parts r = Split(ref);
  Parts b = Split(base);
  std::string scheme, authority, path, query;
  bool has_authority = false, has_query = false;
  if (r.has_scheme) {
    scheme = r.scheme;
    has_authority = r.has_authority;
    authority = r.authority;
    path = RemoveDots(r.path);
    has_query = r.has_query;
    query = r.query;
  } else {
    if (r.has_authority) {
      has_authority = true;
      authority = r.authority;
      path = RemoveDots(r.path);
      has_query = r.has_query;
      query = r.query;
    } else {
      if (r.path.empty()) {
        path = b.path;
        has_query = r.has_query || b.has_query;
        query = r.has_query ? r.query : b.query;
      } else {
        if (r.path[0] == '/') {
          path = RemoveDots(r.path);
        } else {
          std::string merged;
          if (b.has_authority && b.path.empty()) {
            merged = "/" + std::string(r.path);
          } else {
            std::size_t slash = b.path.rfind('/');
            merged = slash == std::string_view::npos ? std::string(r.path)
                                                     : std::string(b.path.substr(0, slash + 1)) + std::string(r.path);
          }
          path = RemoveDots(merged);
        }
        has_query = r.has_query;
        query = r.query;
      }
      has_authority = b.has_authority;
      authority = b.authority;
    }
    scheme = b.scheme;
  }
  std::string out = scheme + ":";
  if (has_authority) out += "//" + authority;
  out += path;
  if (has_query) out += "?" + query;
  if (r.has_fragment) out += "#" + std::string(r.fragment);
  return out;
}

}  // namespace

Parser::Parser(std::vector<Token> tokens, std::string base_iri) : tokens_(std::move(tokens)), base_(std::move(base_iri)) {
  aggregate_scopes_.emplace_back();
}

const Token& Parser::Peek(std::size_t k) const {
  std::size_t i = std::min(pos_ + k, tokens_.size() - 1);
  return tokens_[i];
}
bool Parser::IsWord(std::string_view keyword, std::size_t k) const {
  const Token& t = Peek(k);
  return t.kind == TokenKind::kWord && EqualsIgnoreCase(t.text, keyword);
}
bool Parser::IsPunct(std::string_view punct, std::size_t k) const {
  const Token& t = Peek(k);
  return t.kind == TokenKind::kPunct && t.text == punct;
}
bool Parser::AcceptWord(std::string_view keyword) {
  if (!IsWord(keyword)) return false;
  ++pos_;
  return true;
}
bool Parser::AcceptPunct(std::string_view punct) {
  if (!IsPunct(punct)) return false;
  ++pos_;
  return true;
}
void Parser::ExpectWord(std::string_view keyword) {
  if (!AcceptWord(keyword)) Fail(keyword);
}
void Parser::ExpectPunct(std::string_view punct) {
  if (!AcceptPunct(punct)) Fail("'" + std::string(punct) + "'");
}
const Token& Parser::Advance() {
  const Token& t = Peek();
  if (t.kind != TokenKind::kEnd && t.kind != TokenKind::kError) ++pos_;
  return t;
}
void Parser::Fail(std::string_view expected) const {
  const Token& t = Peek();
  if (t.kind == TokenKind::kError) throw ParseError{t.offset, t.text};
  throw ParseError{t.offset, "expected " + std::string(expected) + ", found " + Describe(t)};
}
void Parser::FailAt(std::size_t offset, std::string message) const { throw ParseError{offset, std::move(message)}; }

std::string Parser::ResolveIri(std::string_view reference, std::size_t offset) const {
  if (base_.empty()) return std::string(reference);
  // An absolute reference is used as is, bar its dot segments (RFC 3986 5.2.2).
  return Resolve(base_, reference);
}

// Prologue ::= ( BaseDecl | PrefixDecl )*
void Parser::ParsePrologue() {
  while (true) {
    if (AcceptWord("BASE")) {
      const Token& t = Peek();
      if (t.kind != TokenKind::kIriRef) Fail("an IRI after BASE");
      base_ = ResolveIri(t.text, t.offset);
      ++pos_;
    } else if (AcceptWord("PREFIX")) {
      const Token& name = Peek();
      if (name.kind != TokenKind::kPrefixedName || !name.local.empty()) Fail("a prefix name ending in ':'");
      std::string prefix = name.text;
      // "p:" followed directly by <...> lexes as one name; the local part must be empty.
      ++pos_;
      const Token& iri = Peek();
      if (iri.kind != TokenKind::kIriRef) Fail("an IRI for prefix '" + prefix + ":'");
      prefixes_[prefix] = ResolveIri(iri.text, iri.offset);
      ++pos_;
    } else {
      return;
    }
  }
}

bool Parser::AtIri() const {
  TokenKind k = Peek().kind;
  return k == TokenKind::kIriRef || k == TokenKind::kPrefixedName;
}

std::string Parser::ParseIri() {
  const Token& t = Peek();
  if (t.kind == TokenKind::kIriRef) {
    ++pos_;
    return ResolveIri(t.text, t.offset);
  }
  if (t.kind == TokenKind::kPrefixedName) {
    auto it = prefixes_.find(t.text);
    if (it == prefixes_.end()) FailAt(t.offset, "undefined prefix '" + t.text + ":'");
    ++pos_;
    return it->second + t.local;
  }
  Fail("an IRI");
}

bool Parser::AtLiteral() const {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kString:
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kDouble: return true;
    case TokenKind::kWord: return IsWord("true") || IsWord("false");
    default: return false;
  }
}

Term Parser::ParseLiteral() {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kString: {
      std::string value = t.text;
      ++pos_;
      if (Peek().kind == TokenKind::kLangTag) {
        std::string lang = Peek().text;
        ++pos_;
        return Term::LangLiteral(std::move(value), std::move(lang));
      }
      if (AcceptPunct("^^")) return Term::Literal(std::move(value), ParseIri());
      return Term::Literal(std::move(value), "");
    }
    case TokenKind::kInteger: ++pos_; return Term::Literal(t.text, std::string(kXsd) + "integer");
    case TokenKind::kDecimal: ++pos_; return Term::Literal(t.text, std::string(kXsd) + "decimal");
    case TokenKind::kDouble: ++pos_; return Term::Literal(t.text, std::string(kXsd) + "double");
    default: break;
  }
  if (IsWord("true") || IsWord("false")) {
    std::string v = IsWord("true") ? "true" : "false";
    ++pos_;
    return Term::Literal(v, std::string(kXsd) + "boolean");
  }
  Fail("a literal");
}

Variable Parser::ParseVar() {
  const Token& t = Peek();
  if (t.kind != TokenKind::kVar) Fail("a variable");
  ++pos_;
  return Variable{t.text};
}

bool Parser::AtVarOrTerm() const {
  TokenKind k = Peek().kind;
  return k == TokenKind::kVar || k == TokenKind::kIriRef || k == TokenKind::kPrefixedName ||
         k == TokenKind::kBlankLabel || k == TokenKind::kNil || k == TokenKind::kAnon || AtLiteral();
}

void Parser::NoteBlankLabel(const std::string& label, std::size_t offset) {
  auto [it, inserted] = label_blocks_.emplace(label, block_id_);
  if (!inserted && it->second != block_id_)
    FailAt(offset, "blank node label '_:" + label + "' is used in two different basic graph patterns");
}

TermOrVariable Parser::FreshBlankNode() {
  std::string label = "#" + std::to_string(fresh_counter_++);
  if (template_mode_) return Term::BlankNode("anon" + label.substr(1) + ".cairn");
  return Variable{"_:" + label};
}

// VarOrTerm ::= Var | GraphTerm   (GraphTerm: iri | literal | BlankNode | NIL)
TermOrVariable Parser::ParseVarOrTerm() {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kVar: ++pos_; return Variable{t.text};
    case TokenKind::kIriRef:
    case TokenKind::kPrefixedName: return Term::Iri(ParseIri());
    case TokenKind::kBlankLabel:
      ++pos_;
      if (template_mode_) return Term::BlankNode(t.text);
      NoteBlankLabel(t.text, t.offset);
      return Variable{"_:" + t.text};
    case TokenKind::kAnon: ++pos_; return FreshBlankNode();
    case TokenKind::kNil: ++pos_; return Term::Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil");
    default: break;
  }
  if (AtLiteral()) return ParseLiteral();
  Fail("a variable, IRI, literal or blank node");
}

TermOrVariable Parser::ParseVarOrIri() {
  if (AtVar()) return ParseVar();
  if (AtIri()) return Term::Iri(ParseIri());
  Fail("a variable or IRI");
}

// DataBlockValue ::= iri | RDFLiteral | NumericLiteral | BooleanLiteral | 'UNDEF'
std::optional<Term> Parser::ParseDataBlockValue() {
  if (AcceptWord("UNDEF")) return std::nullopt;
  if (AtIri()) return Term::Iri(ParseIri());
  if (AtLiteral()) return ParseLiteral();
  Fail("an IRI, literal or UNDEF");
}

}  // namespace cairn::sparql::parser
