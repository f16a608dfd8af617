#include "sparql/eval/query_executor.h"

#include <absl/container/flat_hash_set.h>

#include <array>
#include <deque>

#include "sparql/eval/operators.h"
#include "sparql/eval/planner.h"

namespace cairn::sparql {
namespace {

class QueryResultsImpl final : public QueryResults {
 public:
  QueryResultsImpl(const Query& query, std::shared_ptr<const ReadView> view, const ExecuteOptions& options)
      : query_(query), context_(std::move(view), options.deadline, options.cancel) {}

  Status Prepare(const ExecuteOptions& options) {
    // Dataset: the protocol's graphs override the query's FROM / FROM NAMED.
    const std::vector<Term>* defaults = nullptr;
    const std::vector<Term>* named = nullptr;
    if (!options.default_graphs.empty() || !options.named_graphs.empty()) {
      defaults = &options.default_graphs;
      named = &options.named_graphs;
    } else if (query_.dataset.specified) {
      defaults = &query_.dataset.default_graphs;
      named = &query_.dataset.named_graphs;
    }
    if (defaults) {
      auto ids = [&](const std::vector<Term>& terms) {
        std::vector<TermId> out;
        for (const Term& t : terms) {
          TermId id = context_.Intern(t);
          if (!IsLocalId(id)) out.push_back(id);  // a graph the store lacks is empty
        }
        return out;
      };
      dataset_.default_graphs = ids(*defaults);
      dataset_.named_graphs = ids(*named);
    }
    if (!defaults && options.default_graph_only) {
      dataset_.default_graphs.emplace();
      for (const Term& t : *options.default_graph_only) {
        TermId id = context_.Intern(t);
        if (!IsLocalId(id)) dataset_.default_graphs->push_back(id);
      }
    }
    CollectVariables(*query_.pattern, layout_);
    for (const Variable& v : query_.result_variables) layout_.Add(v.name);
    for (const TriplePattern& t : query_.construct_template)
      for (const TermOrVariable* x : {&t.subject, &t.predicate, &t.object})
        if (auto* v = std::get_if<Variable>(x)) layout_.Add(v->name);
    for (const TermOrVariable& d : query_.describe)
      if (auto* v = std::get_if<Variable>(&d)) layout_.Add(v->name);
    planner_ = std::make_unique<Planner>(context_, layout_, dataset_, query_.base_iri, options.service);
    auto root = planner_->Plan(*query_.pattern, ActiveGraph{});
    if (!root.ok()) return root.status();
    root_ = std::move(root).value();
    for (const Variable& v : query_.result_variables) {
      variables_.push_back(v.name);
      result_slots_.push_back(*layout_.Find(v.name));
    }
    return root_->Open(Row(layout_.size()));
  }

  Query::Form form() const override { return query_.form; }
  const std::vector<std::string>& variables() const override { return variables_; }
  std::string Explain() const override { return root_ ? ExplainPlan(*root_) : ""; }

  Result<bool> NextSolution(std::vector<std::optional<Term>>& out) override {
    auto more = root_->Next(row_);
    if (!more.ok() || !*more) return more;
    out.assign(result_slots_.size(), std::nullopt);
    for (std::size_t i = 0; i < result_slots_.size(); ++i) {
      TermId id = row_[result_slots_[i]];
      if (id.is_none()) continue;
      auto term = context_.Decode(id);
      if (!term.ok()) return term.status();
      out[i] = std::move(term).value();
    }
    return true;
  }

  Result<bool> NextSolutionIds(std::vector<TermId>& out) override {
    auto more = root_->Next(row_);
    if (!more.ok() || !*more) return more;
    out.resize(result_slots_.size());
    for (std::size_t i = 0; i < result_slots_.size(); ++i) out[i] = row_[result_slots_[i]];
    return true;
  }

  Result<Term> DecodeId(TermId id) override { return context_.Decode(id); }

  Result<bool> Boolean() override { return root_->Next(row_); }

  Result<bool> NextTriple(Quad& triple) override {
    for (;;) {
      if (!pending_.empty()) {
        std::array<TermId, 3> ids = pending_.front();
        pending_.pop_front();
        Term* out[] = {&triple.subject, &triple.predicate, &triple.object};
        for (int i = 0; i < 3; ++i) {
          auto term = context_.Decode(ids[i]);
          if (!term.ok()) return term.status();
          *out[i] = std::move(term).value();
        }
        triple.graph = Term::DefaultGraph();
        return true;
      }
      auto more = root_->Next(row_);
      if (!more.ok()) return more.status();
      if (!*more) {
        if (query_.form == Query::Form::kDescribe && !described_constants_) {
          described_constants_ = true;
          for (const TermOrVariable& d : query_.describe)
            if (auto* t = std::get_if<Term>(&d)) CAIRN_RETURN_IF_ERROR(Describe(context_.Intern(*t)));
          if (!pending_.empty()) continue;
        }
        return false;
      }
      if (query_.form == Query::Form::kConstruct) {
        InstantiateTemplate();
      } else {
        CAIRN_RETURN_IF_ERROR(DescribeRow());
      }
    }
  }

 private:
  void Emit(TermId s, TermId p, TermId o) {
    if (seen_.insert({s.bits, p.bits, o.bits}).second) pending_.push_back({s, p, o});
  }

  // CONSTRUCT: template blank nodes are fresh per solution; triples with an unbound position or
  // an invalid term in a position (literal subject, non-IRI predicate) are left out (16.2).
  void InstantiateTemplate() {
    absl::flat_hash_map<std::string, TermId> blanks;
    auto value = [&](const TermOrVariable& t) -> TermId {
      if (auto* v = std::get_if<Variable>(&t)) return row_[*layout_.Find(v->name)];
      const Term& term = std::get<Term>(t);
      if (term.is_blank()) {
        auto [it, added] = blanks.try_emplace(term.value, TermId::None());
        if (added) it->second = context_.FreshBlankNode();
        return it->second;
      }
      return context_.Intern(term);
    };
    for (const TriplePattern& t : query_.construct_template) {
      TermId s = value(t.subject), p = value(t.predicate), o = value(t.object);
      if (s.is_none() || p.is_none() || o.is_none()) continue;
      if (s.is_literal() || !p.is_iri()) continue;
      Emit(s, p, o);
    }
  }

  Status DescribeRow() {
    for (const TermOrVariable& d : query_.describe) {
      if (auto* v = std::get_if<Variable>(&d)) {
        TermId id = row_[*layout_.Find(v->name)];
        if (!id.is_none()) CAIRN_RETURN_IF_ERROR(Describe(id));
      }
    }
    if (query_.describe.empty()) {  // DESCRIBE *
      for (std::size_t slot = 0; slot < layout_.size(); ++slot)
        if (!row_[slot].is_none() && layout_.name(slot).rfind("_:", 0) != 0) CAIRN_RETURN_IF_ERROR(Describe(row_[slot]));
    }
    return Status::OK();
  }

  // The concise bounded description of a resource in the query's default graph (the store's,
  // or the merge of FROM / default-graph-uri graphs): its triples, and recursively those of the
  // blank nodes they lead to.
  Status Describe(TermId resource) {
    if (resource.is_literal() || IsLocalId(resource) || !described_.insert(resource.bits).second) return Status::OK();
    std::vector<GraphSelector> graphs;
    if (dataset_.default_graphs) {
      for (TermId g : *dataset_.default_graphs) graphs.push_back(GraphSelector::One(g));
    } else {
      graphs.push_back(GraphSelector::Default());
    }
    std::deque<TermId> todo{resource};
    while (!todo.empty()) {
      TermId subject = todo.front();
      todo.pop_front();
      for (const GraphSelector& graph : graphs) {
        auto it = context_.view().Scan(QuadPattern{subject, {}, {}, graph});
        for (; it->Valid(); it->Next()) {
          CAIRN_RETURN_IF_ERROR(context_.CheckInterrupt());
          const QuadIds& q = it->quad();
          Emit(q.subject, q.predicate, q.object);
          if (q.object.is_blank() && described_.insert(q.object.bits).second) todo.push_back(q.object);
        }
        CAIRN_RETURN_IF_ERROR(it->status());
      }
    }
    return Status::OK();
  }

  Query query_;
  QueryContext context_;
  VariableLayout layout_;
  DatasetScope dataset_;
  std::unique_ptr<Planner> planner_;
  OperatorPtr root_;
  std::vector<std::string> variables_;
  std::vector<std::size_t> result_slots_;
  Row row_;
  std::deque<std::array<TermId, 3>> pending_;
  absl::flat_hash_set<std::array<std::uint64_t, 3>> seen_;
  absl::flat_hash_set<std::uint64_t> described_;
  bool described_constants_ = false;
};

}  // namespace

Result<std::unique_ptr<QueryResults>> ExecuteQuery(const Query& query, std::shared_ptr<const ReadView> view,
                                                   const ExecuteOptions& options) {
  if (!query.pattern) return Status::InvalidArgument("query has no pattern");
  auto results = std::make_unique<QueryResultsImpl>(query, std::move(view), options);
  CAIRN_RETURN_IF_ERROR(results->Prepare(options));
  return std::unique_ptr<QueryResults>(std::move(results));
}

}  // namespace cairn::sparql
