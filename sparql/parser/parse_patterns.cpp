// Graph patterns: triples (with collections, blank-node property lists and property paths),
// group graph patterns and their translation (18.2.2), VALUES data blocks, and in-scope
// variables (18.2.1). The update grammar reuses these rules for its quad patterns.
#include <functional>
#include <set>

#include "sparql/parser/parser_internal.h"

namespace cairn::sparql::parser {
namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

std::shared_ptr<GraphPattern> NewPattern(GraphPattern::Kind kind) {
  auto p = std::make_shared<GraphPattern>();
  p->kind = kind;
  return p;
}

PathPtr NewPath(PropertyPath::Kind kind, std::vector<PathPtr> children = {}) {
  auto p = std::make_shared<PropertyPath>();
  p->kind = kind;
  p->children = std::move(children);
  return p;
}

PathPtr Link(std::string iri) {
  auto p = std::make_shared<PropertyPath>();
  p->kind = PropertyPath::Kind::kLink;
  p->iri = Term::Iri(std::move(iri));
  return p;
}

class VariableSet {
 public:
  void Add(const Variable& v) {
    if (seen_.insert(v.name).second) order_.push_back(v);
  }
  void Add(const TermOrVariable& t) {
    if (auto* v = std::get_if<Variable>(&t)) Add(*v);
  }
  std::vector<Variable> order_;

 private:
  std::set<std::string> seen_;
};

void Collect(const GraphPattern& p, VariableSet& out) {
  using K = GraphPattern::Kind;
  switch (p.kind) {
    case K::kBgp:
      for (const auto& t : p.triples) {
        out.Add(t.subject);
        out.Add(t.predicate);
        out.Add(t.object);
      }
      return;
    case K::kPath:
      out.Add(p.path_subject);
      out.Add(p.path_object);
      return;
    case K::kJoin:
    case K::kLeftJoin:
    case K::kUnion:
      Collect(*p.left, out);
      Collect(*p.right, out);
      return;
    case K::kGraph:
    case K::kService:
      out.Add(p.name);
      Collect(*p.left, out);
      return;
    case K::kExtend:
      Collect(*p.left, out);
      out.Add(p.variable);
      return;
    case K::kValues:
    case K::kProject:
      for (const auto& v : p.variables) out.Add(v);
      return;
    case K::kGroup:
      for (const auto& v : p.variables) out.Add(v);
      for (const auto& [v, a] : p.aggregates) out.Add(v);
      return;
    case K::kFilter:
    case K::kMinus:
    case K::kOrderBy:
    case K::kDistinct:
    case K::kReduced:
    case K::kSlice:
      Collect(*p.left, out);
      return;
  }
}

}  // namespace

PatternPtr EmptyBgp() { return NewPattern(GraphPattern::Kind::kBgp); }

bool IsEmptyBgp(const PatternPtr& p) { return p->kind == GraphPattern::Kind::kBgp && p->triples.empty(); }

PatternPtr MakeJoin(PatternPtr left, PatternPtr right) {
  if (!left || IsEmptyBgp(left)) return right;
  if (IsEmptyBgp(right)) return left;
  auto p = NewPattern(GraphPattern::Kind::kJoin);
  p->left = std::move(left);
  p->right = std::move(right);
  return p;
}

PatternPtr MakeFilter(ExprPtr expression, PatternPtr inner) {
  auto p = NewPattern(GraphPattern::Kind::kFilter);
  p->expression = std::move(expression);
  p->left = std::move(inner);
  return p;
}

PatternPtr MakeExtend(PatternPtr inner, Variable variable, ExprPtr expression) {
  auto p = NewPattern(GraphPattern::Kind::kExtend);
  p->left = std::move(inner);
  p->variable = std::move(variable);
  p->expression = std::move(expression);
  return p;
}

std::vector<Variable> InScopeVariables(const GraphPattern& pattern) {
  VariableSet set;
  Collect(pattern, set);
  return std::move(set.order_);
}

// ---- triples ----

bool Parser::AtVerb(bool allow_paths) const {
  const Token& t = Peek();
  if (t.kind == TokenKind::kVar || t.kind == TokenKind::kIriRef || t.kind == TokenKind::kPrefixedName) return true;
  if (t.kind == TokenKind::kWord && t.text == "a") return true;
  return allow_paths && (IsPunct("^") || IsPunct("!") || IsPunct("("));
}

// TriplesSameSubject(Path) ::= VarOrTerm PropertyListNotEmpty | TriplesNode PropertyList
void Parser::ParseTriplesSameSubject(bool allow_paths, std::vector<PathTriple>& out) {
  if (AtTriplesNode()) {
    TermOrVariable subject = ParseGraphNode(allow_paths, out);
    if (AtVerb(allow_paths)) ParsePropertyList(subject, allow_paths, out);
    return;
  }
  TermOrVariable subject = ParseVarOrTerm();
  ParsePropertyList(subject, allow_paths, out);
}

// PropertyListNotEmpty ::= Verb ObjectList ( ';' ( Verb ObjectList )? )*
void Parser::ParsePropertyList(const TermOrVariable& subject, bool allow_paths, std::vector<PathTriple>& out) {
  bool first = true;
  do {
    if (!AtVerb(allow_paths)) {
      if (first) Fail(allow_paths ? "a predicate or property path" : "a predicate");
      continue;
    }
    first = false;
    PathTriple base;
    base.subject = subject;
    if (AtVar()) {
      base.predicate = ParseVar();
    } else if (allow_paths) {
      base.path = ParsePath();
      if (base.path->kind == PropertyPath::Kind::kLink) {
        base.predicate = base.path->iri;
        base.path = nullptr;
      }
    } else if (Peek().kind == TokenKind::kWord && Peek().text == "a") {
      ++pos_;
      base.predicate = Term::Iri(std::string(kRdf) + "type");
    } else {
      base.predicate = Term::Iri(ParseIri());
    }
    do {
      std::size_t at = out.size();
      TermOrVariable object = ParseGraphNode(allow_paths, out);
      PathTriple t = base;
      t.object = std::move(object);
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), std::move(t));
    } while (AcceptPunct(","));
  } while (AcceptPunct(";"));
}

// GraphNode ::= VarOrTerm | TriplesNode; TriplesNode ::= Collection | BlankNodePropertyList
TermOrVariable Parser::ParseGraphNode(bool allow_paths, std::vector<PathTriple>& out) {
  if (IsPunct("[")) CheckBlankNodeAllowed(Peek().offset, "'[ ... ]'");
  if (IsPunct("(")) CheckBlankNodeAllowed(Peek().offset, "a collection (its nodes are blank nodes)");
  if (AcceptPunct("[")) {
    TermOrVariable node = FreshBlankNode();
    ParsePropertyList(node, allow_paths, out);
    ExpectPunct("]");
    return node;
  }
  if (AcceptPunct("(")) {
    std::vector<TermOrVariable> items;
    std::vector<PathTriple> nested;
    do {
      items.push_back(ParseGraphNode(allow_paths, nested));
    } while (!AcceptPunct(")"));
    TermOrVariable head = FreshBlankNode();
    TermOrVariable node = head;
    for (std::size_t i = 0; i < items.size(); ++i) {
      PathTriple first{node, Term::Iri(std::string(kRdf) + "first"), nullptr, items[i]};
      out.push_back(std::move(first));
      TermOrVariable next = i + 1 < items.size() ? FreshBlankNode() : TermOrVariable(Term::Iri(std::string(kRdf) + "nil"));
      out.push_back(PathTriple{node, Term::Iri(std::string(kRdf) + "rest"), nullptr, next});
      node = next;
    }
    for (auto& t : nested) out.push_back(std::move(t));
    return head;
  }
  if (!AtVarOrTerm()) Fail("a variable, IRI, literal, blank node or collection");
  return ParseVarOrTerm();
}

// ---- property paths (rules [88]-[96]) ----

PathPtr Parser::ParsePath() {
  PathPtr left = ParsePathSequence();
  while (AcceptPunct("|")) left = NewPath(PropertyPath::Kind::kAlternative, {left, ParsePathSequence()});
  return left;
}

PathPtr Parser::ParsePathSequence() {
  PathPtr left = ParsePathEltOrInverse();
  while (AcceptPunct("/")) left = NewPath(PropertyPath::Kind::kSequence, {left, ParsePathEltOrInverse()});
  return left;
}

PathPtr Parser::ParsePathEltOrInverse() {
  if (AcceptPunct("^")) return NewPath(PropertyPath::Kind::kInverse, {ParsePathElt()});
  return ParsePathElt();
}

PathPtr Parser::ParsePathElt() {
  PathPtr p = ParsePathPrimary();
  if (AcceptPunct("?")) return NewPath(PropertyPath::Kind::kZeroOrOne, {p});
  if (AcceptPunct("*")) return NewPath(PropertyPath::Kind::kZeroOrMore, {p});
  if (AcceptPunct("+")) return NewPath(PropertyPath::Kind::kOneOrMore, {p});
  return p;
}

PathPtr Parser::ParsePathPrimary() {
  if (Peek().kind == TokenKind::kWord && Peek().text == "a") {
    ++pos_;
    return Link(std::string(kRdf) + "type");
  }
  if (AtIri()) return Link(ParseIri());
  if (AcceptPunct("!")) {
    auto set = std::make_shared<PropertyPath>();
    set->kind = PropertyPath::Kind::kNegatedSet;
    if (Peek().kind == TokenKind::kNil) {
      ++pos_;
    } else if (AcceptPunct("(")) {
      ParseNegatedPropertySetMember(*set);
      while (AcceptPunct("|")) ParseNegatedPropertySetMember(*set);
      ExpectPunct(")");
    } else {
      ParseNegatedPropertySetMember(*set);
    }
    return set;
  }
  if (AcceptPunct("(")) {
    PathPtr p = ParsePath();
    ExpectPunct(")");
    return p;
  }
  Fail("an IRI, 'a', '!', '^' or '(' in a property path");
}

void Parser::ParseNegatedPropertySetMember(PropertyPath& set) {
  bool inverse = AcceptPunct("^");
  std::string iri;
  if (Peek().kind == TokenKind::kWord && Peek().text == "a") {
    ++pos_;
    iri = std::string(kRdf) + "type";
  } else {
    iri = ParseIri();
  }
  (inverse ? set.inverse_iris : set.iris).push_back(Term::Iri(std::move(iri)));
}

// 18.2.2.4: X link Y and X ^link Y are triple patterns, X seq(P, Q) Y is X P ?v . ?v Q Y;
// anything else is a Path. Consecutive triple patterns form one BGP.
PatternPtr Parser::TranslateTriplesBlock(const std::vector<PathTriple>& block) {
  PatternPtr result;
  std::shared_ptr<GraphPattern> bgp;
  auto flush = [&] {
    if (bgp) result = MakeJoin(result, bgp);
    bgp.reset();
  };
  auto add_triple = [&](TriplePattern t) {
    if (!bgp) bgp = NewPattern(GraphPattern::Kind::kBgp);
    bgp->triples.push_back(std::move(t));
  };
  std::function<void(const TermOrVariable&, const PathPtr&, const TermOrVariable&)> expand =
      [&](const TermOrVariable& s, const PathPtr& path, const TermOrVariable& o) {
        using PK = PropertyPath::Kind;
        if (path->kind == PK::kLink) return add_triple({s, path->iri, o});
        if (path->kind == PK::kInverse && path->children[0]->kind == PK::kLink)
          return add_triple({o, path->children[0]->iri, s});
        if (path->kind == PK::kSequence) {
          TermOrVariable middle = Variable{"_:#" + std::to_string(fresh_counter_++)};
          expand(s, path->children[0], middle);
          expand(middle, path->children[1], o);
          return;
        }
        flush();
        auto p = NewPattern(GraphPattern::Kind::kPath);
        p->path_subject = s;
        p->path = path;
        p->path_object = o;
        result = MakeJoin(result, p);
      };
  for (const auto& t : block) {
    if (t.path) expand(t.subject, t.path, t.object);
    else add_triple({t.subject, t.predicate, t.object});
  }
  flush();
  return result ? result : EmptyBgp();
}

std::vector<TriplePattern> Parser::ParseTriplesTemplate(std::string_view close) {
  std::vector<PathTriple> block;
  while (!IsPunct(close)) {
    ParseTriplesSameSubject(false, block);
    if (!AcceptPunct(".")) break;
  }
  std::vector<TriplePattern> out;
  for (auto& t : block) out.push_back({t.subject, t.predicate, t.object});
  return out;
}

// ---- group graph patterns (18.2.2.6) ----

PatternPtr Parser::ParseGroupGraphPattern() {
  ExpectPunct("{");
  bool allowed = aggregate_scope().allowed;
  aggregate_scope().allowed = false;
  bool subselect = IsWord("SELECT");
  PatternPtr p = subselect ? ParseSubSelect() : ParseGroupGraphPatternSub();
  if (subselect) group_had_own_filters_ = false;
  aggregate_scope().allowed = allowed;
  ExpectPunct("}");
  return p;
}

PatternPtr Parser::ParseGroupGraphPatternSub() {
  PatternPtr g = EmptyBgp();
  std::vector<ExprPtr> filters;
  std::vector<PathTriple> block;
  int block_id = -1;
  auto flush = [&] {
    if (!block.empty()) g = MakeJoin(g, TranslateTriplesBlock(block));
    block.clear();
    block_id = -1;
  };
  auto at_not_triples = [&] {
    return IsWord("OPTIONAL") || IsWord("MINUS") || IsWord("GRAPH") || IsWord("SERVICE") || IsWord("BIND") ||
           IsWord("VALUES") || IsWord("FILTER") || IsPunct("{");
  };
  while (!IsPunct("}")) {
    if (AcceptWord("FILTER")) {
      filters.push_back(ParseConstraint());  // applies to the whole group; does not end the BGP
      AcceptPunct(".");
      continue;
    }
    if (at_not_triples()) {
      flush();
      if (AcceptWord("OPTIONAL")) {
        PatternPtr a = ParseGroupGraphPattern();
        auto p = NewPattern(GraphPattern::Kind::kLeftJoin);
        p->left = g;
        if (a->kind == GraphPattern::Kind::kFilter && group_had_own_filters_) {
          p->right = a->left;
          p->expression = a->expression;
        } else {
          p->right = a;
        }
        g = p;
      } else if (AcceptWord("MINUS")) {
        auto p = NewPattern(GraphPattern::Kind::kMinus);
        p->left = g;
        p->right = ParseGroupGraphPattern();
        g = p;
      } else if (AcceptWord("GRAPH")) {
        auto p = NewPattern(GraphPattern::Kind::kGraph);
        p->name = ParseVarOrIri();
        p->left = ParseGroupGraphPattern();
        g = MakeJoin(g, p);
      } else if (AcceptWord("SERVICE")) {
        auto p = NewPattern(GraphPattern::Kind::kService);
        p->silent = AcceptWord("SILENT");
        p->name = ParseVarOrIri();
        p->left = ParseGroupGraphPattern();
        g = MakeJoin(g, p);
      } else if (AcceptWord("BIND")) {
        ExpectPunct("(");
        ExprPtr e = ParseExpression();
        ExpectWord("AS");
        std::size_t at = Peek().offset;
        Variable v = ParseVar();
        ExpectPunct(")");
        for (const auto& in_scope : InScopeVariables(*g))
          if (in_scope == v) FailAt(at, "BIND variable ?" + v.name + " is already in scope");
        g = MakeExtend(g, v, e);
      } else if (AcceptWord("VALUES")) {
        g = MakeJoin(g, ParseDataBlock());
      } else {
        PatternPtr a = ParseGroupGraphPattern();
        while (AcceptWord("UNION")) {
          auto u = NewPattern(GraphPattern::Kind::kUnion);
          u->left = a;
          u->right = ParseGroupGraphPattern();
          a = u;
        }
        g = MakeJoin(g, a);
      }
      AcceptPunct(".");
      continue;
    }
    if (block_id < 0) block_id = next_block_id_++;
    block_id_ = block_id;
    ParseTriplesSameSubject(true, block);
    if (!AcceptPunct(".") && !IsPunct("}") && !at_not_triples()) Fail("'.' or '}'");
  }
  flush();
  group_had_own_filters_ = !filters.empty();
  if (!filters.empty()) {
    ExprPtr conj = filters[0];
    for (std::size_t i = 1; i < filters.size(); ++i) conj = MakeBuiltin(Builtin::kAnd, {conj, filters[i]});
    g = MakeFilter(conj, g);
  }
  return g;
}

// DataBlock ::= InlineDataOneVar | InlineDataFull
PatternPtr Parser::ParseDataBlock() {
  auto p = NewPattern(GraphPattern::Kind::kValues);
  if (AtVar()) {
    p->variables.push_back(ParseVar());
    ExpectPunct("{");
    while (!AcceptPunct("}")) p->rows.push_back({ParseDataBlockValue()});
    return p;
  }
  if (Peek().kind == TokenKind::kNil) {
    ++pos_;
  } else {
    if (!IsPunct("(")) Fail("a variable or '(' after VALUES");
    ++pos_;
    while (!AcceptPunct(")")) p->variables.push_back(ParseVar());
  }
  ExpectPunct("{");
  while (!AcceptPunct("}")) {
    std::size_t at = Peek().offset;
    std::vector<std::optional<Term>> row;
    if (Peek().kind == TokenKind::kNil) {
      ++pos_;
    } else {
      if (!IsPunct("(")) Fail("'(' or '}'");
      ++pos_;
      while (!AcceptPunct(")")) row.push_back(ParseDataBlockValue());
    }
    if (row.size() != p->variables.size())
      FailAt(at, "VALUES row has " + std::to_string(row.size()) + " values for " +
                     std::to_string(p->variables.size()) + " variables");
    p->rows.push_back(std::move(row));
  }
  return p;
}

}  // namespace cairn::sparql::parser
