// Expressions (section 17, grammar rules [110]-[128]): operators, built-in calls, casts,
// function calls, EXISTS and aggregates.
#include <cctype>

#include "sparql/parser/parser_internal.h"

namespace cairn::sparql::parser {
namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

struct BuiltinInfo {
  std::string_view name;
  Builtin builtin;
  int min_args, max_args;  // max -1: an ExpressionList
};

constexpr BuiltinInfo kBuiltins[] = {
    {"STR", Builtin::kStr, 1, 1}, {"LANG", Builtin::kLang, 1, 1},
    {"LANGMATCHES", Builtin::kLangMatches, 2, 2}, {"DATATYPE", Builtin::kDatatype, 1, 1},
    {"BOUND", Builtin::kBound, 1, 1}, {"IRI", Builtin::kIri, 1, 1}, {"URI", Builtin::kIri, 1, 1},
    {"BNODE", Builtin::kBnode, 0, 1}, {"RAND", Builtin::kRand, 0, 0}, {"ABS", Builtin::kAbs, 1, 1},
    {"CEIL", Builtin::kCeil, 1, 1}, {"FLOOR", Builtin::kFloor, 1, 1}, {"ROUND", Builtin::kRound, 1, 1},
    {"CONCAT", Builtin::kConcat, 0, -1}, {"SUBSTR", Builtin::kSubstr, 2, 3},
    {"STRLEN", Builtin::kStrLen, 1, 1}, {"REPLACE", Builtin::kReplace, 3, 4},
    {"UCASE", Builtin::kUCase, 1, 1}, {"LCASE", Builtin::kLCase, 1, 1},
    {"ENCODE_FOR_URI", Builtin::kEncodeForUri, 1, 1}, {"CONTAINS", Builtin::kContains, 2, 2},
    {"STRSTARTS", Builtin::kStrStarts, 2, 2}, {"STRENDS", Builtin::kStrEnds, 2, 2},
    {"STRBEFORE", Builtin::kStrBefore, 2, 2}, {"STRAFTER", Builtin::kStrAfter, 2, 2},
    {"YEAR", Builtin::kYear, 1, 1}, {"MONTH", Builtin::kMonth, 1, 1}, {"DAY", Builtin::kDay, 1, 1},
    {"HOURS", Builtin::kHours, 1, 1}, {"MINUTES", Builtin::kMinutes, 1, 1},
    {"SECONDS", Builtin::kSeconds, 1, 1}, {"TIMEZONE", Builtin::kTimezone, 1, 1},
    {"TZ", Builtin::kTz, 1, 1}, {"NOW", Builtin::kNow, 0, 0}, {"UUID", Builtin::kUuid, 0, 0},
    {"STRUUID", Builtin::kStrUuid, 0, 0}, {"MD5", Builtin::kMd5, 1, 1}, {"SHA1", Builtin::kSha1, 1, 1},
    {"SHA256", Builtin::kSha256, 1, 1}, {"SHA384", Builtin::kSha384, 1, 1},
    {"SHA512", Builtin::kSha512, 1, 1}, {"COALESCE", Builtin::kCoalesce, 0, -1},
    {"IF", Builtin::kIf, 3, 3}, {"STRLANG", Builtin::kStrLang, 2, 2}, {"STRDT", Builtin::kStrDt, 2, 2},
    {"SAMETERM", Builtin::kSameTerm, 2, 2}, {"ISIRI", Builtin::kIsIri, 1, 1},
    {"ISURI", Builtin::kIsIri, 1, 1}, {"ISBLANK", Builtin::kIsBlank, 1, 1},
    {"ISLITERAL", Builtin::kIsLiteral, 1, 1}, {"ISNUMERIC", Builtin::kIsNumeric, 1, 1},
    {"REGEX", Builtin::kRegex, 2, 3},
};

constexpr std::string_view kAggregates[] = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"};

const BuiltinInfo* FindBuiltin(std::string_view word) {
  for (const auto& b : kBuiltins) {
    if (b.name.size() != word.size()) continue;
    bool eq = true;
    for (std::size_t i = 0; i < word.size() && eq; ++i)
      eq = std::toupper(static_cast<unsigned char>(word[i])) == b.name[i];
    if (eq) return &b;
  }
  return nullptr;
}

ExprPtr Constant(Term t) {
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kConstant;
  e->constant = std::move(t);
  return e;
}

}  // namespace

ExprPtr MakeBuiltin(Builtin builtin, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kBuiltin;
  e->builtin = builtin;
  e->args = std::move(args);
  return e;
}

ExprPtr MakeVariableExpr(Variable v) {
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kVariable;
  e->variable = std::move(v);
  return e;
}

void ExpressionVariables(const Expression& e, std::vector<Variable>& out) {
  if (e.kind == Expression::Kind::kVariable) out.push_back(e.variable);
  for (const auto& a : e.args)
    if (a) ExpressionVariables(*a, out);
}

ExprPtr Parser::ParseExpression() { return ParseOr(); }

ExprPtr Parser::ParseOr() {
  ExprPtr left = ParseAnd();
  while (AcceptPunct("||")) left = MakeBuiltin(Builtin::kOr, {left, ParseAnd()});
  return left;
}

ExprPtr Parser::ParseAnd() {
  ExprPtr left = ParseRelational();
  while (AcceptPunct("&&")) left = MakeBuiltin(Builtin::kAnd, {left, ParseRelational()});
  return left;
}

ExprPtr Parser::ParseRelational() {
  ExprPtr left = ParseAdditive();
  static const std::pair<std::string_view, Builtin> kOps[] = {
      {"=", Builtin::kEqual},         {"!=", Builtin::kNotEqual}, {"<", Builtin::kLess},
      {">", Builtin::kGreater},       {"<=", Builtin::kLessOrEqual}, {">=", Builtin::kGreaterOrEqual}};
  for (const auto& [op, builtin] : kOps) {
    if (AcceptPunct(op)) return MakeBuiltin(builtin, {left, ParseAdditive()});
  }
  if (AcceptWord("IN")) {
    std::vector<ExprPtr> args{left};
    for (auto& e : ParseExpressionList()) args.push_back(std::move(e));
    return MakeBuiltin(Builtin::kIn, std::move(args));
  }
  if (IsWord("NOT") && IsWord("IN", 1)) {
    pos_ += 2;
    std::vector<ExprPtr> args{left};
    for (auto& e : ParseExpressionList()) args.push_back(std::move(e));
    return MakeBuiltin(Builtin::kNotIn, std::move(args));
  }
  return left;
}

ExprPtr Parser::ParseAdditive() {
  ExprPtr left = ParseMultiplicative();
  while (true) {
    if (AcceptPunct("+")) {
      left = MakeBuiltin(Builtin::kAdd, {left, ParseMultiplicative()});
    } else if (AcceptPunct("-")) {
      left = MakeBuiltin(Builtin::kSubtract, {left, ParseMultiplicative()});
    } else if (Peek().signed_number) {
      // "?a -1": the sign is the operator (rule [116]).
      Token t = Advance();
      bool minus = t.text[0] == '-';
      std::string lexical = t.text.substr(1);
      std::string type = t.kind == TokenKind::kInteger ? "integer" : t.kind == TokenKind::kDecimal ? "decimal" : "double";
      ExprPtr right = Constant(Term::Literal(lexical, std::string(kXsd) + type));
      while (true) {
        if (AcceptPunct("*")) right = MakeBuiltin(Builtin::kMultiply, {right, ParseUnary()});
        else if (AcceptPunct("/")) right = MakeBuiltin(Builtin::kDivide, {right, ParseUnary()});
        else break;
      }
      left = MakeBuiltin(minus ? Builtin::kSubtract : Builtin::kAdd, {left, right});
    } else {
      return left;
    }
  }
}

ExprPtr Parser::ParseMultiplicative() {
  ExprPtr left = ParseUnary();
  while (true) {
    if (AcceptPunct("*")) left = MakeBuiltin(Builtin::kMultiply, {left, ParseUnary()});
    else if (AcceptPunct("/")) left = MakeBuiltin(Builtin::kDivide, {left, ParseUnary()});
    else return left;
  }
}

ExprPtr Parser::ParseUnary() {
  if (AcceptPunct("!")) return MakeBuiltin(Builtin::kNot, {ParsePrimary()});
  if (AcceptPunct("+")) return MakeBuiltin(Builtin::kUnaryPlus, {ParsePrimary()});
  if (AcceptPunct("-")) return MakeBuiltin(Builtin::kUnaryMinus, {ParsePrimary()});
  return ParsePrimary();
}

// PrimaryExpression ::= BrackettedExpression | BuiltInCall | iriOrFunction | RDFLiteral
//                     | NumericLiteral | BooleanLiteral | Var
ExprPtr Parser::ParsePrimary() {
  if (IsPunct("(")) return ParseBrackettedExpression();
  if (AtVar()) return MakeVariableExpr(ParseVar());
  if (AtIri()) return ParseIriOrFunction(false);
  if (AtLiteral()) return Constant(ParseLiteral());
  if (AtBuiltinCall()) return ParseBuiltinCall();
  Fail("an expression");
}

ExprPtr Parser::ParseBrackettedExpression() {
  ExpectPunct("(");
  ExprPtr e = ParseExpression();
  ExpectPunct(")");
  return e;
}

// Constraint ::= BrackettedExpression | BuiltInCall | FunctionCall
ExprPtr Parser::ParseConstraint() {
  if (IsPunct("(")) return ParseBrackettedExpression();
  if (AtBuiltinCall()) return ParseBuiltinCall();
  if (AtIri()) return ParseIriOrFunction(true);
  Fail("'(', a function call or a built-in call");
}

// ExpressionList ::= NIL | '(' Expression ( ',' Expression )* ')'
std::vector<ExprPtr> Parser::ParseExpressionList() {
  std::vector<ExprPtr> out;
  if (Peek().kind == TokenKind::kNil) {
    ++pos_;
    return out;
  }
  ExpectPunct("(");
  out.push_back(ParseExpression());
  while (AcceptPunct(",")) out.push_back(ParseExpression());
  ExpectPunct(")");
  return out;
}

bool Parser::AtBuiltinCall() const {
  const Token& t = Peek();
  if (t.kind != TokenKind::kWord) return false;
  if (FindBuiltin(t.text)) return true;
  if (IsWord("EXISTS") || (IsWord("NOT") && IsWord("EXISTS", 1))) return true;
  for (auto a : kAggregates)
    if (IsWord(a)) return true;
  return false;
}

ExprPtr Parser::ParseBuiltinCall() {
  const Token& t = Peek();
  if (IsWord("EXISTS") || IsWord("NOT")) {
    bool negated = AcceptWord("NOT");
    ExpectWord("EXISTS");
    auto e = std::make_shared<Expression>();
    e->kind = negated ? Expression::Kind::kNotExists : Expression::Kind::kExists;
    e->pattern = ParseGroupGraphPattern();
    return e;
  }
  for (auto a : kAggregates)
    if (IsWord(a)) return ParseAggregate();
  const BuiltinInfo* info = FindBuiltin(t.text);
  if (!info) Fail("a built-in function");
  ++pos_;
  std::vector<ExprPtr> args;
  if (info->builtin == Builtin::kBound) {
    ExpectPunct("(");
    args.push_back(MakeVariableExpr(ParseVar()));
    ExpectPunct(")");
  } else if (info->max_args < 0) {
    args = ParseExpressionList();
  } else if (info->max_args == 0) {
    if (Peek().kind != TokenKind::kNil) Fail("'()' after " + std::string(info->name));
    ++pos_;
  } else if (info->min_args == 0 && Peek().kind == TokenKind::kNil) {
    ++pos_;  // BNODE()
  } else {
    ExpectPunct("(");
    args.push_back(ParseExpression());
    while (static_cast<int>(args.size()) < info->max_args && AcceptPunct(","))
      args.push_back(ParseExpression());
    if (static_cast<int>(args.size()) < info->min_args) Fail("','");
    ExpectPunct(")");
  }
  return MakeBuiltin(info->builtin, std::move(args));
}

// Aggregate ::= ( COUNT | SUM | MIN | MAX | AVG | SAMPLE ) '(' 'DISTINCT'? ( '*' | Expression ) ')'
//             | 'GROUP_CONCAT' '(' 'DISTINCT'? Expression ( ';' 'SEPARATOR' '=' String )? ')'
ExprPtr Parser::ParseAggregate() {
  const Token& name = Advance();
  AggregateScope& scope = aggregate_scope();
  if (!scope.allowed)
    FailAt(name.offset, "aggregate " + name.text + " is not allowed here (only in SELECT, HAVING and ORDER BY)");
  Aggregate agg;
  std::string upper;
  for (char c : name.text) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (upper == "COUNT") agg.function = Aggregate::Function::kCount;
  else if (upper == "SUM") agg.function = Aggregate::Function::kSum;
  else if (upper == "MIN") agg.function = Aggregate::Function::kMin;
  else if (upper == "MAX") agg.function = Aggregate::Function::kMax;
  else if (upper == "AVG") agg.function = Aggregate::Function::kAvg;
  else if (upper == "SAMPLE") agg.function = Aggregate::Function::kSample;
  else agg.function = Aggregate::Function::kGroupConcat;
  ExpectPunct("(");
  agg.distinct = AcceptWord("DISTINCT");
  scope.allowed = false;  // no nested aggregates
  if (agg.function == Aggregate::Function::kCount && AcceptPunct("*")) {
    agg.expression = nullptr;
  } else {
    agg.expression = ParseExpression();
  }
  aggregate_scope().allowed = true;
  if (agg.function == Aggregate::Function::kGroupConcat && AcceptPunct(";")) {
    ExpectWord("SEPARATOR");
    ExpectPunct("=");
    if (Peek().kind != TokenKind::kString) Fail("a string");
    agg.separator = Advance().text;
  }
  ExpectPunct(")");
  Variable v{"_agg" + std::to_string(aggregate_counter_++)};
  AggregateScope& s = aggregate_scope();
  s.aggregates.emplace_back(v, std::move(agg));
  s.aggregate_variables.insert(v.name);
  return MakeVariableExpr(std::move(v));
}

// iriOrFunction ::= iri ArgList?   FunctionCall ::= iri ArgList
ExprPtr Parser::ParseIriOrFunction(bool require_call) {
  std::string iri = ParseIri();
  bool call = Peek().kind == TokenKind::kNil || IsPunct("(");
  if (!call) {
    if (require_call) Fail("'(' for a function call");
    return Constant(Term::Iri(std::move(iri)));
  }
  std::vector<ExprPtr> args;
  if (Peek().kind == TokenKind::kNil) {
    ++pos_;
  } else {
    ExpectPunct("(");
    AcceptWord("DISTINCT");  // only meaningful for custom aggregates, which Cairn has none of
    args.push_back(ParseExpression());
    while (AcceptPunct(",")) args.push_back(ParseExpression());
    ExpectPunct(")");
  }
  if (iri.size() > kXsd.size() && iri.compare(0, kXsd.size(), kXsd) == 0 && args.size() == 1) {
    std::string_view local = std::string_view(iri).substr(kXsd.size());
    static const std::pair<std::string_view, Builtin> kCasts[] = {
        {"boolean", Builtin::kCastBoolean}, {"integer", Builtin::kCastInteger},
        {"decimal", Builtin::kCastDecimal}, {"double", Builtin::kCastDouble},
        {"float", Builtin::kCastFloat},     {"string", Builtin::kCastString},
        {"dateTime", Builtin::kCastDateTime}};
    for (const auto& [name, builtin] : kCasts)
      if (local == name) return MakeBuiltin(builtin, std::move(args));
  }
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kFunction;
  e->function_iri = std::move(iri);
  e->args = std::move(args);
  return e;
}

}  // namespace cairn::sparql::parser
