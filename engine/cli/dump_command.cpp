#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "engine/cli/commands.h"
#include "engine/store.h"

namespace cairn::cli {
namespace {

struct DumpArgs {
  std::string location;
  std::string graph;
  bool default_graph = false;
  std::string format = "nquads";
  std::string output;
};

int RunDump(const DumpArgs& args) {
  auto format = RdfFormatFromName(args.format);
  if (!format) return Fail("unknown format '" + args.format + "' (ntriples, nquads, turtle, trig, rdfxml, jsonld)", 2);
  std::optional<Term> graph;
  if (args.default_graph) graph = Term::DefaultGraph();
  if (!args.graph.empty()) {
    auto g = ParseNTriplesTerm(args.graph);
    if (!g.ok() || !g->is_iri()) return Fail("--graph needs an absolute IRI, got '" + args.graph + "'", 2);
    graph = *g;
  }
  StoreOptions options;
  options.read_only = true;
  auto store = Store::Open(args.location, options);
  if (!store.ok()) return Fail(store.status());
  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  std::string temp;
  if (!args.output.empty()) {
    temp = args.output + ".partial";  // a failed dump never leaves a truncated file in place
    file.reset(std::fopen(temp.c_str(), "wb"));
    if (!file) return Fail("cannot write " + args.output + ": " + std::strerror(errno));
    out = file.get();
  }
  Status st = (*store)->Dump(*format, graph, [out](std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size())
      return Status::IOError(std::string("write failed: ") + std::strerror(errno));
    return Status::OK();
  });
  if (st.ok() && std::fflush(out) != 0) st = Status::IOError(std::string("write failed: ") + std::strerror(errno));
  if (file) {
    bool closed = std::fclose(file.release()) == 0;
    if (st.ok() && !closed) st = Status::IOError("cannot close " + temp);
    if (st.ok() && std::rename(temp.c_str(), args.output.c_str()) != 0)
      st = Status::IOError("cannot rename " + temp + " to " + args.output);
    if (!st.ok()) std::remove(temp.c_str());
  }
  if (!st.ok()) return Fail(st);
  return 0;
}

}  // namespace

void AddDumpCommand(CLI::App& app) {
  auto args = std::make_shared<DumpArgs>();
  CLI::App* cmd = app.add_subcommand("dump", "Write a store's data as RDF");
  cmd->add_option("--location,-l", args->location, "Store directory")->required();
  auto* g = cmd->add_option("--graph,-g", args->graph, "Only this named graph (IRI)");
  cmd->add_flag("--default-graph", args->default_graph, "Only the default graph")->excludes(g);
  cmd->add_option("--format,-f", args->format, "nquads (default), trig, ntriples, turtle, rdfxml or jsonld");
  cmd->add_option("--output,-o", args->output, "Write to this file instead of stdout");
  cmd->callback([args] { g_exit_code = RunDump(*args); });
}

}  // namespace cairn::cli
