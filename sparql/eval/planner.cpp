#include "sparql/eval/planner.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <set>

#include "sparql/eval/operators.h"
#include "sparql/eval/pattern_scan.h"
#include "sparql/eval/subject_star_cache.h"

namespace cairn::sparql {

namespace {
void AddTermOrVariable(const TermOrVariable& t, VariableLayout& layout) {
  if (auto* v = std::get_if<Variable>(&t)) layout.Add(v->name);
}

std::string ShortTerm(const TermOrVariable& t) {
  if (auto* v = std::get_if<Variable>(&t)) return "?" + v->name;
  return ToNTriples(std::get<Term>(t));
}
void ExpressionVariables(const Expression& e, std::set<std::string>& out, bool& has_exists) {
  if (e.kind == Expression::Kind::kVariable) out.insert(e.variable.name);
  if (e.kind == Expression::Kind::kExists || e.kind == Expression::Kind::kNotExists) has_exists = true;
  for (const ExprPtr& arg : e.args)
    if (arg) ExpressionVariables(*arg, out, has_exists);
}

void PatternVariables(const TermOrVariable& t, std::set<std::string>& out) {
  if (auto* v = std::get_if<Variable>(&t)) out.insert(v->name);
}

// Variables bound in every solution of a pattern (a conservative answer: empty when unsure).
std::set<std::string> CertainVariables(const GraphPattern& p) {
  using Kind = GraphPattern::Kind;
  std::set<std::string> out;
  switch (p.kind) {
    case Kind::kBgp:
      for (const TriplePattern& t : p.triples) {
        PatternVariables(t.subject, out);
        PatternVariables(t.predicate, out);
        PatternVariables(t.object, out);
      }
      break;
    case Kind::kJoin: {
      out = CertainVariables(*p.left);
      auto right = CertainVariables(*p.right);
      out.insert(right.begin(), right.end());
      break;
    }
    case Kind::kLeftJoin:
    case Kind::kMinus:
    case Kind::kFilter: out = CertainVariables(*p.left); break;
    case Kind::kUnion: {
      auto left = CertainVariables(*p.left), right = CertainVariables(*p.right);
      std::set_intersection(left.begin(), left.end(), right.begin(), right.end(), std::inserter(out, out.end()));
      break;
    }
    case Kind::kGraph:
      out = CertainVariables(*p.left);
      PatternVariables(p.name, out);
      break;
    default: break;
  }
  return out;
}

bool Covers(const std::set<std::string>& bound, const std::set<std::string>& needed) {
  return std::includes(bound.begin(), bound.end(), needed.begin(), needed.end());
}

// Filter(conjunct, p) with the conjunct moved as deep as it can go, or nullptr if it cannot
// move into p at all.
PatternPtr PushInto(const PatternPtr& p, const ExprPtr& conjunct, const std::set<std::string>& vars) {
  using Kind = GraphPattern::Kind;
  auto wrap = [&](const PatternPtr& inner) {
    auto f = std::make_shared<GraphPattern>();
    f->kind = Kind::kFilter;
    f->expression = conjunct;
    f->left = inner;
    return PatternPtr(f);
  };
  switch (p->kind) {
    case Kind::kBgp:
      return Covers(CertainVariables(*p), vars) ? wrap(p) : nullptr;
    case Kind::kFilter: {
      PatternPtr inner = PushInto(p->left, conjunct, vars);
      if (!inner) return nullptr;
      auto copy = std::make_shared<GraphPattern>(*p);
      copy->left = inner;
      return copy;
    }
    case Kind::kJoin:
    case Kind::kLeftJoin:
    case Kind::kMinus: {
      if (!Covers(CertainVariables(*p->left), vars)) {
        if (p->kind != Kind::kJoin || !Covers(CertainVariables(*p->right), vars)) return nullptr;
        auto copy = std::make_shared<GraphPattern>(*p);
        PatternPtr inner = PushInto(p->right, conjunct, vars);
        copy->right = inner ? inner : wrap(p->right);
        return copy;
      }
      auto copy = std::make_shared<GraphPattern>(*p);
      PatternPtr inner = PushInto(p->left, conjunct, vars);
      copy->left = inner ? inner : wrap(p->left);
      return copy;
    }
    default:
      return nullptr;
  }
}

void SplitConjunction(const ExprPtr& e, std::vector<ExprPtr>& out) {
  if (e->kind == Expression::Kind::kBuiltin && e->builtin == Builtin::kAnd && e->args.size() == 2) {
    SplitConjunction(e->args[0], out);
    SplitConjunction(e->args[1], out);
  } else {
    out.push_back(e);
  }
}

}  // namespace

void CollectVariables(const Expression& e, VariableLayout& layout) {
  if (e.kind == Expression::Kind::kVariable) layout.Add(e.variable.name);
  for (const ExprPtr& arg : e.args)
    if (arg) CollectVariables(*arg, layout);
  if (e.pattern) CollectVariables(*e.pattern, layout);
}

void CollectVariables(const GraphPattern& p, VariableLayout& layout) {
  for (const TriplePattern& t : p.triples) {
    AddTermOrVariable(t.subject, layout);
    AddTermOrVariable(t.predicate, layout);
    AddTermOrVariable(t.object, layout);
  }
  if (p.kind == GraphPattern::Kind::kPath) {
    AddTermOrVariable(p.path_subject, layout);
    AddTermOrVariable(p.path_object, layout);
  }
  if (p.kind == GraphPattern::Kind::kGraph || p.kind == GraphPattern::Kind::kService) AddTermOrVariable(p.name, layout);
  if (p.kind == GraphPattern::Kind::kExtend) layout.Add(p.variable.name);
  for (const Variable& v : p.variables) layout.Add(v.name);
  for (const auto& [v, aggregate] : p.aggregates) {
    layout.Add(v.name);
    if (aggregate.expression) CollectVariables(*aggregate.expression, layout);
  }
  for (const OrderCondition& c : p.order)
    if (c.expression) CollectVariables(*c.expression, layout);
  if (p.expression) CollectVariables(*p.expression, layout);
  if (p.left) CollectVariables(*p.left, layout);
  if (p.right) CollectVariables(*p.right, layout);
}

namespace {
// A zero-length path (?, *) matches every node of the graph when both ends are free, but a bound
// end matches itself even outside the graph: substituting a binding is not a join there.
bool CanBeZeroLength(const PropertyPath& path) {
  using PK = PropertyPath::Kind;
  if (path.kind == PK::kZeroOrMore || path.kind == PK::kZeroOrOne) return true;
  for (const PathPtr& child : path.children)
    if (CanBeZeroLength(*child)) return true;
  return false;
}

// Patterns whose every solution comes from scans of the active graph (so scans can bind a
// GRAPH variable themselves).
bool IsScanOnly(const GraphPattern& p) {
  using Kind = GraphPattern::Kind;
  switch (p.kind) {
    case Kind::kBgp: return !p.triples.empty();
    case Kind::kPath: return !CanBeZeroLength(*p.path);
    case Kind::kUnion:
    case Kind::kJoin: return IsScanOnly(*p.left) && IsScanOnly(*p.right);
    default: return false;
  }
}
}  // namespace

bool IsSimplePattern(const GraphPattern& p) {
  using Kind = GraphPattern::Kind;
  switch (p.kind) {
    case Kind::kBgp:
    case Kind::kValues:
    // ServiceOp fetches its pattern unsubstituted and joins the rows with its input, so a bind
    // join is exact, and it is what lets SERVICE ?var see the binding from the left.
    case Kind::kService: return true;
    case Kind::kPath: return !CanBeZeroLength(*p.path);
    case Kind::kUnion:
    case Kind::kJoin: return IsSimplePattern(*p.left) && IsSimplePattern(*p.right);
    case Kind::kGraph: return IsSimplePattern(*p.left);
    default: return false;
  }
}

PatternPosition Planner::Position(const TermOrVariable& t) {
  if (auto* v = std::get_if<Variable>(&t)) return PatternPosition{std::nullopt, *layout_.Find(v->name)};
  return PatternPosition{context_.Intern(std::get<Term>(t)), 0};
}

ActiveGraph Planner::GraphFor(const TermOrVariable& name) {
  ActiveGraph g;
  if (auto* v = std::get_if<Variable>(&name)) {
    g.kind = ActiveGraph::Kind::kNamedVariable;
    g.slot = *layout_.Find(v->name);
  } else {
    g.kind = ActiveGraph::Kind::kNamedConstant;
    TermId id = context_.Intern(std::get<Term>(name));
    g.graph = IsLocalId(id) ? TermId::None() : id;
  }
  return g;
}

double Planner::Estimate(const PatternPosition& s, const PatternPosition& p, const PatternPosition& o,
                         const std::vector<bool>& bound) const {
  auto is_bound = [&](const PatternPosition& x) { return !x.is_variable() || bound[x.slot]; };
  for (const PatternPosition* x : {&s, &p, &o})
    if (!x->is_variable() && (x->constant->is_none() || IsLocalId(*x->constant))) return 0;
  const Statistics& stats = context_.view().statistics();
  double total = std::max<double>(1, static_cast<double>(stats.total_triples()));
  double rows = total;
  if (!p.is_variable()) {
    double triples = 0, subjects = 0, objects = 0;
    for (const auto& [key, st] : stats.predicates) {
      if (key.second != *p.constant) continue;
      triples += static_cast<double>(st.triples);
      subjects += static_cast<double>(st.distinct_subjects);
      objects += static_cast<double>(st.distinct_objects);
    }
    rows = triples;
    if (is_bound(s)) rows /= std::max(1.0, subjects);
    if (is_bound(o)) rows /= std::max(1.0, objects);
  } else {
    if (is_bound(p)) rows /= 40;  // a predicate bound by an earlier pattern: unknown which
    if (is_bound(s)) rows = std::min(rows, 20.0);
    if (is_bound(o)) rows = std::min(rows, 50.0);
  }
  return rows;
}

std::optional<std::uint64_t> HashJoinBreakEven(double build_rows) {
  // Costs in "index entries read in sequence". A seek (index and data block search, block
  // cache lookup) costs about 20 of them (perf on WatDiv C2: ~2 us a seek, ~0.1 us a Next);
  // building the table about 2 per match (read, hash, chain), a lookup about 1.
  constexpr double kSeek = 20, kBuildRow = 2, kLookup = 1, kMaxBuildRows = 200000;
  if (build_rows > kMaxBuildRows) return std::nullopt;  // bounded memory; a bind join streams
  return static_cast<std::uint64_t>((kSeek + build_rows * kBuildRow) / (kSeek - kLookup));
}

Result<OperatorPtr> Planner::PlanBgp(const std::vector<TriplePattern>& triples, const ActiveGraph& graph,
                                     OperatorPtr input, std::vector<ExprPtr> filters) {
  std::vector<std::vector<std::size_t>> filter_slots;
  std::vector<bool> applied(filters.size(), false), at_end(filters.size(), false);
  for (std::size_t i = 0; i < filters.size(); ++i) {
    std::set<std::string> vars;
    bool has_exists = false;
    ExpressionVariables(*filters[i], vars, has_exists);
    // EXISTS sees the whole row (its pattern's variables are not among the arguments): it
    // runs after the last scan.
    at_end[i] = has_exists;
    std::vector<std::size_t> slots;
    for (const auto& v : vars) slots.push_back(*layout_.Find(v));
    filter_slots.push_back(std::move(slots));
  }
  int filters_applied = 0;  // each halves the estimate, as FilterOp::EstimatedRows says
  auto apply_ready = [&](OperatorPtr op, const std::vector<bool>& bound_now, bool all) {
    for (std::size_t i = 0; i < filters.size(); ++i) {
      if (applied[i]) continue;
      bool ready = all;
      if (!ready && !at_end[i]) {
        ready = true;
        for (std::size_t slot : filter_slots[i]) ready &= bound_now[slot];
      }
      if (!ready) continue;
      applied[i] = true;
      ++filters_applied;
      op = std::make_unique<FilterOp>(std::move(op), MakeEvaluator(filters[i]), "filter " + ToSse(*filters[i]));
    }
    return op;
  };
  std::vector<bool> bound(layout_.size(), false);
  if (graph.kind == ActiveGraph::Kind::kNamedVariable) bound[graph.slot] = true;
  std::vector<bool> used(triples.size(), false);
  // Each triple's positions, resolved once: constants interned, variables mapped to slots.
  std::vector<std::array<PatternPosition, 3>> positions;
  for (const TriplePattern& t : triples) positions.push_back({Position(t.subject), Position(t.predicate), Position(t.object)});
  // Filters that binding the variables of pattern i would make ready: preferring such patterns
  // among equally cheap ones lets the filter cut rows early (BSBM Q5's numeric range filters).
  auto filters_completed = [&](std::size_t i) {
    int count = 0;
    for (std::size_t f = 0; f < filters.size(); ++f) {
      if (applied[f] || at_end[f]) continue;
      bool ready = true, needs_i = false;
      for (std::size_t slot : filter_slots[f]) {
        bool by_i = false;
        for (const PatternPosition& x : positions[i]) by_i |= x.is_variable() && x.slot == slot;
        ready &= bound[slot] || by_i;
        needs_i |= by_i && !bound[slot];
      }
      if (ready && needs_i) ++count;
    }
    return count;
  };
  const std::optional<GraphSelector> fixed_graph = FixedGraph(graph, dataset_);
  // Stars: a subject variable with at least kStarPatterns constant-predicate patterns gets a
  // SubjectStarCache shared by those of them that run with the subject bound (one of them
  // usually binds it: at least three then probe, where one seek for all pays off).
  constexpr int kStarPatterns = 4;
  absl::flat_hash_map<std::size_t, std::shared_ptr<SubjectStarCache>> star_caches;
  if (fixed_graph) {
    absl::flat_hash_map<std::size_t, int> star_size;
    for (const auto& [s, p, o] : positions)
      if (s.is_variable() && !p.is_variable()) ++star_size[s.slot];
    for (const auto& [slot, count] : star_size)
      if (count >= kStarPatterns) star_caches[slot] = std::make_shared<SubjectStarCache>(*fixed_graph);
  }
  OperatorPtr current = std::move(input);
  double rows = 1;  // estimated rows coming out of `current`
  for (std::size_t step = 0; step < triples.size(); ++step) {
    std::size_t best = 0;
    double best_cost = -1, best_rows = 0;
    for (std::size_t i = 0; i < triples.size(); ++i) {
      if (used[i]) continue;
      const auto& [s, p, o] = positions[i];
      double per_row = Estimate(s, p, o, bound);
      double cost = per_row * std::pow(0.5, filters_completed(i));
      // Prefer patterns connected to what is already bound: avoids cross products.
      bool connected = step == 0;
      for (const PatternPosition& x : positions[i]) connected |= x.is_variable() && bound[x.slot];
      if (!connected) cost *= 1e6;
      if (best_cost < 0 || cost < best_cost) {
        best_cost = cost;
        best_rows = per_row;
        best = i;
      }
    }
    used[best] = true;
    const TriplePattern& t = triples[best];
    const auto& [s, p, o] = positions[best];
    rows = (step == 0 ? best_rows : rows * std::max(best_rows, 1e-3)) * std::pow(0.5, filters_applied);
    filters_applied = 0;
    std::string description = "scan " + ShortTerm(t.subject) + " " + ShortTerm(t.predicate) + " " + ShortTerm(t.object);
    auto scan = std::make_unique<PatternScan>(std::move(current), s, p, o, graph, dataset_, context_, rows, description);
    // An index nested loop that becomes a hash join if it gets probed often enough.
    std::vector<bool> none_bound(layout_.size(), false);
    const double build_rows = Estimate(s, p, o, none_bound);
    auto break_even = HashJoinBreakEven(build_rows);
    auto star = s.is_variable() && bound[s.slot] && !p.is_variable() ? star_caches.find(s.slot) : star_caches.end();
    // Both may apply: the star cache until the hash join's break-even, then the hash join.
    if (star != star_caches.end()) scan->UseSubjectStarCache(star->second);
    if (step > 0 && fixed_graph && break_even) {
      HashJoinOption option;
      for (int k = 0; k < 3; ++k)
        if (positions[best][k].is_variable() && bound[positions[best][k].slot]) option.key_positions.push_back(k);
      option.graph = *fixed_graph;
      option.after_probes = *break_even;
      // Constant-object estimates are averages (rdf:type Role2 has 6x the average class): a
      // table much bigger than estimated is abandoned rather than paid for.
      option.max_rows = static_cast<std::size_t>(2 * std::max(build_rows, 500.0));
      scan->EnableHashJoin(std::move(option));
    }
    current = std::move(scan);
    for (const PatternPosition& x : positions[best])
      if (x.is_variable()) bound[x.slot] = true;
    current = apply_ready(std::move(current), bound, false);
  }
  return apply_ready(std::move(current), bound, true);
}

Result<OperatorPtr> Planner::PlanFilter(const GraphPattern& p, const ActiveGraph& graph) {
  using Kind = GraphPattern::Kind;
  // Gather the conjuncts of this filter (and of directly nested ones).
  std::vector<ExprPtr> conjuncts;
  const GraphPattern* inner = &p;
  PatternPtr inner_ptr;
  while (inner->kind == Kind::kFilter) {
    SplitConjunction(inner->expression, conjuncts);
    inner_ptr = inner->left;
    inner = inner_ptr.get();
  }
  // Over a BGP: all conjuncts go into its scan chain.
  if (inner->kind == Kind::kBgp) {
    auto plan = PlanBgp(inner->triples, graph, std::make_unique<InputRow>(layout_.size()), conjuncts);
    current_graph_ = graph;
    return plan;
  }
  // Otherwise push each conjunct as deep as it can go; the rest filter on top.
  PatternPtr rewritten = inner_ptr;
  std::vector<ExprPtr> remaining;
  for (const ExprPtr& c : conjuncts) {
    std::set<std::string> vars;
    bool has_exists = false;
    ExpressionVariables(*c, vars, has_exists);
    PatternPtr pushed = has_exists ? nullptr : PushInto(rewritten, c, vars);
    if (pushed) rewritten = pushed;
    else remaining.push_back(c);
  }
  auto plan = Plan(*rewritten, graph);
  current_graph_ = graph;
  if (!plan.ok()) return plan.status();
  OperatorPtr op = std::move(plan).value();
  for (const ExprPtr& c : remaining) op = std::make_unique<FilterOp>(std::move(op), MakeEvaluator(c), "filter " + ToSse(*c));
  return op;
}

CompiledPath Planner::CompilePath(const PropertyPath& path) {
  CompiledPath c;
  c.kind = path.kind;
  auto id = [&](const Term& t) {
    TermId x = context_.Intern(t);
    return IsLocalId(x) ? TermId::None() : x;
  };
  if (path.kind == PropertyPath::Kind::kLink) c.iri = id(path.iri);
  for (const PathPtr& child : path.children) c.children.push_back(CompilePath(*child));
  for (const Term& t : path.iris) c.forward.push_back(id(t));
  for (const Term& t : path.inverse_iris) c.inverse.push_back(id(t));
  return c;
}

ExpressionEvaluator Planner::MakeEvaluator(const ExprPtr& expression) {
  ActiveGraph graph = current_graph_;
  ExpressionEvaluator evaluator(expression, layout_, context_,
                                [this, graph](const GraphPattern& pattern, std::span<const TermId> row,
                                              const VariableLayout&) { return Exists(pattern, row, graph); },
                                base_iri_);
  evaluator.ShareBlankNodes(blank_nodes_);
  return evaluator;
}

Result<bool> Planner::Exists(const GraphPattern& pattern, std::span<const TermId> row, const ActiveGraph& graph) {
  auto it = exists_plans_.find(&pattern);
  if (it == exists_plans_.end()) {
    ActiveGraph saved = current_graph_;
    auto plan = Plan(pattern, graph);
    current_graph_ = saved;
    if (!plan.ok()) return plan.status();
    it = exists_plans_.emplace(&pattern, std::move(plan).value()).first;
  }
  Row input(row.begin(), row.end());
  CAIRN_RETURN_IF_ERROR(it->second->Open(input));
  Row out;
  return it->second->Next(out);
}

Result<OperatorPtr> Planner::Plan(const GraphPattern& p, const ActiveGraph& graph) {
  using Kind = GraphPattern::Kind;
  current_graph_ = graph;
  const std::size_t width = layout_.size();
  auto plan_child = [&](const PatternPtr& child, const ActiveGraph& g) -> Result<OperatorPtr> {
    auto result = Plan(*child, g);
    current_graph_ = graph;
    return result;
  };
  switch (p.kind) {
    case Kind::kBgp:
      return PlanBgp(p.triples, graph, std::make_unique<InputRow>(width));
    case Kind::kPath:
      return OperatorPtr(std::make_unique<PathScan>(std::make_unique<InputRow>(width), Position(p.path_subject),
                                                    CompilePath(*p.path), Position(p.path_object), graph, dataset_,
                                                    context_));
    case Kind::kJoin: {
      // Adjacent BGPs are one BGP: order all their patterns together.
      if (p.left->kind == Kind::kBgp && p.right->kind == Kind::kBgp) {
        std::vector<TriplePattern> all = p.left->triples;
        all.insert(all.end(), p.right->triples.begin(), p.right->triples.end());
        return PlanBgp(all, graph, std::make_unique<InputRow>(width));
      }
      auto left = plan_child(p.left, graph);
      if (!left.ok()) return left.status();
      auto right = plan_child(p.right, graph);
      if (!right.ok()) return right.status();
      if (IsSimplePattern(*p.right))
        return OperatorPtr(std::make_unique<BindJoin>(std::move(left).value(), std::move(right).value()));
      return OperatorPtr(std::make_unique<MaterializedJoin>(MaterializedJoin::Mode::kInner, std::move(left).value(),
                                                            std::move(right).value(), std::nullopt, context_));
    }
    case Kind::kLeftJoin: {
      auto left = plan_child(p.left, graph);
      if (!left.ok()) return left.status();
      auto right = plan_child(p.right, graph);
      if (!right.ok()) return right.status();
      std::optional<ExpressionEvaluator> filter;
      if (p.expression) filter.emplace(MakeEvaluator(p.expression));
      if (IsSimplePattern(*p.right))
        return OperatorPtr(std::make_unique<BindLeftJoin>(std::move(left).value(), std::move(right).value(), std::move(filter)));
      return OperatorPtr(std::make_unique<MaterializedJoin>(MaterializedJoin::Mode::kLeftOuter, std::move(left).value(),
                                                            std::move(right).value(), std::move(filter), context_));
    }
    case Kind::kMinus: {
      auto left = plan_child(p.left, graph);
      if (!left.ok()) return left.status();
      auto right = plan_child(p.right, graph);
      if (!right.ok()) return right.status();
      return OperatorPtr(std::make_unique<MaterializedJoin>(MaterializedJoin::Mode::kMinus, std::move(left).value(),
                                                            std::move(right).value(), std::nullopt, context_));
    }
    case Kind::kFilter:
      return PlanFilter(p, graph);
    case Kind::kUnion: {
      auto left = plan_child(p.left, graph);
      if (!left.ok()) return left.status();
      auto right = plan_child(p.right, graph);
      if (!right.ok()) return right.status();
      return OperatorPtr(std::make_unique<UnionOp>(std::move(left).value(), std::move(right).value()));
    }
    case Kind::kGraph: {
      ActiveGraph inner_graph = GraphFor(p.name);
      if (p.left->kind == Kind::kBgp && p.left->triples.empty()) {
        // GRAPH ?g {} : one solution per named graph (or for the named constant, if it exists).
        std::vector<TermId> named = dataset_.named_graphs ? *dataset_.named_graphs : context_.view().NamedGraphs();
        std::vector<Row> rows;
        for (TermId g : named) {
          if (inner_graph.kind == ActiveGraph::Kind::kNamedConstant) {
            if (g == inner_graph.graph) rows.emplace_back(width);
            continue;
          }
          Row r(width);
          r[inner_graph.slot] = g;
          rows.push_back(std::move(r));
        }
        return OperatorPtr(std::make_unique<ValuesOp>(std::move(rows)));
      }
      if (inner_graph.kind == ActiveGraph::Kind::kNamedVariable && !IsScanOnly(*p.left)) {
        auto current = std::make_shared<TermId>();
        ActiveGraph iterated;
        iterated.kind = ActiveGraph::Kind::kIterated;
        iterated.current = current;
        auto inner = plan_child(p.left, iterated);
        if (!inner.ok()) return inner.status();
        std::vector<TermId> named = dataset_.named_graphs ? *dataset_.named_graphs : context_.view().NamedGraphs();
        return OperatorPtr(std::make_unique<GraphIteration>(std::move(inner).value(), inner_graph.slot, current,
                                                            std::move(named), context_));
      }
      return plan_child(p.left, inner_graph);
    }
    case Kind::kExtend: {
      auto inner = plan_child(p.left, graph);
      if (!inner.ok()) return inner.status();
      return OperatorPtr(std::make_unique<ExtendOp>(std::move(inner).value(), *layout_.Find(p.variable.name),
                                                    MakeEvaluator(p.expression),
                                                    "extend ?" + p.variable.name + " := " + ToSse(*p.expression)));
    }
    case Kind::kValues: {
      std::vector<Row> rows;
      for (const auto& data : p.rows) {
        Row r(width);
        for (std::size_t i = 0; i < p.variables.size() && i < data.size(); ++i)
          if (data[i]) r[*layout_.Find(p.variables[i].name)] = context_.Intern(*data[i]);
        rows.push_back(std::move(r));
      }
      return OperatorPtr(std::make_unique<ValuesOp>(std::move(rows)));
    }
    case Kind::kService: {
      std::optional<std::size_t> endpoint_slot;
      std::optional<Term> endpoint;
      if (auto* v = std::get_if<Variable>(&p.name)) endpoint_slot = *layout_.Find(v->name);
      else endpoint = std::get<Term>(p.name);
      const GraphPattern* inner = p.left.get();
      auto fetch = [this, endpoint, endpoint_slot, inner, width](const Row& input) -> Result<std::vector<Row>> {
        if (!service_) return Status::InvalidArgument("SERVICE: no federated endpoints are enabled");
        Term target;
        if (endpoint) {
          target = *endpoint;
        } else {
          TermId bound = input[*endpoint_slot];
          if (bound.is_none()) return Status::InvalidArgument("SERVICE ?var: the endpoint variable is unbound");
          auto term = context_.Decode(bound);
          if (!term.ok()) return term.status();
          target = *term;
        }
        auto solutions = service_(target, *inner);
        if (!solutions.ok()) return solutions.status();
        std::vector<Row> rows;
        for (const auto& solution : *solutions) {
          Row r(width);
          for (const auto& [name, term] : solution)
            if (auto slot = layout_.Find(name)) r[*slot] = context_.Intern(term);
          rows.push_back(std::move(r));
        }
        return rows;
      };
      return OperatorPtr(std::make_unique<ServiceOp>(std::move(fetch), p.silent));
    }
    case Kind::kGroup: {
      auto inner = plan_child(p.left, graph);
      if (!inner.ok()) return inner.status();
      std::vector<std::size_t> keys;
      for (const Variable& v : p.variables) keys.push_back(*layout_.Find(v.name));
      std::vector<GroupOp::AggregateSlot> aggregates;
      for (const auto& [v, aggregate] : p.aggregates) {
        GroupOp::AggregateSlot slot{*layout_.Find(v.name), aggregate, std::nullopt};
        if (aggregate.expression) slot.argument.emplace(MakeEvaluator(aggregate.expression));
        aggregates.push_back(std::move(slot));
      }
      return OperatorPtr(std::make_unique<GroupOp>(std::move(inner).value(), std::move(keys), std::move(aggregates), width,
                                                   context_));
    }
    case Kind::kOrderBy: {
      auto inner = plan_child(p.left, graph);
      if (!inner.ok()) return inner.status();
      std::vector<std::pair<ExpressionEvaluator, bool>> keys;
      for (const OrderCondition& c : p.order) keys.emplace_back(MakeEvaluator(c.expression), c.descending);
      return OperatorPtr(std::make_unique<OrderByOp>(std::move(inner).value(), std::move(keys), context_));
    }
    case Kind::kProject: {
      auto inner = plan_child(p.left, graph);
      if (!inner.ok()) return inner.status();
      std::vector<std::size_t> keep;
      for (const Variable& v : p.variables) keep.push_back(*layout_.Find(v.name));
      return OperatorPtr(std::make_unique<ProjectOp>(std::move(inner).value(), std::move(keep), width));
    }
    case Kind::kDistinct:
    case Kind::kReduced: {
      auto inner = plan_child(p.left, graph);
      if (!inner.ok()) return inner.status();
      return OperatorPtr(std::make_unique<DistinctOp>(std::move(inner).value()));
    }
    case Kind::kSlice: {
      auto inner = plan_child(p.left, graph);
      if (!inner.ok()) return inner.status();
      return OperatorPtr(std::make_unique<SliceOp>(std::move(inner).value(), p.offset, p.limit));
    }
  }
  return Status::InvalidArgument("unknown graph pattern");
}

}  // namespace cairn::sparql
