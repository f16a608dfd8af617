// Shared helpers for the expression tests: a real (empty) store, expression builders and a
// terse printer for results ("3"^^xsd:integer, "a"@en, <iri>, error).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sparql/expression/expression_evaluator.h"
#include "storage/quad_store.h"
#include "tests/test_util.h"

namespace cairn::sparql::testing {

inline const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";

inline Term Int(const std::string& lex) { return Term::Literal(lex, kXsd + "integer"); }
inline Term Dec(const std::string& lex) { return Term::Literal(lex, kXsd + "decimal"); }
inline Term Dbl(const std::string& lex) { return Term::Literal(lex, kXsd + "double"); }
inline Term Flt(const std::string& lex) { return Term::Literal(lex, kXsd + "float"); }
inline Term Bool(bool b) { return Term::Literal(b ? "true" : "false", kXsd + "boolean"); }
inline Term Str(const std::string& lex) { return Term::Literal(lex, ""); }
inline Term Lang(const std::string& lex, const std::string& lang) { return Term::LangLiteral(lex, lang); }
inline Term Typed(const std::string& lex, const std::string& xsd_local) { return Term::Literal(lex, kXsd + xsd_local); }
inline Term DT(const std::string& lex) { return Term::Literal(lex, kXsd + "dateTime"); }
inline Term IriT(const std::string& iri) { return Term::Iri(iri); }

inline ExprPtr C(Term t) {
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kConstant;
  e->constant = std::move(t);
  return e;
}
inline ExprPtr V(const std::string& name) {
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kVariable;
  e->variable.name = name;
  return e;
}
inline ExprPtr F(Builtin b, std::vector<ExprPtr> args = {}) {
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kBuiltin;
  e->builtin = b;
  e->args = std::move(args);
  return e;
}
inline ExprPtr Fn(const std::string& iri, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expression>();
  e->kind = Expression::Kind::kFunction;
  e->function_iri = iri;
  e->args = std::move(args);
  return e;
}

// "lex" / "lex"^^xsd:type / "lex"@lang / <iri> / _:b / unbound
inline std::string Show(const Term& t) {
  switch (t.kind) {
    case TermKind::kIri: return "<" + t.value + ">";
    case TermKind::kBlankNode: return "_:b";
    case TermKind::kDefaultGraph: return "default";
    case TermKind::kLiteral: break;
  }
  std::string out = "\"" + t.value + "\"";
  if (!t.language.empty()) return out + "@" + t.language;
  if (t.datatype == kXsd + "string") return out;
  if (t.datatype.rfind(kXsd, 0) == 0) return out + "^^xsd:" + t.datatype.substr(kXsd.size());
  return out + "^^<" + t.datatype + ">";
}

class Env {
 public:
  Env() {
    auto store = QuadStore::Open(dir_.path(), StoreOptions{});
    REQUIRE(store.ok());
    store_ = std::move(*store);
    ctx_ = std::make_unique<QueryContext>(store_->Snapshot());
  }
  QueryContext& ctx() { return *ctx_; }
  TermId Id(const Term& t) { return ctx_->Intern(t); }
  Term Decode(TermId id) {
    auto t = ctx_->Decode(id);
    REQUIRE(t.ok());
    return *t;
  }

  // Evaluates with variables bound as given; "error" when the result is an error.
  std::string Eval(const ExprPtr& e, const std::vector<std::pair<std::string, Term>>& bindings = {},
                   std::string base = {}) {
    auto id = EvalId(e, bindings, std::move(base));
    if (!id) return "error";
    return Show(Decode(*id));
  }
  std::optional<TermId> EvalId(const ExprPtr& e, const std::vector<std::pair<std::string, Term>>& bindings = {},
                               std::string base = {}) {
    VariableLayout layout;
    std::vector<TermId> row;
    for (const auto& [name, term] : bindings) {
      layout.Add(name);
      row.push_back(Id(term));
    }
    ExpressionEvaluator ev(e, layout, *ctx_, nullptr, std::move(base));
    auto r = ev.Evaluate(row);
    REQUIRE(r.ok());
    return *r;
  }
  // "true" / "false" / "error"
  std::string Ebv(const ExprPtr& e, const std::vector<std::pair<std::string, Term>>& bindings = {}) {
    VariableLayout layout;
    std::vector<TermId> row;
    for (const auto& [name, term] : bindings) {
      layout.Add(name);
      row.push_back(Id(term));
    }
    ExpressionEvaluator ev(e, layout, *ctx_);
    auto r = ev.EvaluateBoolean(row);
    REQUIRE(r.ok());
    if (!*r) return "error";
    return **r ? "true" : "false";
  }

 private:
  cairn::testing::TempDir dir_;
  std::unique_ptr<QuadStore> store_;
  std::unique_ptr<QueryContext> ctx_;
};

}  // namespace cairn::sparql::testing
