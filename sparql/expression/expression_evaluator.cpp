// Expression evaluation: the expression tree is compiled once into Nodes (variables resolved to
// slots, constants interned and decoded, constant regexes compiled), then evaluated per row.
// Three entry points per node avoid needless work: EvalTerm when only the term matters
// (variables, COALESCE, IF, sameTerm, isIRI...), EvalEbv for filters (boolean operators never
// build a Value) and EvalValue for everything that needs a decoded operand.
#include "sparql/expression/expression_evaluator.h"

#include <absl/container/flat_hash_map.h>

#include <chrono>
#include <cmath>

#include "sparql/expression/string_functions.h"
#include "sparql/expression/value.h"
#include "sparql/expression/value_ops.h"
#include "storage/inline_literal.h"
#include "vocab/vocab.h"

namespace cairn::sparql {
namespace {

using Row = std::span<const TermId>;
constexpr std::uint64_t kIntegerBias = std::uint64_t{1} << 55;

bool IsBooleanBuiltin(Builtin b) {
  switch (b) {
    case Builtin::kOr: case Builtin::kAnd: case Builtin::kNot:
    case Builtin::kEqual: case Builtin::kNotEqual: case Builtin::kLess: case Builtin::kGreater:
    case Builtin::kLessOrEqual: case Builtin::kGreaterOrEqual: case Builtin::kIn: case Builtin::kNotIn:
    case Builtin::kLangMatches: case Builtin::kBound: case Builtin::kContains: case Builtin::kStrStarts:
    case Builtin::kStrEnds: case Builtin::kSameTerm: case Builtin::kIsIri: case Builtin::kIsBlank:
    case Builtin::kIsLiteral: case Builtin::kIsNumeric: case Builtin::kRegex:
      return true;
    default: return false;
  }
}

bool IsIntegerTag(TermTag t) { return t >= TermTag::kInteger && t <= TermTag::kLastTag; }
bool IsNumericTag(TermTag t) {
  return IsIntegerTag(t) || t == TermTag::kDecimal || t == TermTag::kDouble || t == TermTag::kFloat;
}

struct Node {
  Expression::Kind kind = Expression::Kind::kConstant;
  Builtin op = Builtin::kStr;
  TermId id;                        // kConstant
  std::optional<Value> value;       // kConstant, decoded once
  std::optional<std::size_t> slot;  // kVariable (nullopt: not in the layout, always unbound)
  std::vector<Node> args;
  const GraphPattern* pattern = nullptr;  // kExists, kNotExists
  std::optional<Builtin> cast;            // kFunction naming an XSD constructor
  // REGEX/REPLACE: compiled at construction when pattern and flags are constants; otherwise
  // the last pattern used (one entry, so nothing grows with the data).
  bool regex_constant = false;
  std::string regex_key;
  std::optional<CompiledRegex> regex;

  bool is_term() const { return kind == Expression::Kind::kConstant || kind == Expression::Kind::kVariable; }
};

// Argument compatibility of 17.4.3.1.1 (CONTAINS, STRSTARTS, STRBEFORE, ...).
bool Compatible(const Value& a, const Value& b) {
  if (!a.is_string_like()) return false;
  if (b.kind == ValueKind::kString) return true;
  if (b.kind != ValueKind::kLangString || a.kind != ValueKind::kLangString) return false;
  if (a.language.size() != b.language.size()) return false;
  for (std::size_t i = 0; i < a.language.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a.language[i])) != std::tolower(static_cast<unsigned char>(b.language[i])))
      return false;
  return true;
}

// A string result of the same kind (and language) as `like`.
Value StringLike(const Value& like, std::string text) {
  if (like.kind == ValueKind::kLangString) return Value::LangString(std::move(text), like.language);
  return Value::String(std::move(text));
}

double NumberAsDouble(const Value& v) {
  switch (v.kind) {
    case ValueKind::kInteger: return static_cast<double>(v.integer);
    case ValueKind::kDecimal: return v.decimal.ToDouble();
    default: return v.floating;
  }
}

}  // namespace

struct ExpressionEvaluator::Impl {
  QueryContext& ctx;
  VariableLayout layout;
  ExistsFunction exists;
  std::string base;
  Node root;
  Status init_status;
  Status fatal;
  absl::flat_hash_map<std::string, TermId> row_bnodes;  // BNODE(str) within the current row
  std::shared_ptr<BlankNodeScope> shared_bnodes;         // instead of row_bnodes when set
  std::optional<Value> now;

  Impl(QueryContext& c, const VariableLayout& l, ExistsFunction e, std::string b)
      : ctx(c), layout(l), exists(std::move(e)), base(std::move(b)) {}

  Node Compile(const Expression& e);
  void PrepareRegex(Node& node, std::size_t pattern_arg, std::size_t flags_arg);
  const CompiledRegex* Regex(Node& node, const Value& pattern, const std::optional<Value>& flags);

  std::optional<Value> Decode(TermId id) {
    auto v = DecodeValue(id, ctx);
    if (!v.ok()) {
      fatal = v.status();
      return std::nullopt;
    }
    return std::move(*v);
  }

  std::optional<TermId> EvalTerm(Node& node, Row row);
  std::optional<Value> EvalValue(Node& node, Row row);
  std::optional<bool> EvalEbv(Node& node, Row row);
  std::optional<bool> EvalPredicate(Node& node, Row row);
  std::optional<bool> EvalComparison(Node& node, Row row);
  std::optional<std::int64_t> InlineInteger(Node& node, Row row);
  std::optional<std::int64_t> InlineIntegerAtDepth(Node& node, Row row, int depth);
  std::optional<Value> EvalBuiltin(Node& node, Row row);
  std::optional<Value> EvalDateAccessor(Builtin op, const Value& v);
  std::optional<Value> EvalFunction(Node& node, Row row);

  void StartRow() {
    fatal = Status::OK();
    if (!row_bnodes.empty()) row_bnodes.clear();
  }
};

Node ExpressionEvaluator::Impl::Compile(const Expression& e) {
  Node node;
  node.kind = e.kind;
  node.op = e.builtin;
  switch (e.kind) {
    case Expression::Kind::kConstant: {
      node.id = ctx.Intern(e.constant);
      if (!node.id.is_none()) {
        auto v = DecodeValue(node.id, ctx);
        if (v.ok()) node.value = std::move(*v);
        else init_status = v.status();
      }
      break;
    }
    case Expression::Kind::kVariable: node.slot = layout.Find(e.variable.name); break;
    case Expression::Kind::kExists:
    case Expression::Kind::kNotExists: node.pattern = e.pattern.get(); break;
    case Expression::Kind::kFunction: node.cast = CastForFunctionIri(e.function_iri); break;
    case Expression::Kind::kBuiltin: break;
  }
  for (const auto& arg : e.args) node.args.push_back(arg ? Compile(*arg) : Node{});
  if (e.kind == Expression::Kind::kBuiltin && e.builtin == Builtin::kRegex) PrepareRegex(node, 1, 2);
  if (e.kind == Expression::Kind::kBuiltin && e.builtin == Builtin::kReplace) PrepareRegex(node, 1, 3);
  return node;
}

void ExpressionEvaluator::Impl::PrepareRegex(Node& node, std::size_t pattern_arg, std::size_t flags_arg) {
  if (node.args.size() <= pattern_arg) return;
  const Node& p = node.args[pattern_arg];
  if (p.kind != Expression::Kind::kConstant || !p.value || p.value->kind != ValueKind::kString) return;
  std::string flags;
  if (node.args.size() > flags_arg) {
    const Node& f = node.args[flags_arg];
    if (f.kind != Expression::Kind::kConstant || !f.value || f.value->kind != ValueKind::kString) return;
    flags = f.value->text;
  }
  node.regex_constant = true;
  node.regex = CompiledRegex::Compile(p.value->text, flags);  // nullopt: every row is an error
}

const CompiledRegex* ExpressionEvaluator::Impl::Regex(Node& node, const Value& pattern,
                                                       const std::optional<Value>& flags) {
  if (node.regex_constant) return node.regex ? &*node.regex : nullptr;
  std::string key = pattern.text;
  key += '\0';
  if (flags) key += flags->text;
  if (!node.regex || key != node.regex_key) {
    node.regex = CompiledRegex::Compile(pattern.text, flags ? std::string_view(flags->text) : std::string_view());
    node.regex_key = std::move(key);
  }
  return node.regex ? &*node.regex : nullptr;
}

std::optional<TermId> ExpressionEvaluator::Impl::EvalTerm(Node& node, Row row) {
  switch (node.kind) {
    case Expression::Kind::kVariable:
      if (!node.slot || *node.slot >= row.size() || row[*node.slot].is_none()) return std::nullopt;
      return row[*node.slot];
    case Expression::Kind::kConstant:
      if (node.id.is_none()) return std::nullopt;
      return node.id;
    case Expression::Kind::kExists:
    case Expression::Kind::kNotExists: {
      auto b = EvalPredicate(node, row);
      if (!b) return std::nullopt;
      return TermId::Make(TermTag::kBoolean, *b ? 1 : 0);
    }
    case Expression::Kind::kFunction: break;
    case Expression::Kind::kBuiltin:
      if (node.op == Builtin::kCoalesce) {
        for (auto& arg : node.args) {
          if (auto t = EvalTerm(arg, row)) return t;
          if (!fatal.ok()) return std::nullopt;
        }
        return std::nullopt;
      }
      if (node.op == Builtin::kIf && node.args.size() == 3) {
        auto cond = EvalEbv(node.args[0], row);
        if (!cond) return std::nullopt;
        return EvalTerm(node.args[*cond ? 1 : 2], row);
      }
      if (IsBooleanBuiltin(node.op)) {
        auto b = EvalPredicate(node, row);
        if (!b) return std::nullopt;
        return TermId::Make(TermTag::kBoolean, *b ? 1 : 0);
      }
      break;
  }
  auto v = EvalValue(node, row);
  if (!v) return std::nullopt;
  return EncodeValue(*v, ctx);
}

std::optional<Value> ExpressionEvaluator::Impl::EvalValue(Node& node, Row row) {
  switch (node.kind) {
    case Expression::Kind::kConstant: return node.value;
    case Expression::Kind::kVariable: {
      auto t = EvalTerm(node, row);
      if (!t) return std::nullopt;
      return Decode(*t);
    }
    case Expression::Kind::kExists:
    case Expression::Kind::kNotExists: {
      auto b = EvalPredicate(node, row);
      if (!b) return std::nullopt;
      return Value::Boolean(*b);
    }
    case Expression::Kind::kFunction: return EvalFunction(node, row);
    case Expression::Kind::kBuiltin:
      if (IsBooleanBuiltin(node.op)) {
        auto b = EvalPredicate(node, row);
        if (!b) return std::nullopt;
        return Value::Boolean(*b);
      }
      return EvalBuiltin(node, row);
  }
  return std::nullopt;
}

std::optional<bool> ExpressionEvaluator::Impl::EvalEbv(Node& node, Row row) {
  if (node.kind == Expression::Kind::kExists || node.kind == Expression::Kind::kNotExists ||
      (node.kind == Expression::Kind::kBuiltin && IsBooleanBuiltin(node.op)))
    return EvalPredicate(node, row);
  if (node.is_term()) {
    // Inline booleans, integers and short strings answer without decoding.
    auto t = EvalTerm(node, row);
    if (!t) return std::nullopt;
    if (t->tag() == TermTag::kBoolean) return t->payload() != 0;
    if (IsIntegerTag(t->tag())) return t->payload() != kIntegerBias;
    if (t->tag() == TermTag::kString) return t->payload() != 0;
    auto v = Decode(*t);
    if (!v) return std::nullopt;
    return EffectiveBooleanValue(*v);
  }
  auto v = EvalValue(node, row);
  if (!v) return std::nullopt;
  return EffectiveBooleanValue(*v);
}

// The value of an operand that is an inline integer term, or a sum or difference of such
// operands, without building Values (BSBM Q5's ?p < ?q + 120). Nullopt means "not this shape"
// (another type, an unbound variable, an error), never a result: the caller then takes the
// general path, which gives the exact answer or error. Inline integers lie in [-2^55, 2^55), so
// sums and differences of two of them cannot overflow int64; nesting is limited to keep that
// true (each level at most doubles the magnitude: 2^55 -> 2^57 after two levels).
std::optional<std::int64_t> ExpressionEvaluator::Impl::InlineInteger(Node& node, Row row) {
  return InlineIntegerAtDepth(node, row, 0);
}

std::optional<std::int64_t> ExpressionEvaluator::Impl::InlineIntegerAtDepth(Node& node, Row row, int depth) {
  if (node.is_term()) {
    TermId t;
    if (node.kind == Expression::Kind::kConstant) {
      t = node.id;
    } else {
      if (!node.slot || *node.slot >= row.size()) return std::nullopt;
      t = row[*node.slot];
    }
    if (!IsIntegerTag(t.tag())) return std::nullopt;
    return static_cast<std::int64_t>(t.payload()) - static_cast<std::int64_t>(kIntegerBias);
  }
  if (node.kind != Expression::Kind::kBuiltin || node.args.size() != 2 || depth >= 2) return std::nullopt;
  if (node.op != Builtin::kAdd && node.op != Builtin::kSubtract) return std::nullopt;
  auto a = InlineIntegerAtDepth(node.args[0], row, depth + 1);
  if (!a) return std::nullopt;
  auto b = InlineIntegerAtDepth(node.args[1], row, depth + 1);
  if (!b) return std::nullopt;
  return node.op == Builtin::kAdd ? *a + *b : *a - *b;
}

std::optional<bool> ExpressionEvaluator::Impl::EvalComparison(Node& node, Row row) {
  if (node.args.size() != 2) return std::nullopt;
  Node& left = node.args[0];
  Node& right = node.args[1];
  Builtin op = node.op;
  // Integers (and integer sums and differences) compare as int64 whatever their integer
  // subtypes: numeric promotion makes them all xsd:integer-valued.
  if (!left.is_term() || !right.is_term()) {
    if (auto p = InlineInteger(left, row)) {
      if (auto q = InlineInteger(right, row)) {
        switch (op) {
          case Builtin::kEqual: return *p == *q;
          case Builtin::kNotEqual: return *p != *q;
          case Builtin::kLess: return *p < *q;
          case Builtin::kGreater: return *p > *q;
          case Builtin::kLessOrEqual: return *p <= *q;
          default: return *p >= *q;
        }
      }
    }
  }
  std::optional<Value> a, b;
  if (left.is_term() && right.is_term()) {
    auto ta = EvalTerm(left, row), tb = EvalTerm(right, row);
    if (!ta || !tb) return std::nullopt;
    TermTag x = ta->tag(), y = tb->tag();
    // RDFterm-equal with an IRI or blank node on either side: equal only if the same term, and
    // equal terms have equal ids (QueryContext), so no dictionary lookup is needed.
    if ((op == Builtin::kEqual || op == Builtin::kNotEqual) && (!ta->is_literal() || !tb->is_literal()))
      return (*ta == *tb) == (op == Builtin::kEqual);
    // Inline payloads order values within a tag (and across the integer tags, which share one
    // encoding): compare them directly.
    if ((IsIntegerTag(x) && IsIntegerTag(y)) ||
        (x == y && (x == TermTag::kBoolean || x == TermTag::kDecimal || x == TermTag::kString))) {
      std::uint64_t p = ta->payload(), q = tb->payload();
      switch (op) {
        case Builtin::kEqual: return p == q;
        case Builtin::kNotEqual: return p != q;
        case Builtin::kLess: return p < q;
        case Builtin::kGreater: return p > q;
        case Builtin::kLessOrEqual: return p <= q;
        default: return p >= q;
      }
    }
    // dateTimes: the payload holds UTC milliseconds above the timezone code; it orders values
    // exactly when both or neither have a timezone (otherwise XSD's partial order applies).
    if (x == TermTag::kDateTime && y == TermTag::kDateTime &&
        ((ta->payload() & 127) == 0) == ((tb->payload() & 127) == 0)) {
      std::uint64_t p = ta->payload() >> 7, q = tb->payload() >> 7;
      switch (op) {
        case Builtin::kEqual: return p == q;
        case Builtin::kNotEqual: return p != q;
        case Builtin::kLess: return p < q;
        case Builtin::kGreater: return p > q;
        case Builtin::kLessOrEqual: return p <= q;
        default: return p >= q;
      }
    }
    if (*ta == *tb && x != TermTag::kDouble && x != TermTag::kFloat) {  // same term; NaN aside
      if (op == Builtin::kEqual) return true;
      if (op == Builtin::kNotEqual) return false;
    }
    a = left.kind == Expression::Kind::kConstant ? left.value : Decode(*ta);
    b = right.kind == Expression::Kind::kConstant ? right.value : Decode(*tb);
  } else {
    a = EvalValue(left, row);
    if (!a) return std::nullopt;
    b = EvalValue(right, row);
  }
  if (!a || !b) return std::nullopt;
  if (op == Builtin::kEqual || op == Builtin::kNotEqual) {
    auto eq = ValueEquals(*a, *b);
    if (!eq) return std::nullopt;
    return op == Builtin::kEqual ? *eq : !*eq;
  }
  auto order = ValueCompare(*a, *b);
  if (!order) return std::nullopt;
  if (*order == Ordering::kUnordered) return false;
  switch (op) {
    case Builtin::kLess: return *order == Ordering::kLess;
    case Builtin::kGreater: return *order == Ordering::kGreater;
    case Builtin::kLessOrEqual: return *order != Ordering::kGreater;
    default: return *order != Ordering::kLess;
  }
}

std::optional<bool> ExpressionEvaluator::Impl::EvalPredicate(Node& node, Row row) {
  if (node.kind == Expression::Kind::kExists || node.kind == Expression::Kind::kNotExists) {
    if (!exists || !node.pattern) {
      fatal = Status::InvalidArgument("EXISTS is not supported in this context");
      return std::nullopt;
    }
    auto r = exists(*node.pattern, row, layout);
    if (!r.ok()) {
      fatal = r.status();
      return std::nullopt;
    }
    return node.kind == Expression::Kind::kExists ? *r : !*r;
  }
  auto& args = node.args;
  auto arity = [&](std::size_t n) { return args.size() == n; };
  switch (node.op) {
    case Builtin::kOr: {
      if (!arity(2)) return std::nullopt;
      auto a = EvalEbv(args[0], row);
      if (a && *a) return true;
      auto b = EvalEbv(args[1], row);
      if (b && *b) return true;
      if (a && b) return false;
      return std::nullopt;
    }
    case Builtin::kAnd: {
      if (!arity(2)) return std::nullopt;
      auto a = EvalEbv(args[0], row);
      if (a && !*a) return false;
      auto b = EvalEbv(args[1], row);
      if (b && !*b) return false;
      if (a && b) return true;
      return std::nullopt;
    }
    case Builtin::kNot: {
      if (!arity(1)) return std::nullopt;
      auto a = EvalEbv(args[0], row);
      if (!a) return std::nullopt;
      return !*a;
    }
    case Builtin::kEqual: case Builtin::kNotEqual: case Builtin::kLess: case Builtin::kGreater:
    case Builtin::kLessOrEqual: case Builtin::kGreaterOrEqual:
      return EvalComparison(node, row);
    case Builtin::kIn:
    case Builtin::kNotIn: {
      if (args.empty()) return std::nullopt;
      auto lhs = EvalValue(args[0], row);
      if (!lhs) return std::nullopt;
      bool error = false;
      for (std::size_t i = 1; i < args.size(); ++i) {
        auto rhs = EvalValue(args[i], row);
        std::optional<bool> eq = rhs ? ValueEquals(*lhs, *rhs) : std::nullopt;
        if (!eq) error = true;
        else if (*eq) return node.op == Builtin::kIn;
      }
      if (error) return std::nullopt;
      return node.op == Builtin::kNotIn;
    }
    case Builtin::kBound:
      if (!arity(1) || args[0].kind != Expression::Kind::kVariable) return std::nullopt;
      return EvalTerm(args[0], row).has_value();
    case Builtin::kSameTerm: {
      if (!arity(2)) return std::nullopt;
      auto a = EvalTerm(args[0], row);
      if (!a) return std::nullopt;
      auto b = EvalTerm(args[1], row);
      if (!b) return std::nullopt;
      return *a == *b;
    }
    case Builtin::kIsIri:
    case Builtin::kIsBlank:
    case Builtin::kIsLiteral: {
      if (!arity(1)) return std::nullopt;
      auto t = EvalTerm(args[0], row);
      if (!t) return std::nullopt;
      if (node.op == Builtin::kIsIri) return t->is_iri();
      if (node.op == Builtin::kIsBlank) return t->is_blank();
      return t->is_literal();
    }
    case Builtin::kIsNumeric: {
      if (!arity(1)) return std::nullopt;
      auto t = EvalTerm(args[0], row);
      if (!t) return std::nullopt;
      if (IsNumericTag(t->tag())) return true;
      if (t->tag() != TermTag::kLiteral) return false;
      auto v = Decode(*t);
      if (!v) return std::nullopt;
      return v->is_numeric();
    }
    case Builtin::kLangMatches: {
      if (!arity(2)) return std::nullopt;
      auto a = EvalValue(args[0], row), b = EvalValue(args[1], row);
      if (!a || !b || a->kind != ValueKind::kString || b->kind != ValueKind::kString) return std::nullopt;
      return LangMatches(a->text, b->text);
    }
    case Builtin::kContains:
    case Builtin::kStrStarts:
    case Builtin::kStrEnds: {
      if (!arity(2)) return std::nullopt;
      auto a = EvalValue(args[0], row), b = EvalValue(args[1], row);
      if (!a || !b || !Compatible(*a, *b)) return std::nullopt;
      if (node.op == Builtin::kContains) return a->text.find(b->text) != std::string::npos;
      if (node.op == Builtin::kStrStarts) return a->text.starts_with(b->text);
      return a->text.ends_with(b->text);
    }
    case Builtin::kRegex: {
      if (args.size() != 2 && args.size() != 3) return std::nullopt;
      auto text = EvalValue(args[0], row);
      if (!text || !text->is_string_like()) return std::nullopt;
      auto pattern = node.regex_constant ? std::optional<Value>() : EvalValue(args[1], row);
      std::optional<Value> flags;
      if (!node.regex_constant) {
        if (!pattern || pattern->kind != ValueKind::kString) return std::nullopt;
        if (args.size() == 3) {
          flags = EvalValue(args[2], row);
          if (!flags || flags->kind != ValueKind::kString) return std::nullopt;
        }
      }
      const CompiledRegex* regex = node.regex_constant ? (node.regex ? &*node.regex : nullptr)
                                                       : Regex(node, *pattern, flags);
      if (!regex) return std::nullopt;
      return regex->Find(text->text);
    }
    default: return std::nullopt;
  }
}

std::optional<Value> ExpressionEvaluator::Impl::EvalFunction(Node& node, Row row) {
  // Extension functions Cairn does not know are errors; XSD constructors are casts.
  if (!node.cast || node.args.size() != 1) return std::nullopt;
  auto v = EvalValue(node.args[0], row);
  if (!v) return std::nullopt;
  return Cast(*node.cast, *v);
}

std::optional<Value> ExpressionEvaluator::Impl::EvalDateAccessor(Builtin op, const Value& v) {
  bool has_date = v.kind == ValueKind::kDateTime || v.kind == ValueKind::kDate;
  bool has_time = v.kind == ValueKind::kDateTime || v.kind == ValueKind::kTime;
  const DateTimeValue& dt = v.datetime;
  switch (op) {
    case Builtin::kYear: if (!has_date) return std::nullopt; return Value::Integer(dt.year);
    case Builtin::kMonth: if (!has_date) return std::nullopt; return Value::Integer(dt.month);
    case Builtin::kDay: if (!has_date) return std::nullopt; return Value::Integer(dt.day);
    case Builtin::kHours: if (!has_time) return std::nullopt; return Value::Integer(dt.hour);
    case Builtin::kMinutes: if (!has_time) return std::nullopt; return Value::Integer(dt.minute);
    case Builtin::kSeconds: if (!has_time) return std::nullopt; return Value::DecimalValue(dt.second);
    case Builtin::kTimezone: {
      if (!(has_date || has_time) || !dt.tz_minutes) return std::nullopt;
      int m = *dt.tz_minutes;
      Value out;
      out.kind = ValueKind::kDayTimeDuration;
      if (m == 0) {
        out.text = "PT0S";
      } else {
        int a = m < 0 ? -m : m;
        out.text = m < 0 ? "-PT" : "PT";
        if (a / 60) out.text += std::to_string(a / 60) + "H";
        if (a % 60) out.text += std::to_string(a % 60) + "M";
      }
      return out;
    }
    case Builtin::kTz:
      if (!(has_date || has_time)) return std::nullopt;
      return Value::String(dt.tz_minutes ? FormatTimezone(*dt.tz_minutes) : "");
    default: return std::nullopt;
  }
}

std::optional<Value> ExpressionEvaluator::Impl::EvalBuiltin(Node& node, Row row) {
  auto& args = node.args;
  auto arg = [&](std::size_t i) -> std::optional<Value> {
    if (i >= args.size()) return std::nullopt;
    return EvalValue(args[i], row);
  };
  switch (node.op) {
    case Builtin::kAdd: case Builtin::kSubtract: case Builtin::kMultiply: case Builtin::kDivide: {
      if (args.size() != 2) return std::nullopt;
      auto a = arg(0);
      if (!a) return std::nullopt;
      auto b = arg(1);
      if (!b) return std::nullopt;
      return Arithmetic(node.op, *a, *b);
    }
    case Builtin::kUnaryPlus: {
      auto a = arg(0);
      if (!a || !a->is_numeric()) return std::nullopt;
      return a;
    }
    case Builtin::kUnaryMinus: {
      auto a = arg(0);
      if (!a) return std::nullopt;
      return Negate(*a);
    }
    case Builtin::kStr: {
      auto a = arg(0);
      if (!a || a->kind == ValueKind::kBlank) return std::nullopt;
      if (a->kind == ValueKind::kIri || a->kind == ValueKind::kString) return Value::String(std::move(a->text));
      return Value::String(LexicalForm(*a));
    }
    case Builtin::kLang: {
      auto a = arg(0);
      if (!a || !a->is_literal()) return std::nullopt;
      return Value::String(a->language);
    }
    case Builtin::kDatatype: {
      auto a = arg(0);
      if (!a || !a->is_literal()) return std::nullopt;
      return Value::Iri(DatatypeOf(*a));
    }
    case Builtin::kIri: {
      auto a = arg(0);
      if (!a) return std::nullopt;
      if (a->kind == ValueKind::kIri) return a;
      if (a->kind != ValueKind::kString) return std::nullopt;
      auto iri = ResolveIri(base, a->text);
      if (!iri) return std::nullopt;
      return Value::Iri(std::move(*iri));
    }
    case Builtin::kBnode: {
      Value out;
      out.kind = ValueKind::kBlank;
      if (args.empty()) {
        out.id = ctx.FreshBlankNode();
        return out;
      }
      auto a = arg(0);
      if (!a || a->kind != ValueKind::kString) return std::nullopt;
      auto& table = shared_bnodes ? shared_bnodes->TableFor(row) : row_bnodes;
      auto [it, added] = table.try_emplace(a->text, TermId::None());
      if (added) it->second = ctx.FreshBlankNode();
      out.id = it->second;
      return out;
    }
    case Builtin::kRand: return Value::Double(std::uniform_real_distribution<double>(0.0, 1.0)(ctx.random()));
    case Builtin::kAbs: case Builtin::kCeil: case Builtin::kFloor: case Builtin::kRound: {
      auto a = arg(0);
      if (!a || !a->is_numeric()) return std::nullopt;
      switch (a->kind) {
        case ValueKind::kInteger:
          if (node.op == Builtin::kAbs && a->integer < 0) return Negate(*a);
          return Value::Integer(a->integer);
        case ValueKind::kDecimal: {
          Decimal d = a->decimal;
          Decimal r = node.op == Builtin::kAbs ? d.Abs() : node.op == Builtin::kCeil ? d.Ceil()
                      : node.op == Builtin::kFloor ? d.Floor() : d.Round();
          return Value::DecimalValue(r);
        }
        default: {
          double d = a->floating;
          double r = node.op == Builtin::kAbs ? std::fabs(d) : node.op == Builtin::kCeil ? std::ceil(d)
                     : node.op == Builtin::kFloor ? std::floor(d)
                     : (std::isfinite(d) ? std::copysign(std::floor(d + 0.5), d) : d);
          if (node.op == Builtin::kRound && std::isfinite(d) && r == 0 && d > 0) r = 0.0;
          if (a->kind == ValueKind::kFloat) return Value::Float(static_cast<float>(r));
          return Value::Double(r);
        }
      }
    }
    case Builtin::kConcat: {
      std::string text;
      std::optional<std::string> language;
      bool all_lang = true;
      for (std::size_t i = 0; i < args.size(); ++i) {
        auto a = arg(i);
        if (!a || !a->is_string_like()) return std::nullopt;
        text += a->text;
        if (a->kind != ValueKind::kLangString || (language && *language != a->language)) all_lang = false;
        else language = a->language;
      }
      if (all_lang && language) return Value::LangString(std::move(text), *language);
      return Value::String(std::move(text));
    }
    case Builtin::kSubstr: {
      if (args.size() != 2 && args.size() != 3) return std::nullopt;
      auto s = arg(0);
      if (!s || !s->is_string_like()) return std::nullopt;
      auto start = arg(1);
      if (!start || !start->is_numeric()) return std::nullopt;
      std::optional<double> length;
      if (args.size() == 3) {
        auto l = arg(2);
        if (!l || !l->is_numeric()) return std::nullopt;
        length = NumberAsDouble(*l);
      }
      return StringLike(*s, Substring(s->text, NumberAsDouble(*start), length));
    }
    case Builtin::kStrLen: {
      auto s = arg(0);
      if (!s || !s->is_string_like()) return std::nullopt;
      return Value::Integer(static_cast<Int128>(CodePointCount(s->text)));
    }
    case Builtin::kReplace: {
      if (args.size() != 3 && args.size() != 4) return std::nullopt;
      auto text = arg(0);
      if (!text || !text->is_string_like()) return std::nullopt;
      auto replacement = arg(2);
      if (!replacement || replacement->kind != ValueKind::kString) return std::nullopt;
      const CompiledRegex* regex = nullptr;
      if (node.regex_constant) {
        regex = node.regex ? &*node.regex : nullptr;
      } else {
        auto pattern = arg(1);
        if (!pattern || pattern->kind != ValueKind::kString) return std::nullopt;
        std::optional<Value> flags;
        if (args.size() == 4) {
          flags = arg(3);
          if (!flags || flags->kind != ValueKind::kString) return std::nullopt;
        }
        regex = Regex(node, *pattern, flags);
      }
      if (!regex) return std::nullopt;
      auto out = regex->ReplaceAll(text->text, replacement->text);
      if (!out) return std::nullopt;
      return StringLike(*text, std::move(*out));
    }
    case Builtin::kUCase:
    case Builtin::kLCase: {
      auto s = arg(0);
      if (!s || !s->is_string_like()) return std::nullopt;
      auto mapped = CaseMap(s->text, node.op == Builtin::kUCase);
      if (!mapped) return std::nullopt;
      return StringLike(*s, std::move(*mapped));
    }
    case Builtin::kEncodeForUri: {
      auto s = arg(0);
      if (!s || !s->is_string_like()) return std::nullopt;
      return Value::String(EncodeForUri(s->text));
    }
    case Builtin::kStrBefore:
    case Builtin::kStrAfter: {
      if (args.size() != 2) return std::nullopt;
      auto a = arg(0), b = arg(1);
      if (!a || !b || !Compatible(*a, *b)) return std::nullopt;
      auto pos = a->text.find(b->text);
      if (pos == std::string::npos) return Value::String("");
      if (node.op == Builtin::kStrBefore) return StringLike(*a, a->text.substr(0, pos));
      return StringLike(*a, a->text.substr(pos + b->text.size()));
    }
    case Builtin::kYear: case Builtin::kMonth: case Builtin::kDay: case Builtin::kHours:
    case Builtin::kMinutes: case Builtin::kSeconds: case Builtin::kTimezone: case Builtin::kTz: {
      auto a = arg(0);
      if (!a) return std::nullopt;
      return EvalDateAccessor(node.op, *a);
    }
    case Builtin::kNow: {
      if (!now) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(ctx.now().time_since_epoch()).count();
        std::int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
        std::int64_t in_day = ms - days * 86400000;
        Value v;
        v.kind = ValueKind::kDateTime;
        CivilFromDays(days, v.datetime.year, v.datetime.month, v.datetime.day);
        v.datetime.hour = static_cast<unsigned>(in_day / 3600000);
        v.datetime.minute = static_cast<unsigned>(in_day / 60000 % 60);
        v.datetime.second = Decimal::FromParts(in_day % 60000, 3);
        v.datetime.tz_minutes = 0;
        v.id = EncodeValue(v, ctx);
        now = std::move(v);
      }
      return now;
    }
    case Builtin::kUuid: return Value::Iri("urn:uuid:" + RandomUuid(ctx.random()));
    case Builtin::kStrUuid: return Value::String(RandomUuid(ctx.random()));
    case Builtin::kMd5: case Builtin::kSha1: case Builtin::kSha256: case Builtin::kSha384: case Builtin::kSha512: {
      auto s = arg(0);
      if (!s || s->kind != ValueKind::kString) return std::nullopt;
      auto hex = HexDigest(node.op, s->text);
      if (!hex) return std::nullopt;
      return Value::String(std::move(*hex));
    }
    case Builtin::kCoalesce:
      for (std::size_t i = 0; i < args.size(); ++i) {
        if (auto v = arg(i)) return v;
        if (!fatal.ok()) return std::nullopt;
      }
      return std::nullopt;
    case Builtin::kIf: {
      if (args.size() != 3) return std::nullopt;
      auto cond = EvalEbv(args[0], row);
      if (!cond) return std::nullopt;
      return arg(*cond ? 1 : 2);
    }
    case Builtin::kStrLang: {
      if (args.size() != 2) return std::nullopt;
      auto s = arg(0), lang = arg(1);
      if (!s || !lang || s->kind != ValueKind::kString || lang->kind != ValueKind::kString) return std::nullopt;
      if (!IsValidLanguageTag(lang->text)) return std::nullopt;
      return Value::LangString(std::move(s->text), std::move(lang->text));
    }
    case Builtin::kStrDt: {
      if (args.size() != 2) return std::nullopt;
      auto s = arg(0), dt = arg(1);
      if (!s || !dt || s->kind != ValueKind::kString || dt->kind != ValueKind::kIri) return std::nullopt;
      if (dt->text == vocab::rdf::kLangString) return std::nullopt;
      Term term = Term::Literal(std::move(s->text), std::move(dt->text));
      Value v = ValueFromTerm(term);
      v.id = ctx.Intern(term);  // keeps the lexical form exactly ("01"^^xsd:integer)
      return v;
    }
    case Builtin::kCastBoolean: case Builtin::kCastInteger: case Builtin::kCastDecimal: case Builtin::kCastDouble:
    case Builtin::kCastFloat: case Builtin::kCastString: case Builtin::kCastDateTime: {
      if (args.size() != 1) return std::nullopt;
      auto a = arg(0);
      if (!a) return std::nullopt;
      return Cast(node.op, *a);
    }
    default: return std::nullopt;
  }
}

ExpressionEvaluator::ExpressionEvaluator(ExprPtr expression, const VariableLayout& layout, QueryContext& context,
                                         ExistsFunction exists, std::string base_iri)
    : impl_(std::make_unique<Impl>(context, layout, std::move(exists), std::move(base_iri))) {
  if (expression) impl_->root = impl_->Compile(*expression);
}

ExpressionEvaluator::~ExpressionEvaluator() = default;
ExpressionEvaluator::ExpressionEvaluator(ExpressionEvaluator&&) noexcept = default;

void ExpressionEvaluator::ShareBlankNodes(std::shared_ptr<BlankNodeScope> scope) {
  impl_->shared_bnodes = std::move(scope);
}

absl::flat_hash_map<std::string, TermId>& BlankNodeScope::TableFor(std::span<const TermId> row) {
  bool extends = true;
  for (std::size_t i = 0; i < last_row_.size() && extends; ++i)
    extends = last_row_[i].is_none() || (i < row.size() && row[i] == last_row_[i]);
  if (!extends) table_.clear();
  last_row_.assign(row.begin(), row.end());
  return table_;
}

Result<std::optional<TermId>> ExpressionEvaluator::Evaluate(std::span<const TermId> row) {
  if (!impl_->init_status.ok()) return impl_->init_status;
  impl_->StartRow();
  auto t = impl_->EvalTerm(impl_->root, row);
  if (!impl_->fatal.ok()) return impl_->fatal;
  return t;
}

Result<std::optional<bool>> ExpressionEvaluator::EvaluateBoolean(std::span<const TermId> row) {
  if (!impl_->init_status.ok()) return impl_->init_status;
  impl_->StartRow();
  auto b = impl_->EvalEbv(impl_->root, row);
  if (!impl_->fatal.ok()) return impl_->fatal;
  return b;
}

}  // namespace cairn::sparql
