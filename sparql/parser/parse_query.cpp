// Query forms (SELECT, CONSTRUCT, DESCRIBE, ASK, SubSelect), dataset clauses, solution modifiers
// and their translation (18.2.4-18.2.5) with the static checks of 18.2.1 and 18.2.4.1; and the
// public entry point ParseQuery.
#include <set>

#include "sparql/parser/parser_internal.h"
#include "sparql/parser/sparql_parser.h"

namespace cairn::sparql::parser {
namespace {

std::shared_ptr<GraphPattern> NewPattern(GraphPattern::Kind kind, PatternPtr left) {
  auto p = std::make_shared<GraphPattern>();
  p->kind = kind;
  p->left = std::move(left);
  return p;
}

bool IsBlankVariable(const Variable& v) { return v.name.rfind("_:", 0) == 0; }

std::uint64_t ParseCount(Parser& parser, std::string_view what) {
  const Token& t = parser.Peek();
  if (t.kind != TokenKind::kInteger || t.signed_number) parser.Fail("a non-negative integer after " + std::string(what));
  std::uint64_t value = 0;
  for (char c : t.text) {
    std::uint64_t next = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (next / 10 != value) parser.FailAt(t.offset, std::string(what) + " value is too large");
    value = next;
  }
  parser.Advance();
  return value;
}

}  // namespace

// SelectClause ::= 'SELECT' ( 'DISTINCT' | 'REDUCED' )? ( ( Var | ( '(' Expression 'AS' Var ')' ) )+ | '*' )
SelectClause Parser::ParseSelectClause() {
  SelectClause s;
  s.offset = Peek().offset;
  ExpectWord("SELECT");
  if (AcceptWord("DISTINCT")) s.distinct = true;
  else if (AcceptWord("REDUCED")) s.reduced = true;
  if (IsPunct("*")) {
    s.offset = Advance().offset;  // errors about SELECT * point at the '*'
    s.star = true;
    return s;
  }
  while (true) {
    std::size_t at = Peek().offset;
    if (AtVar()) {
      s.items.push_back({ParseVar(), nullptr, at});
    } else if (AcceptPunct("(")) {
      aggregate_scope().allowed = true;
      ExprPtr e = ParseExpression();
      aggregate_scope().allowed = false;
      ExpectWord("AS");
      at = Peek().offset;
      Variable v = ParseVar();
      ExpectPunct(")");
      s.items.push_back({std::move(v), std::move(e), at});
    } else {
      if (s.items.empty()) Fail("a variable, '(' or '*' after SELECT");
      return s;
    }
  }
}

// SolutionModifier ::= GroupClause? HavingClause? OrderClause? LimitOffsetClauses?
SolutionModifiers Parser::ParseSolutionModifiers() {
  SolutionModifiers m;
  if (AcceptWord("GROUP")) {
    ExpectWord("BY");
    m.has_group_by = true;
    while (true) {
      SolutionModifiers::GroupKey key;
      if (AtVar()) {
        key.variable = ParseVar();
      } else if (AcceptPunct("(")) {
        key.expression = ParseExpression();
        if (AcceptWord("AS")) key.variable = ParseVar();
        ExpectPunct(")");
      } else if (AtBuiltinCall()) {
        key.expression = ParseBuiltinCall();
      } else if (AtIri()) {
        key.expression = ParseIriOrFunction(true);
      } else {
        if (m.group_by.empty()) Fail("a group condition after GROUP BY");
        break;
      }
      m.group_by.push_back(std::move(key));
    }
  }
  if (AcceptWord("HAVING")) {
    aggregate_scope().allowed = true;
    do {
      m.having.push_back(ParseConstraint());
    } while (IsPunct("(") || AtBuiltinCall() || AtIri());
    aggregate_scope().allowed = false;
  }
  if (AcceptWord("ORDER")) {
    ExpectWord("BY");
    aggregate_scope().allowed = true;
    while (true) {
      OrderCondition c;
      if (IsWord("ASC") || IsWord("DESC")) {
        c.descending = IsWord("DESC");
        ++pos_;
        c.expression = ParseBrackettedExpression();
      } else if (AtVar()) {
        c.expression = MakeVariableExpr(ParseVar());
      } else if (IsPunct("(") || AtBuiltinCall() || AtIri()) {
        c.expression = ParseConstraint();
      } else {
        if (m.order.empty()) Fail("an order condition after ORDER BY");
        break;
      }
      m.order.push_back(std::move(c));
    }
    aggregate_scope().allowed = false;
  }
  bool limit_done = false, offset_done = false;
  for (int i = 0; i < 2; ++i) {
    if (!limit_done && AcceptWord("LIMIT")) {
      m.limit = ParseCount(*this, "LIMIT");
      limit_done = true;
    } else if (!offset_done && AcceptWord("OFFSET")) {
      m.offset = ParseCount(*this, "OFFSET");
      offset_done = true;
    }
  }
  return m;
}

PatternPtr Parser::TranslateModifiers(PatternPtr where, const SelectClause* select, SolutionModifiers& mods,
                                      PatternPtr values, std::vector<Variable>* result_variables) {
  AggregateScope& scope = aggregate_scope();
  bool grouped = mods.has_group_by || !scope.aggregates.empty();
  std::vector<Variable> where_vars = InScopeVariables(*where);
  PatternPtr p = where;
  std::set<std::string> grouped_vars;
  if (grouped) {
    auto group = std::make_shared<GraphPattern>();
    group->kind = GraphPattern::Kind::kGroup;
    for (auto& key : mods.group_by) {
      if (!key.expression) {
        group->variables.push_back(key.variable);
        grouped_vars.insert(key.variable.name);
        continue;
      }
      Variable v = key.variable;
      if (v.name.empty()) v.name = "_:#" + std::to_string(fresh_counter_++);
      else grouped_vars.insert(v.name);
      p = MakeExtend(p, v, key.expression);
      group->variables.push_back(v);
    }
    group->left = p;
    group->aggregates = scope.aggregates;
    p = group;
  }
  if (!mods.having.empty()) {
    ExprPtr conj = mods.having[0];
    for (std::size_t i = 1; i < mods.having.size(); ++i) conj = MakeBuiltin(Builtin::kAnd, {conj, mods.having[i]});
    p = MakeFilter(conj, p);
  }
  if (values) p = MakeJoin(p, values);
  std::vector<Variable> projected;
  if (select) {
    if (select->star) {
      if (grouped) FailAt(select->offset, "SELECT * is not allowed with GROUP BY or aggregates");
      std::vector<Variable> all = where_vars;
      if (values)
        for (const auto& v : values->variables) all.push_back(v);
      std::set<std::string> seen;
      for (const auto& v : all)
        if (!IsBlankVariable(v) && seen.insert(v.name).second) projected.push_back(v);
    } else {
      std::set<std::string> in_scope;
      for (const auto& v : where_vars) in_scope.insert(v.name);
      if (values)
        for (const auto& v : values->variables) in_scope.insert(v.name);
      std::set<std::string> as_vars;
      for (const auto& item : select->items) {
        if (item.expression) {
          if (in_scope.count(item.variable.name) || as_vars.count(item.variable.name))
            FailAt(item.offset, "variable ?" + item.variable.name + " in (... AS ?" + item.variable.name +
                                    ") is already in scope");
          for (const auto& item2 : select->items)
            if (&item2 == &item) break;
            else if (item2.variable == item.variable)
              FailAt(item.offset, "variable ?" + item.variable.name + " is already projected");
          if (grouped) {
            std::vector<Variable> used;
            ExpressionVariables(*item.expression, used);
            for (const auto& u : used)
              if (!scope.aggregate_variables.count(u.name) && !grouped_vars.count(u.name) && !as_vars.count(u.name))
                FailAt(item.offset, "variable ?" + u.name + " is used in a SELECT expression but is not grouped");
          }
          p = MakeExtend(p, item.variable, item.expression);
          as_vars.insert(item.variable.name);
        } else if (grouped && !grouped_vars.count(item.variable.name) && !as_vars.count(item.variable.name)) {
          FailAt(item.offset, "variable ?" + item.variable.name + " is projected but is not grouped (GROUP BY)");
        }
        projected.push_back(item.variable);
      }
    }
  }
  if (!mods.order.empty()) {
    auto o = NewPattern(GraphPattern::Kind::kOrderBy, p);
    o->order = mods.order;
    p = o;
  }
  if (select) {
    auto pr = NewPattern(GraphPattern::Kind::kProject, p);
    pr->variables = projected;
    p = pr;
    if (select->distinct) p = NewPattern(GraphPattern::Kind::kDistinct, p);
    if (select->reduced) p = NewPattern(GraphPattern::Kind::kReduced, p);
  }
  if (mods.limit || mods.offset > 0) {
    auto s = NewPattern(GraphPattern::Kind::kSlice, p);
    s->offset = mods.offset;
    s->limit = mods.limit;
    p = s;
  }
  if (result_variables) *result_variables = std::move(projected);
  return p;
}

// SubSelect ::= SelectClause WhereClause SolutionModifier ValuesClause
PatternPtr Parser::ParseSubSelect() {
  aggregate_scopes_.emplace_back();
  SelectClause select = ParseSelectClause();
  AcceptWord("WHERE");
  PatternPtr where = ParseGroupGraphPattern();
  SolutionModifiers mods = ParseSolutionModifiers();
  PatternPtr values;
  if (AcceptWord("VALUES")) values = ParseDataBlock();
  PatternPtr p = TranslateModifiers(where, &select, mods, values, nullptr);
  aggregate_scopes_.pop_back();
  return p;
}

Query Parser::ParseQueryUnit() {
  ParsePrologue();
  Query q;
  auto dataset_clauses = [&] {
    while (AcceptWord("FROM")) {
      q.dataset.specified = true;
      if (AcceptWord("NAMED")) q.dataset.named_graphs.push_back(Term::Iri(ParseIri()));
      else q.dataset.default_graphs.push_back(Term::Iri(ParseIri()));
    }
  };
  auto where_clause = [&] {
    AcceptWord("WHERE");
    return ParseGroupGraphPattern();
  };
  auto trailing_values = [&]() -> PatternPtr {
    if (AcceptWord("VALUES")) return ParseDataBlock();
    return nullptr;
  };
  if (IsWord("SELECT")) {
    q.form = Query::Form::kSelect;
    SelectClause select = ParseSelectClause();
    dataset_clauses();
    PatternPtr where = where_clause();
    SolutionModifiers mods = ParseSolutionModifiers();
    PatternPtr values = trailing_values();
    q.pattern = TranslateModifiers(where, &select, mods, values, &q.result_variables);
  } else if (AcceptWord("CONSTRUCT")) {
    q.form = Query::Form::kConstruct;
    PatternPtr where;
    if (AcceptPunct("{")) {
      template_mode_ = true;
      q.construct_template = ParseTriplesTemplate("}");
      template_mode_ = false;
      ExpectPunct("}");
      dataset_clauses();
      where = where_clause();
    } else {
      // CONSTRUCT WHERE { TriplesTemplate }: the template is the pattern's BGP.
      dataset_clauses();
      ExpectWord("WHERE");
      ExpectPunct("{");
      block_id_ = next_block_id_++;
      std::vector<TriplePattern> triples = ParseTriplesTemplate("}");
      ExpectPunct("}");
      auto bgp = std::make_shared<GraphPattern>();
      bgp->kind = GraphPattern::Kind::kBgp;
      bgp->triples = triples;
      where = bgp;
      auto to_template = [](TermOrVariable& t) {
        if (auto* v = std::get_if<Variable>(&t); v && IsBlankVariable(*v)) {
          std::string label = v->name.substr(2);
          if (!label.empty() && label[0] == '#') label = "anon" + label.substr(1) + ".cairn";
          t = Term::BlankNode(label);
        }
      };
      for (auto& t : triples) {
        to_template(t.subject);
        to_template(t.predicate);
        to_template(t.object);
      }
      q.construct_template = std::move(triples);
    }
    SolutionModifiers mods = ParseSolutionModifiers();
    PatternPtr values = trailing_values();
    q.pattern = TranslateModifiers(where, nullptr, mods, values, nullptr);
  } else if (AcceptWord("DESCRIBE")) {
    q.form = Query::Form::kDescribe;
    if (!AcceptPunct("*")) {
      do {
        q.describe.push_back(ParseVarOrIri());
      } while (AtVar() || AtIri());
    }
    dataset_clauses();
    PatternPtr where = EmptyBgp();
    if (IsWord("WHERE") || IsPunct("{")) where = where_clause();
    SolutionModifiers mods = ParseSolutionModifiers();
    PatternPtr values = trailing_values();
    q.pattern = TranslateModifiers(where, nullptr, mods, values, nullptr);
  } else if (AcceptWord("ASK")) {
    q.form = Query::Form::kAsk;
    dataset_clauses();
    PatternPtr where = where_clause();
    SolutionModifiers mods = ParseSolutionModifiers();
    PatternPtr values = trailing_values();
    q.pattern = TranslateModifiers(where, nullptr, mods, values, nullptr);
  } else {
    Fail("SELECT, CONSTRUCT, DESCRIBE, ASK, BASE or PREFIX");
  }
  if (Peek().kind != TokenKind::kEnd) Fail("end of query");
  q.base_iri = base_;
  return q;
}

std::string PositionPrefix(std::string_view text, std::size_t original) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < original && i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
}

}  // namespace cairn::sparql::parser

namespace cairn::sparql {

Result<Query> ParseQuery(std::string_view text, std::string_view base_iri) {
  return parser::RunParser<Query>(text, base_iri, [](parser::Parser& p) { return p.ParseQueryUnit(); });
}

}  // namespace cairn::sparql
