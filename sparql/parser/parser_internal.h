// The recursive-descent parser's shared declaration. One class, its member functions split by
// grammar area across parse_terms.cpp (prologue, IRIs, literals, variables, blank nodes),
// parse_expressions.cpp, parse_patterns.cpp (triples, paths, group graph patterns: the rules the
// update grammar reuses for QuadPattern/QuadData), parse_query.cpp (query forms and solution
// modifiers) and parse_update.cpp (update operations). Internal to the parser.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sparql/algebra.h"
#include "sparql/parser/lexer.h"
#include "sparql/update.h"
#include "storage/status.h"

namespace cairn::sparql::parser {

// Thrown inside the parser, turned into Status::Syntax by ParseQuery.
struct ParseError {
  std::size_t offset;  // byte offset in the preprocessed text
  std::string message;
};

// One element of a triples block: a triple pattern (path null) or a property path between two
// nodes. Simple paths are turned into triple patterns when the block is translated.
struct PathTriple {
  TermOrVariable subject;
  TermOrVariable predicate;  // when path is null
  PathPtr path;
  TermOrVariable object;
};

// Per-SELECT (or per query form) state: the aggregates met so far, named "_agg<N>".
struct AggregateScope {
  std::vector<std::pair<Variable, Aggregate>> aggregates;
  std::set<std::string> aggregate_variables;
  bool allowed = false;  // true while parsing SELECT expressions, HAVING and ORDER BY
};

// The parsed clauses of a SELECT (or SubSelect) before translation.
struct SelectClause {
  bool distinct = false, reduced = false, star = false;
  struct Item {
    Variable variable;
    ExprPtr expression;  // null for a plain variable
    std::size_t offset = 0;
  };
  std::vector<Item> items;
  std::size_t offset = 0;
};

struct SolutionModifiers {
  struct GroupKey {
    ExprPtr expression;  // null for a plain variable
    Variable variable;   // plain variable or AS variable; empty name: none (fresh one made)
  };
  bool has_group_by = false;
  std::vector<GroupKey> group_by;
  std::vector<ExprPtr> having;
  std::vector<OrderCondition> order;
  std::uint64_t offset = 0;
  std::optional<std::uint64_t> limit;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::string base_iri);

  // Query ::= Prologue ( SelectQuery | ConstructQuery | DescribeQuery | AskQuery ) ValuesClause
  Query ParseQueryUnit();
  // UpdateUnit ::= Update; Update ::= Prologue ( Update1 ( ';' Update )? )?   (parse_update.cpp)
  Update ParseUpdateUnit();

  // ---- tokens (parse_terms.cpp) ----
  const Token& Peek(std::size_t k = 0) const;
  bool IsWord(std::string_view keyword, std::size_t k = 0) const;  // case-insensitive
  bool IsPunct(std::string_view punct, std::size_t k = 0) const;
  bool AcceptWord(std::string_view keyword);
  bool AcceptPunct(std::string_view punct);
  void ExpectWord(std::string_view keyword);
  void ExpectPunct(std::string_view punct);
  const Token& Advance();
  [[noreturn]] void Fail(std::string_view expected) const;  // "expected X, found Y"
  [[noreturn]] void FailAt(std::size_t offset, std::string message) const;

  // ---- prologue, terms (parse_terms.cpp) ----
  void ParsePrologue();
  bool AtIri() const;
  std::string ParseIri();  // IRIREF (resolved) or PrefixedName (expanded)
  bool AtLiteral() const;
  Term ParseLiteral();  // RDFLiteral | NumericLiteral | BooleanLiteral
  bool AtVar() const { return Peek().kind == TokenKind::kVar; }
  Variable ParseVar();
  bool AtVarOrTerm() const;
  TermOrVariable ParseVarOrTerm();  // blank nodes: variables in patterns, terms in templates
  TermOrVariable ParseVarOrIri();
  TermOrVariable FreshBlankNode();  // [] and the nodes of collections / property lists
  std::optional<Term> ParseDataBlockValue();  // nullopt for UNDEF
  std::string ResolveIri(std::string_view reference, std::size_t offset) const;

  // ---- expressions (parse_expressions.cpp) ----
  ExprPtr ParseExpression();
  ExprPtr ParseBrackettedExpression();
  ExprPtr ParseConstraint();  // BrackettedExpression | BuiltInCall | FunctionCall
  bool AtBuiltinCall() const;
  ExprPtr ParseBuiltinCall();
  ExprPtr ParseIriOrFunction(bool require_call);
  std::vector<ExprPtr> ParseExpressionList();
  AggregateScope& aggregate_scope() { return aggregate_scopes_.back(); }

  // ---- patterns (parse_patterns.cpp) ----
  // GroupGraphPattern ::= '{' ( SubSelect | GroupGraphPatternSub ) '}'
  PatternPtr ParseGroupGraphPattern();
  // TriplesSameSubject(Path): appends to `out`. Without paths, every predicate is an iri/var.
  void ParseTriplesSameSubject(bool allow_paths, std::vector<PathTriple>& out);
  // TriplesTemplate / ConstructTriples: ( TriplesSameSubject ( '.' ... )? ) up to `close`.
  std::vector<TriplePattern> ParseTriplesTemplate(std::string_view close);
  // DataBlock after VALUES.
  PatternPtr ParseDataBlock();
  // Translates a triples block into a BGP and path patterns joined (18.2.2.4-18.2.2.5).
  PatternPtr TranslateTriplesBlock(const std::vector<PathTriple>& block);

  // ---- query forms (parse_query.cpp) ----
  PatternPtr ParseSubSelect();
  SelectClause ParseSelectClause();
  SolutionModifiers ParseSolutionModifiers();
  // 18.2.4-18.2.5: grouping, HAVING, VALUES, select expressions, modifiers.
  PatternPtr TranslateModifiers(PatternPtr where, const SelectClause* select, SolutionModifiers& mods,
                                PatternPtr values, std::vector<Variable>* result_variables);

  // ---- update operations (parse_update.cpp) ----
  UpdateOperation ParseUpdate1();
  // QuadPattern / QuadData ::= '{' Quads '}', in template mode (blank nodes stay blank nodes).
  std::vector<QuadTemplate> ParseQuads();
  GraphTarget ParseGraphRefAll();
  GraphTarget ParseGraphOrDefault();
  // The hooks the shared term rules call (no-ops while parsing a query).
  void CheckVariableAllowed(std::size_t offset, const std::string& name) const;
  void CheckBlankNodeAllowed(std::size_t offset, std::string_view what) const;
  // INSERT DATA labels may not be shared by two INSERT DATA operations of a request.
  void NoteOperationBlankLabel(const std::string& label, std::size_t offset);

 private:
  bool AtVerb(bool allow_paths) const;
  bool AtTriplesNode() const { return IsPunct("(") || IsPunct("["); }
  void ParsePropertyList(const TermOrVariable& subject, bool allow_paths, std::vector<PathTriple>& out);
  TermOrVariable ParseGraphNode(bool allow_paths, std::vector<PathTriple>& out);
  PathPtr ParsePath();
  PathPtr ParsePathSequence();
  PathPtr ParsePathElt();
  PathPtr ParsePathEltOrInverse();
  PathPtr ParsePathPrimary();
  void ParseNegatedPropertySetMember(PropertyPath& set);
  ExprPtr ParseOr();
  ExprPtr ParseAnd();
  ExprPtr ParseRelational();
  ExprPtr ParseAdditive();
  ExprPtr ParseMultiplicative();
  ExprPtr ParseUnary();
  ExprPtr ParsePrimary();
  ExprPtr ParseAggregate();
  PatternPtr ParseGroupGraphPatternSub();
  // Set when the group just parsed had FILTERs of its own (its translation is Filter(F, P)).
  // OPTIONAL lifts F into the LeftJoin only then: {{ P FILTER F }} is Join(Z, Filter(F, P)) at
  // that point of 18.2.2.6, and the Join(Z, A) simplification only comes afterwards.
  bool group_had_own_filters_ = false;
  void NoteBlankLabel(const std::string& label, std::size_t offset);

 public:
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::string base_;
  std::map<std::string, std::string> prefixes_;
  bool template_mode_ = false;  // CONSTRUCT templates: blank nodes stay blank nodes
  // Blank-node label scoping (labels may not be shared by different basic graph patterns).
  int block_id_ = 0;
  int next_block_id_ = 1;
  std::map<std::string, int> label_blocks_;
  std::size_t fresh_counter_ = 0;
  std::size_t aggregate_counter_ = 0;
  std::vector<AggregateScope> aggregate_scopes_;
  // Update requests only; inert (null / -1) while parsing a query.
  bool update_ = false;                        // messages say "end of update"
  int operation_index_ = -1;                   // the operation being parsed
  bool insert_data_ = false;                   // parsing INSERT DATA: labels noted per operation
  std::map<std::string, int> label_operations_;  // INSERT DATA blank-node label -> its operation
  const char* no_variables_in_ = nullptr;      // "INSERT DATA" / "DELETE DATA"
  const char* no_blank_nodes_in_ = nullptr;    // "DELETE DATA", "DELETE WHERE", "a DELETE template"
};

// "line L, column C: " for a byte offset of the original text (columns in code points).
std::string PositionPrefix(std::string_view text, std::size_t original_offset);

// Unescapes code points, tokenizes and runs `body(parser)`; a ParseError becomes
// Status::Syntax("line L, column C: message") at the matching place of the original text.
template <typename T, typename Body>
Result<T> RunParser(std::string_view text, std::string_view base_iri, Body body) {
  std::vector<std::uint32_t> origin;
  std::string error;
  std::size_t error_offset = 0;
  std::string unescaped = UnescapeCodepoints(text, origin, error, error_offset);
  if (!error.empty()) return Status::Syntax(PositionPrefix(text, error_offset) + error);
  try {
    Parser p(Tokenize(unescaped), std::string(base_iri));
    return body(p);
  } catch (const ParseError& e) {
    std::size_t original = e.offset < origin.size() ? origin[e.offset] : text.size();
    return Status::Syntax(PositionPrefix(text, original) + e.message);
  }
}

// ---- algebra helpers (parse_patterns.cpp) ----
PatternPtr EmptyBgp();
bool IsEmptyBgp(const PatternPtr& p);
PatternPtr MakeJoin(PatternPtr left, PatternPtr right);  // Join(Z, A) = A, Join(A, Z) = A
PatternPtr MakeFilter(ExprPtr expression, PatternPtr inner);
PatternPtr MakeExtend(PatternPtr inner, Variable variable, ExprPtr expression);
ExprPtr MakeBuiltin(Builtin builtin, std::vector<ExprPtr> args);
ExprPtr MakeVariableExpr(Variable v);
// In-scope variables (18.2.1) in order of first appearance, "_:" blank-node variables included.
std::vector<Variable> InScopeVariables(const GraphPattern& pattern);
// Variables an expression mentions (not inside EXISTS patterns).
void ExpressionVariables(const Expression& e, std::vector<Variable>& out);

}  // namespace cairn::sparql::parser
