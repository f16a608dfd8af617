// The SPARQL 1.1 algebra (W3C SPARQL 1.1 Query, section 18): what the parser produces, the
// optimizer rewrites and the evaluator runs. Plain immutable value trees shared through
// shared_ptr<const ...>, so a rewrite can reuse untouched subtrees.
//
// The shapes follow section 18.2's translation: a query's WHERE clause becomes a GraphPattern;
// GROUP BY/aggregates become kGroup (aggregates named by fresh internal variables "?_agg0"...);
// SELECT expressions become kExtend; then kOrderBy, kProject, kDistinct/kReduced, kSlice wrap it.
// Variables are names without '?' or '$'. Blank nodes in a query pattern are already replaced by
// fresh variables named "_:label" (they act as non-projectable variables, 18.2.1).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "storage/term.h"

namespace cairn::sparql {

struct Variable {
  std::string name;
  friend bool operator==(const Variable&, const Variable&) = default;
  friend auto operator<=>(const Variable&, const Variable&) = default;
};

// A position in a triple pattern, a GRAPH name or a SERVICE name: a term or a variable.
using TermOrVariable = std::variant<Term, Variable>;

struct TriplePattern {
  TermOrVariable subject, predicate, object;
};

// ---- property paths (section 9, 18.2.2.4) ----
struct PropertyPath;
using PathPtr = std::shared_ptr<const PropertyPath>;
struct PropertyPath {
  enum class Kind {
    kLink,          // iri
    kInverse,       // ^child
    kSequence,      // children[0] / children[1]
    kAlternative,   // children[0] | children[1]
    kZeroOrMore,    // child*
    kOneOrMore,     // child+
    kZeroOrOne,     // child?
    kNegatedSet,    // !(iri | ^iri ...): `iris` forward, `inverse_iris` inverse
  };
  Kind kind = Kind::kLink;
  Term iri;                       // kLink
  std::vector<PathPtr> children;  // kInverse, kSequence, kAlternative, k*More, kZeroOrOne
  std::vector<Term> iris;         // kNegatedSet: forward
  std::vector<Term> inverse_iris; // kNegatedSet: inverse
};

// ---- expressions (section 17) ----
// Built-in functions and operators, by their SPARQL names.
enum class Builtin {
  // operators
  kOr, kAnd, kEqual, kNotEqual, kLess, kGreater, kLessOrEqual, kGreaterOrEqual, kIn, kNotIn,
  kAdd, kSubtract, kMultiply, kDivide, kUnaryPlus, kUnaryMinus, kNot,
  // 17.4 functions
  kStr, kLang, kLangMatches, kDatatype, kBound, kIri, kBnode, kRand, kAbs, kCeil, kFloor, kRound,
  kConcat, kSubstr, kStrLen, kReplace, kUCase, kLCase, kEncodeForUri, kContains, kStrStarts,
  kStrEnds, kStrBefore, kStrAfter, kYear, kMonth, kDay, kHours, kMinutes, kSeconds, kTimezone,
  kTz, kNow, kUuid, kStrUuid, kMd5, kSha1, kSha256, kSha384, kSha512, kCoalesce, kIf, kStrLang,
  kStrDt, kSameTerm, kIsIri, kIsBlank, kIsLiteral, kIsNumeric, kRegex,
  // XPath constructor casts (17.5): xsd:boolean(x), xsd:integer(x), ...
  kCastBoolean, kCastInteger, kCastDecimal, kCastDouble, kCastFloat, kCastString, kCastDateTime,
};

struct GraphPattern;
using PatternPtr = std::shared_ptr<const GraphPattern>;
struct Expression;
using ExprPtr = std::shared_ptr<const Expression>;

struct Expression {
  enum class Kind {
    kConstant,   // term
    kVariable,   // variable
    kBuiltin,    // builtin(args)
    kFunction,   // function_iri(args): an extension function Cairn does not know is an error
    kExists,     // EXISTS { pattern }
    kNotExists,  // NOT EXISTS { pattern }
  };
  Kind kind = Kind::kConstant;
  Term constant;
  Variable variable;
  Builtin builtin = Builtin::kStr;
  std::string function_iri;
  std::vector<ExprPtr> args;
  PatternPtr pattern;  // kExists, kNotExists
};

struct Aggregate {
  enum class Function { kCount, kSum, kAvg, kMin, kMax, kGroupConcat, kSample };
  Function function = Function::kCount;
  bool distinct = false;
  ExprPtr expression;           // null for COUNT(*)
  std::string separator = " ";  // GROUP_CONCAT
};

struct OrderCondition {
  ExprPtr expression;
  bool descending = false;
};

// ---- graph patterns ----
struct GraphPattern {
  enum class Kind {
    kBgp,       // triples
    kPath,      // path_subject path path_object
    kJoin,      // left, right
    kLeftJoin,  // left, right, expression (OPTIONAL's filter; null if none)
    kFilter,    // expression, left
    kUnion,     // left, right
    kGraph,     // name (term or variable), left
    kExtend,    // left, variable := expression (BIND, SELECT (expr AS ?v))
    kMinus,     // left, right
    kValues,    // variables, rows (VALUES, inline or trailing); unbound = nullopt
    kService,   // name, left, silent
    kGroup,     // left, group_variables, aggregates (variable := aggregate)
    kOrderBy,   // left, order
    kProject,   // left, variables
    kDistinct,  // left
    kReduced,   // left
    kSlice,     // left, offset, limit (nullopt: no limit)
  };
  Kind kind = Kind::kBgp;
  std::vector<TriplePattern> triples;
  TermOrVariable path_subject, path_object;
  PathPtr path;
  PatternPtr left, right;
  ExprPtr expression;
  TermOrVariable name;
  bool silent = false;
  Variable variable;
  std::vector<Variable> variables;  // kValues columns, kProject variables, kGroup keys
  std::vector<std::vector<std::optional<Term>>> rows;
  std::vector<std::pair<Variable, Aggregate>> aggregates;
  std::vector<OrderCondition> order;
  std::uint64_t offset = 0;
  std::optional<std::uint64_t> limit;
};

// FROM / FROM NAMED. When `specified` is false the store's dataset is used (default graph =
// the store's default graph, named graphs = all named graphs), unless the protocol supplies one.
struct Dataset {
  bool specified = false;
  std::vector<Term> default_graphs;
  std::vector<Term> named_graphs;
};

struct Query {
  enum class Form { kSelect, kConstruct, kDescribe, kAsk };
  Form form = Form::kSelect;
  PatternPtr pattern;                          // the WHERE clause with all solution modifiers
  std::vector<Variable> result_variables;      // SELECT: in order (SELECT *: in-scope variables by first appearance)
  std::vector<TriplePattern> construct_template;  // CONSTRUCT (CONSTRUCT WHERE: the BGP itself)
  std::vector<TermOrVariable> describe;        // DESCRIBE targets (empty with DESCRIBE *: all variables)
  Dataset dataset;
  std::string base_iri;
};

// Section 18's SSE-like notation, e.g. (project (?s) (bgp (triple ?s ?p ?o))), for --explain
// and tests. One line per nested operator, indented by two spaces.
std::string ToSse(const Query& query);
std::string ToSse(const GraphPattern& pattern);
std::string ToSse(const Expression& expression);

}  // namespace cairn::sparql
