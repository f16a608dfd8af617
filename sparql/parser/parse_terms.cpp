// Tokens, the prologue (BASE/PREFIX), IRIs (with RFC 3986 resolution), literals, variables and
// blank nodes.
#include <algorithm>
#include <cctype>

#include "sparql/parser/parser_internal.h"
#include "storage/iri.h"

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
  std::string found = update_ && t.kind == TokenKind::kEnd ? "end of update" : Describe(t);
  throw ParseError{t.offset, "expected " + std::string(expected) + ", found " + found};
}
void Parser::FailAt(std::size_t offset, std::string message) const { throw ParseError{offset, std::move(message)}; }

std::string Parser::ResolveIri(std::string_view reference, std::size_t offset) const {
  // An absolute IRI is kept as written, as the RDF reader does, so a query names exactly the
  // IRIs the data has; relative references resolve per RFC 3986 5.2.
  if (base_.empty() || cairn::IsAbsoluteIri(reference)) return std::string(reference);
  if (auto resolved = cairn::ResolveIri(base_, reference)) return std::move(*resolved);
  return std::string(reference);
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
  CheckVariableAllowed(t.offset, t.text);
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
    case TokenKind::kVar: CheckVariableAllowed(t.offset, t.text); ++pos_; return Variable{t.text};
    case TokenKind::kIriRef:
    case TokenKind::kPrefixedName: return Term::Iri(ParseIri());
    case TokenKind::kBlankLabel:
      CheckBlankNodeAllowed(t.offset, "'_:" + t.text + "'");
      ++pos_;
      if (template_mode_) {
        NoteOperationBlankLabel(t.text, t.offset);
        return Term::BlankNode(t.text);
      }
      NoteBlankLabel(t.text, t.offset);
      return Variable{"_:" + t.text};
    case TokenKind::kAnon: CheckBlankNodeAllowed(t.offset, "'[]'"); ++pos_; return FreshBlankNode();
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
