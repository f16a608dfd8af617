// SPARQL 1.1 Update (grammar rules [29]-[52]): the request, its operations, quad patterns and
// quad data, with the update static checks; and the public entry point ParseUpdate.
//
// Quads reuse the query rules: TriplesSameSubject without paths, in template mode (blank nodes
// stay blank nodes), and GroupGraphPattern for WHERE. Three hooks in the shared term rules
// (CheckVariableAllowed, CheckBlankNodeAllowed, NoteOperationBlankLabel) do the checks that need a
// position; they do nothing while a query is parsed.
//
// Blank-node label scoping (section 19.6): a label may not be shared by two INSERT DATA
// operations of one request (within one, GRAPH blocks share it); each operation's WHERE clause
// follows the query rule (one label, one BGP); INSERT template labels are per operation.
#include "sparql/parser/parser_internal.h"
#include "sparql/parser/sparql_parser.h"

namespace cairn::sparql::parser {
namespace {

using OpKind = UpdateOperation::Kind;

// Sets a pointer member for the lifetime of a scope.
class ScopedFlag {
 public:
  ScopedFlag(const char*& flag, const char* value) : flag_(flag), saved_(flag) { flag_ = value; }
  ~ScopedFlag() { flag_ = saved_; }
  ScopedFlag(const ScopedFlag&) = delete;
  ScopedFlag& operator=(const ScopedFlag&) = delete;

 private:
  const char*& flag_;
  const char* saved_;
};

bool SameGraph(const std::optional<TermOrVariable>& a, const std::optional<TermOrVariable>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || *a == *b;
}

// DELETE WHERE's quads as the group graph pattern they also are: runs of default-graph triples
// are BGPs, runs of one GRAPH's triples Graph(g, BGP), joined in order (18.2.2.6).
PatternPtr QuadsAsPattern(const std::vector<QuadTemplate>& quads) {
  PatternPtr result = EmptyBgp();
  std::size_t i = 0;
  while (i < quads.size()) {
    auto bgp = std::make_shared<GraphPattern>();
    bgp->kind = GraphPattern::Kind::kBgp;
    std::size_t j = i;
    for (; j < quads.size() && SameGraph(quads[j].graph, quads[i].graph); ++j)
      bgp->triples.push_back({quads[j].subject, quads[j].predicate, quads[j].object});
    PatternPtr piece = bgp;
    if (quads[i].graph) {
      auto graph = std::make_shared<GraphPattern>();
      graph->kind = GraphPattern::Kind::kGraph;
      graph->name = *quads[i].graph;
      graph->left = bgp;
      piece = graph;
    }
    result = MakeJoin(result, piece);
    i = j;
  }
  return result;
}

}  // namespace

void Parser::CheckVariableAllowed(std::size_t offset, const std::string& name) const {
  if (no_variables_in_)
    FailAt(offset, "variable ?" + name + " is not allowed in " + no_variables_in_ + " (data must be ground)");
}

void Parser::CheckBlankNodeAllowed(std::size_t offset, std::string_view what) const {
  if (no_blank_nodes_in_) FailAt(offset, "blank node " + std::string(what) + " is not allowed in " + no_blank_nodes_in_);
}

void Parser::NoteOperationBlankLabel(const std::string& label, std::size_t offset) {
  if (!insert_data_) return;
  auto [it, inserted] = label_operations_.emplace(label, operation_index_);
  if (!inserted && it->second != operation_index_)
    FailAt(offset, "blank node label '_:" + label + "' is already used by INSERT DATA operation " +
                       std::to_string(it->second + 1) + " of this request");
}

// Update ::= Prologue ( Update1 ( ';' Update )? )?
Update Parser::ParseUpdateUnit() {
  update_ = true;
  Update update;
  ParsePrologue();
  while (Peek().kind != TokenKind::kEnd) {
    operation_index_ = static_cast<int>(update.operations.size());
    // Each operation's WHERE clause is its own scope for the BGP label rule (section 19.6);
    // INSERT templates make fresh blank nodes per operation (and per solution).
    label_blocks_.clear();
    update.operations.push_back(ParseUpdate1());
    if (!AcceptPunct(";")) break;
    ParsePrologue();
  }
  operation_index_ = -1;
  if (Peek().kind != TokenKind::kEnd) Fail("';' or end of update");
  update.base_iri = base_;
  return update;
}

// GraphRefAll ::= GraphRef | 'DEFAULT' | 'NAMED' | 'ALL'
GraphTarget Parser::ParseGraphRefAll() {
  GraphTarget t;
  if (AcceptWord("DEFAULT")) {
    t.kind = GraphTarget::Kind::kDefault;
  } else if (AcceptWord("NAMED")) {
    t.kind = GraphTarget::Kind::kNamed;
  } else if (AcceptWord("ALL")) {
    t.kind = GraphTarget::Kind::kAll;
  } else if (AcceptWord("GRAPH")) {
    t.kind = GraphTarget::Kind::kGraph;
    t.graph = Term::Iri(ParseIri());
  } else {
    Fail("GRAPH, DEFAULT, NAMED or ALL");
  }
  return t;
}

// GraphOrDefault ::= 'DEFAULT' | 'GRAPH'? iri
GraphTarget Parser::ParseGraphOrDefault() {
  GraphTarget t;
  if (AcceptWord("DEFAULT")) return t;
  if (!AcceptWord("GRAPH") && !AtIri()) Fail("DEFAULT, GRAPH or an IRI");
  t.kind = GraphTarget::Kind::kGraph;
  t.graph = Term::Iri(ParseIri());
  return t;
}

// QuadPattern / QuadData ::= '{' Quads '}'
// Quads ::= TriplesTemplate? ( QuadsNotTriples '.'? TriplesTemplate? )*
// QuadsNotTriples ::= 'GRAPH' VarOrIri '{' TriplesTemplate? '}'
std::vector<QuadTemplate> Parser::ParseQuads() {
  ExpectPunct("{");
  bool saved_template_mode = template_mode_;
  template_mode_ = true;
  std::vector<QuadTemplate> out;
  auto triples = [&](const std::optional<TermOrVariable>& graph) {
    std::vector<PathTriple> block;
    while (!IsPunct("}") && !IsWord("GRAPH")) {
      ParseTriplesSameSubject(false, block);
      if (!AcceptPunct(".")) break;
    }
    for (auto& t : block) out.push_back({std::move(t.subject), std::move(t.predicate), std::move(t.object), graph});
  };
  triples(std::nullopt);
  while (IsWord("GRAPH")) {
    ++pos_;
    if (no_variables_in_ && AtVar())
      FailAt(Peek().offset, "GRAPH ?" + Peek().text + " is not allowed in " + no_variables_in_ + " (data must be ground)");
    std::optional<TermOrVariable> graph = ParseVarOrIri();
    ExpectPunct("{");
    triples(graph);
    if (IsWord("GRAPH")) FailAt(Peek().offset, "GRAPH blocks cannot be nested");
    if (!IsPunct("}")) Fail("'.' or '}'");
    ++pos_;
    AcceptPunct(".");
    triples(std::nullopt);
  }
  if (!IsPunct("}")) Fail("'.', GRAPH or '}'");
  ++pos_;
  template_mode_ = saved_template_mode;
  return out;
}

// Update1 ::= Load | Clear | Drop | Add | Move | Copy | Create | InsertData | DeleteData
//           | DeleteWhere | Modify
UpdateOperation Parser::ParseUpdate1() {
  UpdateOperation op;
  auto silent = [&] { op.silent = AcceptWord("SILENT"); };
  if (AcceptWord("LOAD")) {
    // Load ::= 'LOAD' 'SILENT'? iri ( 'INTO' GraphRef )?
    op.kind = OpKind::kLoad;
    silent();
    op.source = Term::Iri(ParseIri());
    if (AcceptWord("INTO")) {
      ExpectWord("GRAPH");
      op.destination = Term::Iri(ParseIri());
    }
    return op;
  }
  if (IsWord("CLEAR") || IsWord("DROP")) {
    op.kind = IsWord("CLEAR") ? OpKind::kClear : OpKind::kDrop;
    ++pos_;
    silent();
    op.target = ParseGraphRefAll();
    return op;
  }
  if (AcceptWord("CREATE")) {
    // Create ::= 'CREATE' 'SILENT'? GraphRef
    op.kind = OpKind::kCreate;
    silent();
    ExpectWord("GRAPH");
    op.target.kind = GraphTarget::Kind::kGraph;
    op.target.graph = Term::Iri(ParseIri());
    return op;
  }
  if (IsWord("ADD") || IsWord("MOVE") || IsWord("COPY")) {
    op.kind = IsWord("ADD") ? OpKind::kAdd : IsWord("MOVE") ? OpKind::kMove : OpKind::kCopy;
    ++pos_;
    silent();
    op.from = ParseGraphOrDefault();
    ExpectWord("TO");
    op.to = ParseGraphOrDefault();
    return op;
  }
  if (IsWord("INSERT") && IsWord("DATA", 1)) {
    // InsertData ::= 'INSERT DATA' QuadData
    pos_ += 2;
    op.kind = OpKind::kInsertData;
    ScopedFlag no_variables(no_variables_in_, "INSERT DATA");
    insert_data_ = true;
    std::vector<QuadTemplate> quads = ParseQuads();
    insert_data_ = false;
    for (auto& q : quads)
      op.data.push_back({std::get<Term>(q.subject), std::get<Term>(q.predicate), std::get<Term>(q.object),
                         q.graph ? std::get<Term>(*q.graph) : Term::DefaultGraph()});
    return op;
  }
  if (IsWord("DELETE") && IsWord("DATA", 1)) {
    // DeleteData ::= 'DELETE DATA' QuadData
    pos_ += 2;
    op.kind = OpKind::kDeleteData;
    ScopedFlag no_variables(no_variables_in_, "DELETE DATA");
    ScopedFlag no_blank_nodes(no_blank_nodes_in_, "DELETE DATA");
    for (auto& q : ParseQuads())
      op.data.push_back({std::get<Term>(q.subject), std::get<Term>(q.predicate), std::get<Term>(q.object),
                         q.graph ? std::get<Term>(*q.graph) : Term::DefaultGraph()});
    return op;
  }
  if (IsWord("DELETE") && IsWord("WHERE", 1)) {
    // DeleteWhere ::= 'DELETE WHERE' QuadPattern: DELETE QuadPattern WHERE { QuadPattern }
    pos_ += 2;
    op.kind = OpKind::kDeleteInsert;
    op.delete_where = true;
    ScopedFlag no_blank_nodes(no_blank_nodes_in_, "DELETE WHERE");
    op.delete_template = ParseQuads();
    op.where = QuadsAsPattern(op.delete_template);
    return op;
  }
  if (IsWord("WITH") || IsWord("DELETE") || IsWord("INSERT")) {
    // Modify ::= ( 'WITH' iri )? ( DeleteClause InsertClause? | InsertClause ) UsingClause*
    //            'WHERE' GroupGraphPattern
    op.kind = OpKind::kDeleteInsert;
    bool with = AcceptWord("WITH");
    if (with) op.with_graph = Term::Iri(ParseIri());
    if (AcceptWord("DELETE")) {
      if (!IsPunct("{")) Fail(with ? "'{' after DELETE" : "DATA, WHERE or '{' after DELETE");
      {
        ScopedFlag no_blank_nodes(no_blank_nodes_in_, "a DELETE template");
        op.delete_template = ParseQuads();
      }
      if (AcceptWord("INSERT")) op.insert_template = ParseQuads();
    } else if (AcceptWord("INSERT")) {
      if (!IsPunct("{")) Fail(with ? "'{' after INSERT" : "DATA or '{' after INSERT");
      op.insert_template = ParseQuads();
    } else {
      Fail("DELETE or INSERT after WITH");
    }
    // UsingClause ::= 'USING' ( iri | 'NAMED' iri )
    while (AcceptWord("USING")) {
      op.using_dataset.specified = true;
      if (AcceptWord("NAMED")) op.using_dataset.named_graphs.push_back(Term::Iri(ParseIri()));
      else op.using_dataset.default_graphs.push_back(Term::Iri(ParseIri()));
    }
    ExpectWord("WHERE");
    op.where = ParseGroupGraphPattern();
    return op;
  }
  Fail("an update operation (INSERT, DELETE, WITH, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY), BASE or PREFIX");
}

}  // namespace cairn::sparql::parser

namespace cairn::sparql {

Result<Update> ParseUpdate(std::string_view text, std::string_view base_iri) {
  return parser::RunParser<Update>(text, base_iri, [](parser::Parser& p) { return p.ParseUpdateUnit(); });
}

}  // namespace cairn::sparql
