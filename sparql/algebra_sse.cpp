// ToSse: the algebra in section 18's SSE-like notation, one line per nested operator; and updates.
#include <string>

#include "sparql/algebra.h"
#include "sparql/update.h"

namespace cairn::sparql {
namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

bool AllDigits(std::string_view s, bool allow_dot) {
  std::size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  bool digit = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') digit = true;
    else if (allow_dot && s[i] == '.' && !dot) dot = true;
    else return false;
  }
  return digit && (!allow_dot || dot) && s.back() != '.';
}

void AppendTerm(const Term& t, std::string& out) {
  if (t.is_literal() && t.language.empty() && t.datatype.size() > kXsd.size() &&
      t.datatype.compare(0, kXsd.size(), kXsd) == 0) {
    std::string_view local = std::string_view(t.datatype).substr(kXsd.size());
    if ((local == "integer" && AllDigits(t.value, false)) || (local == "decimal" && AllDigits(t.value, true)) ||
        (local == "boolean" && (t.value == "true" || t.value == "false"))) {
      out += t.value;
      return;
    }
  }
  if (t.is_default_graph()) {
    out += "default";
    return;
  }
  AppendNTriples(t, out);
}

void AppendNode(const TermOrVariable& t, std::string& out) {
  if (auto* v = std::get_if<Variable>(&t)) out += "?" + v->name;
  else AppendTerm(std::get<Term>(t), out);
}

const char* BuiltinName(Builtin b) {
  switch (b) {
    case Builtin::kOr: return "||";
    case Builtin::kAnd: return "&&";
    case Builtin::kEqual: return "=";
    case Builtin::kNotEqual: return "!=";
    case Builtin::kLess: return "<";
    case Builtin::kGreater: return ">";
    case Builtin::kLessOrEqual: return "<=";
    case Builtin::kGreaterOrEqual: return ">=";
    case Builtin::kIn: return "in";
    case Builtin::kNotIn: return "notin";
    case Builtin::kAdd: return "+";
    case Builtin::kSubtract: return "-";
    case Builtin::kMultiply: return "*";
    case Builtin::kDivide: return "/";
    case Builtin::kUnaryPlus: return "+";
    case Builtin::kUnaryMinus: return "-";
    case Builtin::kNot: return "!";
    case Builtin::kStr: return "str";
    case Builtin::kLang: return "lang";
    case Builtin::kLangMatches: return "langMatches";
    case Builtin::kDatatype: return "datatype";
    case Builtin::kBound: return "bound";
    case Builtin::kIri: return "iri";
    case Builtin::kBnode: return "bnode";
    case Builtin::kRand: return "rand";
    case Builtin::kAbs: return "abs";
    case Builtin::kCeil: return "ceil";
    case Builtin::kFloor: return "floor";
    case Builtin::kRound: return "round";
    case Builtin::kConcat: return "concat";
    case Builtin::kSubstr: return "substr";
    case Builtin::kStrLen: return "strlen";
    case Builtin::kReplace: return "replace";
    case Builtin::kUCase: return "ucase";
    case Builtin::kLCase: return "lcase";
    case Builtin::kEncodeForUri: return "encode_for_uri";
    case Builtin::kContains: return "contains";
    case Builtin::kStrStarts: return "strstarts";
    case Builtin::kStrEnds: return "strends";
    case Builtin::kStrBefore: return "strbefore";
    case Builtin::kStrAfter: return "strafter";
    case Builtin::kYear: return "year";
    case Builtin::kMonth: return "month";
    case Builtin::kDay: return "day";
    case Builtin::kHours: return "hours";
    case Builtin::kMinutes: return "minutes";
    case Builtin::kSeconds: return "seconds";
    case Builtin::kTimezone: return "timezone";
    case Builtin::kTz: return "tz";
    case Builtin::kNow: return "now";
    case Builtin::kUuid: return "uuid";
    case Builtin::kStrUuid: return "struuid";
    case Builtin::kMd5: return "md5";
    case Builtin::kSha1: return "sha1";
    case Builtin::kSha256: return "sha256";
    case Builtin::kSha384: return "sha384";
    case Builtin::kSha512: return "sha512";
    case Builtin::kCoalesce: return "coalesce";
    case Builtin::kIf: return "if";
    case Builtin::kStrLang: return "strlang";
    case Builtin::kStrDt: return "strdt";
    case Builtin::kSameTerm: return "sameTerm";
    case Builtin::kIsIri: return "isIRI";
    case Builtin::kIsBlank: return "isBlank";
    case Builtin::kIsLiteral: return "isLiteral";
    case Builtin::kIsNumeric: return "isNumeric";
    case Builtin::kRegex: return "regex";
    case Builtin::kCastBoolean: return "xsd:boolean";
    case Builtin::kCastInteger: return "xsd:integer";
    case Builtin::kCastDecimal: return "xsd:decimal";
    case Builtin::kCastDouble: return "xsd:double";
    case Builtin::kCastFloat: return "xsd:float";
    case Builtin::kCastString: return "xsd:string";
    case Builtin::kCastDateTime: return "xsd:dateTime";
  }
  return "?";
}

const char* AggregateName(Aggregate::Function f) {
  switch (f) {
    case Aggregate::Function::kCount: return "count";
    case Aggregate::Function::kSum: return "sum";
    case Aggregate::Function::kAvg: return "avg";
    case Aggregate::Function::kMin: return "min";
    case Aggregate::Function::kMax: return "max";
    case Aggregate::Function::kGroupConcat: return "group_concat";
    case Aggregate::Function::kSample: return "sample";
  }
  return "?";
}

void AppendPath(const PropertyPath& p, std::string& out) {
  using K = PropertyPath::Kind;
  auto unary = [&](const char* name) {
    out += std::string("(") + name + " ";
    AppendPath(*p.children[0], out);
    out += ")";
  };
  auto binary = [&](const char* name) {
    out += std::string("(") + name + " ";
    AppendPath(*p.children[0], out);
    out += " ";
    AppendPath(*p.children[1], out);
    out += ")";
  };
  switch (p.kind) {
    case K::kLink: AppendTerm(p.iri, out); return;
    case K::kInverse: unary("reverse"); return;
    case K::kSequence: binary("seq"); return;
    case K::kAlternative: binary("alt"); return;
    case K::kZeroOrMore: unary("path*"); return;
    case K::kOneOrMore: unary("path+"); return;
    case K::kZeroOrOne: unary("path?"); return;
    case K::kNegatedSet:
      out += "(notoneof";
      for (const auto& i : p.iris) {
        out += " ";
        AppendTerm(i, out);
      }
      for (const auto& i : p.inverse_iris) {
        out += " (reverse ";
        AppendTerm(i, out);
        out += ")";
      }
      out += ")";
      return;
  }
}

void AppendPattern(const GraphPattern& p, int indent, bool multiline, std::string& out);

void AppendExpression(const Expression& e, std::string& out) {
  using K = Expression::Kind;
  switch (e.kind) {
    case K::kConstant: AppendTerm(e.constant, out); return;
    case K::kVariable: out += "?" + e.variable.name; return;
    case K::kBuiltin:
    case K::kFunction:
      out += "(";
      if (e.kind == K::kBuiltin) {
        out += BuiltinName(e.builtin);
      } else {
        out += "<" + e.function_iri + ">";
      }
      for (const auto& a : e.args) {
        out += " ";
        AppendExpression(*a, out);
      }
      out += ")";
      return;
    case K::kExists:
    case K::kNotExists:
      out += e.kind == K::kExists ? "(exists " : "(notexists ";
      AppendPattern(*e.pattern, 0, false, out);
      out += ")";
      return;
  }
}

void AppendAggregate(const Aggregate& a, std::string& out) {
  out += "(";
  out += AggregateName(a.function);
  if (a.distinct) out += " distinct";
  if (a.expression) {
    out += " ";
    AppendExpression(*a.expression, out);
  }
  if (a.function == Aggregate::Function::kGroupConcat && a.separator != " ") {
    out += " ";
    out += "\"";
    AppendEscapedString(a.separator, out);
    out += "\"";
  }
  out += ")";
}

void AppendVars(const std::vector<Variable>& vars, std::string& out) {
  out += "(";
  for (std::size_t i = 0; i < vars.size(); ++i) out += (i ? " ?" : "?") + vars[i].name;
  out += ")";
}

void AppendPattern(const GraphPattern& p, int indent, bool multiline, std::string& out) {
  using K = GraphPattern::Kind;
  auto child = [&](const GraphPattern& c) {
    if (multiline) {
      out += "\n";
      out.append(static_cast<std::size_t>(indent + 2), ' ');
    } else {
      out += " ";
    }
    AppendPattern(c, indent + 2, multiline, out);
  };
  auto expr_line = [&](const Expression& e) {
    if (multiline) {
      out += "\n";
      out.append(static_cast<std::size_t>(indent + 2), ' ');
    } else {
      out += " ";
    }
    AppendExpression(e, out);
  };
  switch (p.kind) {
    case K::kBgp:
      out += "(bgp";
      for (const auto& t : p.triples) {
        out += " (triple ";
        AppendNode(t.subject, out);
        out += " ";
        AppendNode(t.predicate, out);
        out += " ";
        AppendNode(t.object, out);
        out += ")";
      }
      out += ")";
      return;
    case K::kPath:
      out += "(path ";
      AppendNode(p.path_subject, out);
      out += " ";
      AppendPath(*p.path, out);
      out += " ";
      AppendNode(p.path_object, out);
      out += ")";
      return;
    case K::kJoin: out += "(join"; child(*p.left); child(*p.right); break;
    case K::kLeftJoin:
      out += "(leftjoin";
      child(*p.left);
      child(*p.right);
      if (p.expression) expr_line(*p.expression);
      break;
    case K::kFilter:
      out += "(filter ";
      AppendExpression(*p.expression, out);
      child(*p.left);
      break;
    case K::kUnion: out += "(union"; child(*p.left); child(*p.right); break;
    case K::kMinus: out += "(minus"; child(*p.left); child(*p.right); break;
    case K::kGraph:
      out += "(graph ";
      AppendNode(p.name, out);
      child(*p.left);
      break;
    case K::kService:
      out += p.silent ? "(service silent " : "(service ";
      AppendNode(p.name, out);
      child(*p.left);
      break;
    case K::kExtend:
      out += "(extend ((?" + p.variable.name + " ";
      AppendExpression(*p.expression, out);
      out += "))";
      child(*p.left);
      break;
    case K::kValues:
      out += "(table (vars";
      for (const auto& v : p.variables) out += " ?" + v.name;
      out += ")";
      for (const auto& row : p.rows) {
        out += " (row";
        for (std::size_t i = 0; i < row.size() && i < p.variables.size(); ++i) {
          if (!row[i]) continue;
          out += " [?" + p.variables[i].name + " ";
          AppendTerm(*row[i], out);
          out += "]";
        }
        out += ")";
      }
      out += ")";
      return;
    case K::kGroup:
      out += "(group ";
      AppendVars(p.variables, out);
      out += " (";
      for (std::size_t i = 0; i < p.aggregates.size(); ++i) {
        out += i ? " (?" : "(?";
        out += p.aggregates[i].first.name + " ";
        AppendAggregate(p.aggregates[i].second, out);
        out += ")";
      }
      out += ")";
      child(*p.left);
      break;
    case K::kOrderBy:
      out += "(order (";
      for (std::size_t i = 0; i < p.order.size(); ++i) {
        if (i) out += " ";
        if (p.order[i].descending) out += "(desc ";
        AppendExpression(*p.order[i].expression, out);
        if (p.order[i].descending) out += ")";
      }
      out += ")";
      child(*p.left);
      break;
    case K::kProject:
      out += "(project ";
      AppendVars(p.variables, out);
      child(*p.left);
      break;
    case K::kDistinct: out += "(distinct"; child(*p.left); break;
    case K::kReduced: out += "(reduced"; child(*p.left); break;
    case K::kSlice:
      out += "(slice " + std::to_string(p.offset) + " " + (p.limit ? std::to_string(*p.limit) : std::string("_"));
      child(*p.left);
      break;
  }
  out += ")";
}

}  // namespace

std::string ToSse(const Expression& expression) {
  std::string out;
  AppendExpression(expression, out);
  return out;
}

std::string ToSse(const GraphPattern& pattern) {
  std::string out;
  AppendPattern(pattern, 0, true, out);
  return out;
}

std::string ToSse(const Query& query) {
  std::string out;
  switch (query.form) {
    case Query::Form::kSelect:
      out += "(select ";
      AppendVars(query.result_variables, out);
      break;
    case Query::Form::kConstruct:
      out += "(construct (";
      for (std::size_t i = 0; i < query.construct_template.size(); ++i) {
        const auto& t = query.construct_template[i];
        out += i ? " (triple " : "(triple ";
        AppendNode(t.subject, out);
        out += " ";
        AppendNode(t.predicate, out);
        out += " ";
        AppendNode(t.object, out);
        out += ")";
      }
      out += ")";
      break;
    case Query::Form::kDescribe:
      out += "(describe (";
      for (std::size_t i = 0; i < query.describe.size(); ++i) {
        if (i) out += " ";
        AppendNode(query.describe[i], out);
      }
      out += ")";
      break;
    case Query::Form::kAsk: out += "(ask"; break;
  }
  if (query.dataset.specified) {
    for (const auto& g : query.dataset.default_graphs) out += " (from <" + g.value + ">)";
    for (const auto& g : query.dataset.named_graphs) out += " (from_named <" + g.value + ">)";
  }
  if (query.pattern) {
    out += "\n  ";
    AppendPattern(*query.pattern, 2, true, out);
  }
  out += ")";
  return out;
}

namespace {

void AppendQuad(const TermOrVariable& s, const TermOrVariable& p, const TermOrVariable& o,
                const std::optional<TermOrVariable>& g, std::string& out) {
  out += "(quad ";
  if (g) AppendNode(*g, out);
  else out += "default";
  out += " ";
  AppendNode(s, out);
  out += " ";
  AppendNode(p, out);
  out += " ";
  AppendNode(o, out);
  out += ")";
}

void AppendGraphTarget(const GraphTarget& t, std::string& out) {
  switch (t.kind) {
    case GraphTarget::Kind::kDefault: out += "default"; return;
    case GraphTarget::Kind::kNamed: out += "named"; return;
    case GraphTarget::Kind::kAll: out += "all"; return;
    case GraphTarget::Kind::kGraph: AppendTerm(t.graph, out); return;
  }
}

void AppendTemplate(const char* name, const std::vector<QuadTemplate>& quads, int indent, std::string& out) {
  out += "\n";
  out.append(static_cast<std::size_t>(indent), ' ');
  out += std::string("(") + name;
  for (const auto& q : quads) {
    out += " ";
    AppendQuad(q.subject, q.predicate, q.object, q.graph, out);
  }
  out += ")";
}

// (insertdata quad...), (deletedata quad...), (deletewhere quad... pattern),
// (modify (with g)? (using g)* (using_named g)* (delete quad...)? (insert quad...)? pattern),
// (load silent? source destination?), (clear|drop silent? default|named|all|<g>),
// (create silent? <g>), (add|move|copy silent? from to).
void AppendOperation(const UpdateOperation& op, int indent, std::string& out) {
  using K = UpdateOperation::Kind;
  const char* silent = op.silent ? " silent" : "";
  switch (op.kind) {
    case K::kInsertData:
    case K::kDeleteData:
      out += op.kind == K::kInsertData ? "(insertdata" : "(deletedata";
      for (const auto& q : op.data) {
        out += " ";
        std::optional<TermOrVariable> g;
        if (!q.graph.is_default_graph()) g = q.graph;
        AppendQuad(q.subject, q.predicate, q.object, g, out);
      }
      out += ")";
      return;
    case K::kDeleteInsert:
      if (op.delete_where) {
        out += "(deletewhere";
        for (const auto& q : op.delete_template) {
          out += " ";
          AppendQuad(q.subject, q.predicate, q.object, q.graph, out);
        }
      } else {
        out += "(modify";
        if (op.with_graph) {
          out += " (with ";
          AppendTerm(*op.with_graph, out);
          out += ")";
        }
        for (const auto& g : op.using_dataset.default_graphs) {
          out += " (using ";
          AppendTerm(g, out);
          out += ")";
        }
        for (const auto& g : op.using_dataset.named_graphs) {
          out += " (using_named ";
          AppendTerm(g, out);
          out += ")";
        }
        if (!op.delete_template.empty()) AppendTemplate("delete", op.delete_template, indent + 2, out);
        if (!op.insert_template.empty()) AppendTemplate("insert", op.insert_template, indent + 2, out);
      }
      if (op.where) {
        out += "\n";
        out.append(static_cast<std::size_t>(indent + 2), ' ');
        AppendPattern(*op.where, indent + 2, true, out);
      }
      out += ")";
      return;
    case K::kLoad:
      out += std::string("(load") + silent + " ";
      AppendTerm(op.source, out);
      if (op.destination) {
        out += " ";
        AppendTerm(*op.destination, out);
      }
      out += ")";
      return;
    case K::kClear:
    case K::kDrop:
    case K::kCreate:
      out += op.kind == K::kClear ? "(clear" : op.kind == K::kDrop ? "(drop" : "(create";
      out += std::string(silent) + " ";
      AppendGraphTarget(op.target, out);
      out += ")";
      return;
    case K::kAdd:
    case K::kMove:
    case K::kCopy:
      out += op.kind == K::kAdd ? "(add" : op.kind == K::kMove ? "(move" : "(copy";
      out += std::string(silent) + " ";
      AppendGraphTarget(op.from, out);
      out += " ";
      AppendGraphTarget(op.to, out);
      out += ")";
      return;
  }
}

}  // namespace

std::string ToSse(const UpdateOperation& operation) {
  std::string out;
  AppendOperation(operation, 0, out);
  return out;
}

std::string ToSse(const Update& update) {
  std::string out = "(update";
  for (const auto& op : update.operations) {
    out += "\n  ";
    AppendOperation(op, 2, out);
  }
  out += ")";
  return out;
}

}  // namespace cairn::sparql
