// Runs the W3C SPARQL query-evaluation tests (mf:QueryEvaluationTest, mf:CSVResultFormatTest)
// against Cairn: each test's data is loaded into a fresh store, the query is executed, and the
// results are compared as /work/shared/w3c/sparql/README.md says (blank-node bijection, order
// only under ORDER BY, ties permutable). Syntax tests are run by the parser's own tests.
//
// Known failures are a ratchet: a test listed in --known-failures may fail without failing the
// run, but an unlisted failure fails it, and so does a listed test that now passes (the list
// must shrink as the engine improves). Skips (--skips) are tests that cannot apply, each with a
// reason.
//
//   sparql_suite_runner --suite-root shared/w3c/sparql --manifest sparql11/manifest-sparql11-query.ttl
//                       [--name NAME] [--skips F] [--known-failures F] [--only SUBSTRING] [--verbose]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "engine/rdf_reader.h"
#include "engine/store.h"
#include "sparql/eval/planner.h"
#include "sparql/eval/update_executor.h"
#include "sparql/parser/sparql_parser.h"
#include "sparql/results/result_reader.h"
#include "sparql/results/solution_writer.h"
#include "tests/test_util.h"
#include "tests/w3c/graph_isomorphism.h"
#include "tests/w3c/manifest.h"
#include "tests/w3c/solution_compare.h"

namespace cairn::w3c {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kQt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
constexpr std::string_view kRs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";
constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

constexpr std::string_view kUt = "http://www.w3.org/2009/sparql/tests/test-update#";
constexpr std::string_view kRdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";

std::string Qt(std::string_view local) { return std::string(kQt) + std::string(local); }
std::string Ut(std::string_view local) { return std::string(kUt) + std::string(local); }
std::string Rs(std::string_view local) { return std::string(kRs) + std::string(local); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "key reason" lines; '#' comments.
std::map<std::string, std::string> ReadList(const std::string& path) {
  std::map<std::string, std::string> list;
  if (path.empty()) return list;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto space = line.find_first_of(" \t");
    list[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return list;
}

// Reads RDF into quads, in the format the file's extension says (RDF/XML included; Turtle when
// it says nothing).
Status ReadRdfAny(const std::string& path, const std::string& base, std::vector<Quad>& out) {
  RdfReadOptions options;
  options.base_iri = base;
  options.format = RdfFormatFromPath(path).value_or(RdfFormat::kTurtle);
  return ReadRdfFile(path, options, [&](const Quad& q) {
    out.push_back(q);
    return Status::OK();
  });
}

// An rs:ResultSet graph (Turtle or RDF/XML result files) as a SolutionSet; nullopt if the
// graph is not a result set (then it is an expected CONSTRUCT/DESCRIBE graph).
std::optional<sparql::SolutionSet> DecodeResultSetGraph(const std::vector<Quad>& quads, bool& indexed) {
  ManifestGraph g;
  for (const Quad& q : quads) g.Add(q);
  auto sets = g.Subjects(kRdfType, Term::Iri(Rs("ResultSet")));
  if (sets.empty()) return std::nullopt;
  const Term& set = sets.front();
  sparql::SolutionSet result;
  if (auto b = g.Object(set, Rs("boolean"))) {
    result.boolean = b->value == "true" || b->value == "1";
    return result;
  }
  for (const Term& v : g.Objects(set, Rs("resultVariable"))) result.variables.push_back(v.value);
  std::vector<std::pair<long, std::vector<std::optional<Term>>>> rows;
  indexed = false;
  for (const Term& solution : g.Objects(set, Rs("solution"))) {
    std::vector<std::optional<Term>> row(result.variables.size());
    for (const Term& binding : g.Objects(solution, Rs("binding"))) {
      auto var = g.Object(binding, Rs("variable"));
      auto value = g.Object(binding, Rs("value"));
      if (!var || !value) continue;
      auto it = std::find(result.variables.begin(), result.variables.end(), var->value);
      if (it == result.variables.end()) {
        result.variables.push_back(var->value);
        for (auto& r : rows) r.second.emplace_back();
        row.emplace_back();
        it = result.variables.end() - 1;
      }
      row[static_cast<std::size_t>(it - result.variables.begin())] = *value;
    }
    long index = 0;
    if (auto i = g.Object(solution, Rs("index"))) {
      index = std::stol(i->value);
      indexed = true;
    }
    rows.emplace_back(index, std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [index, row] : rows) {
    row.resize(result.variables.size());
    result.rows.push_back(std::move(row));
  }
  return result;
}

// Top-level ORDER BY: through slice/distinct/reduced/project to an order-by; its plain-variable keys.
bool TopLevelOrder(const sparql::Query& query, std::vector<std::string>& variables) {
  using Kind = sparql::GraphPattern::Kind;
  const sparql::GraphPattern* p = query.pattern.get();
  while (p && (p->kind == Kind::kSlice || p->kind == Kind::kDistinct || p->kind == Kind::kReduced ||
               p->kind == Kind::kProject || p->kind == Kind::kExtend)) {
    p = p->left.get();
  }
  if (!p || p->kind != Kind::kOrderBy) return false;
  for (const auto& c : p->order) {
    if (c.expression->kind != sparql::Expression::Kind::kVariable) {
      variables.clear();  // an expression key: compare the order strictly
      return true;
    }
    variables.push_back(c.expression->variable.name);
  }
  return true;
}

struct Outcome {
  bool passed = false;
  std::string reason;
};

class Runner {
 public:
  explicit Runner(bool verbose) : verbose_(verbose) {}

  // mf:UpdateEvaluationTest: the dataset after the request must equal the expected one (one
  // blank-node bijection over all graphs; empty graphs count as absent).
  Outcome RunUpdate(const Manifest& m, const ManifestEntry& e) {
    const Term& action = *e.action;
    auto request = m.graph.Object(action, Ut("request"));
    if (!request) return Fail("no ut:request");
    testing::TempDir dir;
    auto store = Store::Open(dir.file("store"), StoreOptions());
    if (!store.ok()) return Fail(store.status().ToString());
    auto load_dataset = [&](const Term& node, Store* into, std::vector<Quad>* quads) -> Status {
      for (const Term& data : m.graph.Objects(node, Ut("data"))) {
        if (into) CAIRN_RETURN_IF_ERROR(Load(*into, m, data, Term::DefaultGraph()));
        if (quads) {
          auto path = m.LocalPath(data);
          if (!path) return Status::InvalidArgument("not a local file");
          CAIRN_RETURN_IF_ERROR(ReadRdfAny(*path, data.value, *quads));
        }
      }
      for (const Term& gd : m.graph.Objects(node, Ut("graphData"))) {
        auto file = m.graph.Object(gd, Ut("graph"));
        auto label = m.graph.Object(gd, std::string(kRdfsLabel));
        if (!file || !label) return Status::InvalidArgument("ut:graphData needs ut:graph and rdfs:label");
        Term name = Term::Iri(label->value);
        if (into) CAIRN_RETURN_IF_ERROR(Load(*into, m, *file, name));
        if (quads) {
          std::vector<Quad> g;
          auto path = m.LocalPath(*file);
          if (!path) return Status::InvalidArgument("not a local file");
          CAIRN_RETURN_IF_ERROR(ReadRdfAny(*path, file->value, g));
          for (Quad& q : g) {
            q.graph = name;
            quads->push_back(std::move(q));
          }
        }
      }
      return Status::OK();
    };
    Status st = load_dataset(action, store->get(), nullptr);
    if (!st.ok()) return Fail("loading data: " + st.message());
    auto path = m.LocalPath(*request);
    if (!path) return Fail("request is not a local file");
    auto update = sparql::ParseUpdate(ReadFile(*path), request->value);
    if (!update.ok()) return Fail("parse: " + update.status().message());
    sparql::UpdateOptions options;
    options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    // LOAD reads only files of the suite itself: never the network.
    options.load = [&](const Term& source, const std::function<Status(const Quad&)>& sink) -> Status {
      auto local = FileIriToPath(source.value);
      if (!local || !fs::exists(*local)) return Status::NotFound("LOAD: cannot read " + source.value);
      std::vector<Quad> quads;
      CAIRN_RETURN_IF_ERROR(ReadRdfAny(*local, source.value, quads));
      for (const Quad& q : quads) CAIRN_RETURN_IF_ERROR(sink(q));
      return Status::OK();
    };
    auto applied = sparql::ExecuteUpdate(*update, (*store)->quad_store(), options);
    if (!applied.ok()) return Fail("update: " + applied.status().ToString());
    std::vector<Quad> expected;
    if (e.result) {
      st = load_dataset(*e.result, nullptr, &expected);
      if (!st.ok()) return Fail("reading expected dataset: " + st.message());
    }
    std::vector<Quad> actual;
    std::string dump;
    st = (*store)->Dump(RdfFormat::kNQuads, std::nullopt, [&](std::string_view bytes) {
      dump.append(bytes);
      return Status::OK();
    });
    RdfReadOptions nq;
    nq.format = RdfFormat::kNQuads;
    if (st.ok()) {
      st = ReadRdfString(dump, "dump", nq, [&](const Quad& q) {
        actual.push_back(q);
        return Status::OK();
      });
    }
    if (!st.ok()) return Fail("dump: " + st.message());
    std::string diff;
    if (IsomorphicDatasets(expected, actual, &diff)) return {true, ""};
    return Fail("datasets differ:\n" + diff);
  }

  Outcome Run(const Manifest& m, const ManifestEntry& e) {
    if (e.type.ends_with("#UpdateEvaluationTest")) return RunUpdate(m, e);
    const Term& action = *e.action;
    auto query_file = m.graph.Object(action, Qt("query"));
    if (!query_file) return {false, "no qt:query"};
    testing::TempDir dir;
    auto store = Store::Open(dir.file("store"), StoreOptions());
    if (!store.ok()) return Fail(store.status().ToString());
    // qt:serviceData: each endpoint is a local store; SERVICE never reaches the network.
    std::map<std::string, std::unique_ptr<Store>> endpoints;
    for (const Term& service : m.graph.Objects(action, Qt("serviceData"))) {
      auto endpoint = m.graph.Object(service, Qt("endpoint"));
      if (!endpoint) return Fail("qt:serviceData without qt:endpoint");
      auto ep_store = Store::Open(dir.file("endpoint-" + std::to_string(endpoints.size())), StoreOptions());
      if (!ep_store.ok()) return Fail(ep_store.status().ToString());
      for (const Term& data : m.graph.Objects(service, Qt("data"))) {
        Status st = Load(**ep_store, m, data, Term::DefaultGraph());
        if (!st.ok()) return Fail("loading service data: " + st.message());
      }
      endpoints[endpoint->value] = std::move(ep_store).value();
    }
    std::set<std::string> loaded;
    for (const Term& data : m.graph.Objects(action, Qt("data"))) {
      Status st = Load(**store, m, data, Term::DefaultGraph());
      if (!st.ok()) return Fail("loading data: " + st.message());
    }
    for (const Term& data : m.graph.Objects(action, Qt("graphData"))) {
      Status st = Load(**store, m, data, Term::Iri(data.value));
      if (!st.ok()) return Fail("loading graph data: " + st.message());
      loaded.insert(data.value);
    }
    auto query_path = m.LocalPath(*query_file);
    if (!query_path) return Fail("query is not a local file");
    auto query = sparql::ParseQuery(ReadFile(*query_path), query_file->value);
    if (!query.ok()) return Fail("parse: " + query.status().message());
    // FROM / FROM NAMED naming test files: load them as named graphs under their own IRIs.
    for (const auto* list : {&query->dataset.default_graphs, &query->dataset.named_graphs}) {
      for (const Term& g : *list) {
        if (loaded.count(g.value) || !FileIriToPath(g.value) || !fs::exists(*FileIriToPath(g.value))) continue;
        Status st = Load(**store, m, g, g);
        if (!st.ok()) return Fail("loading FROM graph: " + st.message());
        loaded.insert(g.value);
      }
    }
    sparql::ExecuteOptions options;
    options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    // An endpoint may itself use SERVICE (service3 nests one): it gets the same handler.
    sparql::ServiceHandler handler;
    handler = [&endpoints, &handler](const Term& endpoint, const sparql::GraphPattern& pattern)
        -> Result<sparql::ServiceSolutions> {
      auto it = endpoints.find(endpoint.value);
      if (it == endpoints.end()) return Status::NotFound("no endpoint " + endpoint.value);
      sparql::Query q;
      q.form = sparql::Query::Form::kSelect;
      q.pattern = std::make_shared<sparql::GraphPattern>(pattern);
      sparql::VariableLayout vars;
      sparql::CollectVariables(pattern, vars);
      for (const auto& name : vars.names())
        if (name.rfind("_:", 0) != 0) q.result_variables.push_back(sparql::Variable{name});
      sparql::ExecuteOptions nested;
      nested.service = handler;
      auto results = it->second->Execute(q, nested);
      if (!results.ok()) return results.status();
      sparql::ServiceSolutions solutions;
      std::vector<std::optional<Term>> row;
      for (;;) {
        auto more = (*results)->NextSolution(row);
        if (!more.ok()) return more.status();
        if (!*more) break;
        std::vector<std::pair<std::string, Term>> solution;
        for (std::size_t i = 0; i < row.size(); ++i)
          if (row[i]) solution.emplace_back(q.result_variables[i].name, *row[i]);
        solutions.push_back(std::move(solution));
      }
      return solutions;
    };
    options.service = handler;
    auto results = (*store)->Execute(*query, options);
    if (!results.ok()) return Fail("execute: " + results.status().ToString());
    if (!e.result) return Fail("no mf:result");
    auto result_path = m.LocalPath(*e.result);
    if (!result_path) return Fail("result is not a local file");
    if (e.type.ends_with("CSVResultFormatTest")) return CompareCsv(**results, *result_path);
    // REDUCED may or may not remove duplicates: compare distinct rows (mf:LaxCardinality).
    auto cardinality = m.graph.Object(e.id, std::string(mf::kNamespace) + "resultCardinality");
    bool lax = cardinality && cardinality->value.ends_with("#LaxCardinality");
    return Compare(*query, **results, *result_path, e.result->value, lax);
  }

 private:
  Outcome Fail(std::string reason) { return {false, std::move(reason)}; }

  Status Load(Store& store, const Manifest& m, const Term& file, const Term& graph) {
    auto path = m.LocalPath(file);
    if (!path) return Status::InvalidArgument("not a local file: " + file.value);
    std::vector<Quad> quads;
    CAIRN_RETURN_IF_ERROR(ReadRdfAny(*path, file.value, quads));
    auto txn = store.quad_store().BeginWrite();
    if (!txn.ok()) return txn.status();
    if (!graph.is_default_graph()) CAIRN_RETURN_IF_ERROR((*txn)->CreateGraph(graph));
    for (Quad q : quads) {
      q.graph = graph;
      CAIRN_RETURN_IF_ERROR((*txn)->Insert(q));
    }
    return (*txn)->Commit();
  }

  Result<sparql::SolutionSet> Actual(sparql::QueryResults& results) {
    sparql::SolutionSet set;
    if (results.form() == sparql::Query::Form::kAsk) {
      auto b = results.Boolean();
      if (!b.ok()) return b.status();
      set.boolean = *b;
      return set;
    }
    set.variables = results.variables();
    std::vector<std::optional<Term>> row;
    for (;;) {
      auto more = results.NextSolution(row);
      if (!more.ok()) return more.status();
      if (!*more) break;
      set.rows.push_back(row);
    }
    return set;
  }

  Outcome Compare(const sparql::Query& query, sparql::QueryResults& results, const std::string& path,
                  const std::string& iri, bool lax) {
    using Form = sparql::Query::Form;
    if (results.form() == Form::kConstruct || results.form() == Form::kDescribe) {
      std::vector<Quad> actual, expected;
      Quad q;
      for (;;) {
        auto more = results.NextTriple(q);
        if (!more.ok()) return Fail("execute: " + more.status().ToString());
        if (!*more) break;
        actual.push_back(q);
      }
      Status st = ReadRdfAny(path, iri, expected);
      if (!st.ok()) return Fail("reading expected graph: " + st.message());
      std::string diff;
      if (IsomorphicDatasets(expected, actual, &diff)) return {true, ""};
      return Fail("graphs differ:\n" + diff);
    }
    sparql::SolutionSet expected;
    bool indexed = false;
    if (path.ends_with(".srx") || path.ends_with(".srj") || path.ends_with(".tsv")) {
      auto format = path.ends_with(".srx") ? sparql::ResultFormat::kXml
                    : path.ends_with(".srj") ? sparql::ResultFormat::kJson
                                             : sparql::ResultFormat::kTsv;
      auto read = sparql::ReadResults(ReadFile(path), format);
      if (!read.ok()) return Fail("reading expected results: " + read.status().message());
      expected = std::move(read).value();
    } else {
      std::vector<Quad> quads;
      Status st = ReadRdfAny(path, iri, quads);
      if (!st.ok()) return Fail("reading expected results: " + st.message());
      auto decoded = DecodeResultSetGraph(quads, indexed);
      if (!decoded) return Fail("expected result file is not a result set");
      expected = std::move(*decoded);
    }
    auto actual = Actual(results);
    if (!actual.ok()) return Fail("execute: " + actual.status().ToString());
    if (lax) {
      auto dedupe = [](sparql::SolutionSet& set) {
        std::vector<std::vector<std::optional<Term>>> unique;
        for (auto& row : set.rows)
          if (std::find(unique.begin(), unique.end(), row) == unique.end()) unique.push_back(row);
        set.rows = std::move(unique);
      };
      dedupe(expected);
      dedupe(*actual);
    }
    std::vector<std::string> order_variables;
    bool ordered = TopLevelOrder(query, order_variables);
    std::string diff;
    if (SameSolutions(expected, *actual, ordered, order_variables, &diff)) return {true, ""};
    return Fail("results differ: " + diff);
  }

  Outcome CompareCsv(sparql::QueryResults& results, const std::string& path) {
    auto actual = Actual(results);
    if (!actual.ok()) return Fail("execute: " + actual.status().ToString());
    std::string text;
    auto writer = sparql::MakeSolutionWriter(sparql::ResultFormat::kCsv, [&](std::string_view b) {
      text.append(b);
      return Status::OK();
    });
    Status st = writer->Begin(actual->variables);
    for (const auto& row : actual->rows)
      if (st.ok()) st = writer->Write(row);
    if (st.ok()) st = writer->Finish();
    if (!st.ok()) return Fail("writing CSV: " + st.message());
    auto normalise = [](std::string s) {
      std::string out;
      for (char c : s)
        if (c != '\r') out += c;
      while (!out.empty() && out.back() == '\n') out.pop_back();
      return out;
    };
    std::string expected = normalise(ReadFile(path)), got = normalise(text);
    // Blank-node labels are arbitrary: compare with labels replaced by order of appearance.
    auto relabel = [](const std::string& s) {
      std::string out;
      std::map<std::string, std::string> labels;
      for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, 2, "_:") == 0) {
          std::size_t j = i + 2;
          while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '-')) ++j;
          auto [it, added] = labels.try_emplace(s.substr(i, j - i), "_:b" + std::to_string(labels.size()));
          out += it->second;
          i = j;
        } else {
          out += s[i++];
        }
      }
      return out;
    };
    if (relabel(expected) == relabel(got)) return {true, ""};
    return Fail("CSV differs:\n--- expected\n" + expected + "\n--- got\n" + got);
  }

  bool verbose_;
};

void CollectManifests(const std::string& path, std::vector<Manifest>& out, std::set<std::string>& seen) {
  if (!seen.insert(fs::weakly_canonical(path).string()).second) return;
  Manifest m;
  Status st = LoadManifest(path, m);
  if (!st.ok()) {
    std::cerr << "cannot load manifest " << path << ": " << st.message() << "\n";
    std::exit(2);
  }
  auto includes = m.includes;
  out.push_back(std::move(m));
  for (const auto& inc : includes) CollectManifests(inc, out, seen);
}

}  // namespace
}  // namespace cairn::w3c

int main(int argc, char** argv) {
  using namespace cairn::w3c;
  CLI::App app{"W3C SPARQL query evaluation tests"};
  std::string root, manifest, name, skips_file, known_file, only;
  bool verbose = false;
  app.add_option("--suite-root", root, "shared/w3c/sparql")->required();
  app.add_option("--manifest", manifest, "Entry manifest relative to the suite root")->required();
  app.add_option("--name", name, "Suite name for the summary line");
  app.add_option("--skips", skips_file, "Tests that do not apply: key reason");
  app.add_option("--known-failures", known_file, "Tests allowed to fail for now: key reason");
  app.add_option("--only", only, "Run only tests whose key contains this");
  app.add_flag("--verbose", verbose, "Print every test");
  CLI11_PARSE(app, argc, argv);
  if (name.empty()) name = manifest;

  std::vector<Manifest> manifests;
  std::set<std::string> seen;
  CollectManifests((fs::path(root) / manifest).string(), manifests, seen);
  auto skips = ReadList(skips_file);
  auto known = ReadList(known_file);
  std::set<std::string> used_known;
  Runner runner(verbose);
  int passed = 0, failed = 0, skipped = 0, unexpected = 0, known_failed = 0;
  std::vector<std::string> stale;
  for (const Manifest& m : manifests) {
    std::string rel = fs::relative(m.path, root).string();
    for (const ManifestEntry& e : m.entries) {
      if (e.IsRetired() || !e.action) continue;
      if (!e.type.ends_with("#QueryEvaluationTest") && !e.type.ends_with("#CSVResultFormatTest") &&
          !e.type.ends_with("#UpdateEvaluationTest"))
        continue;
      std::string key = rel + "#" + (e.fragment.empty() ? e.name : e.fragment);
      if (!only.empty() && key.find(only) == std::string::npos) continue;
      if (skips.count(key)) {
        ++skipped;
        if (verbose) std::cout << "SKIP " << key << ": " << skips[key] << "\n";
        continue;
      }
      Outcome o = runner.Run(m, e);
      bool is_known = known.count(key) > 0;
      if (is_known) used_known.insert(key);
      if (o.passed) {
        ++passed;
        if (is_known) stale.push_back(key);
        if (verbose) std::cout << "PASS " << key << "\n";
      } else {
        ++failed;
        if (is_known) {
          ++known_failed;
          if (verbose) std::cout << "KNOWN " << key << ": " << o.reason.substr(0, 300) << "\n";
        } else {
          ++unexpected;
          std::cout << "FAIL " << key << ": " << o.reason.substr(0, 2000) << "\n";
        }
      }
    }
  }
  for (const auto& key : stale) std::cout << "NOW PASSES (remove from known failures): " << key << "\n";
  std::cout << name << ": " << passed << " passed, " << failed << " failed, " << skipped << " skipped";
  if (known_failed) std::cout << " (" << known_failed << " failures are listed as known)";
  std::cout << "\n";
  return unexpected == 0 && stale.empty() ? 0 : 1;
}
