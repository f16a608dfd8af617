// `cairn match`: the quads matching one pattern, the store's query primitive until SPARQL
// arrives (issue 3). Terms are given in N-Triples syntax; a bare IRI is accepted.
#include <CLI/CLI.hpp>

#include <iostream>

#include "engine/cli/commands.h"
#include "engine/store.h"

namespace cairn::cli {
namespace {

struct MatchArgs {
  std::string location, subject, predicate, object, graph;
  std::uint64_t limit = 0;
};

int RunMatch(const MatchArgs& args) {
  std::optional<Term> terms[4];
  const std::string* texts[] = {&args.subject, &args.predicate, &args.object, &args.graph};
  const char* names[] = {"--subject", "--predicate", "--object", "--graph"};
  for (int i = 0; i < 4; ++i) {
    if (texts[i]->empty()) continue;
    auto term = ParseNTriplesTerm(*texts[i]);
    if (!term.ok()) return Fail(std::string(names[i]) + ": " + term.status().message(), 2);
    terms[i] = *term;
  }
  StoreOptions options;
  options.read_only = true;
  auto store = Store::Open(args.location, options);
  if (!store.ok()) return Fail(store.status());
  auto writer = MakeRdfWriter(RdfFormat::kNQuads, [](std::string_view bytes) {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return Status::OK();
  });
  std::uint64_t n = 0;
  Status st = (*store)->Match(terms[0], terms[1], terms[2], terms[3], [&](const Quad& q) {
    if (!writer->Write(q).ok()) return false;
    return args.limit == 0 || ++n < args.limit;
  });
  if (st.ok()) st = writer->Finish();
  if (!st.ok()) return Fail(st);
  return 0;
}

}  // namespace

void AddMatchCommand(CLI::App& app) {
  auto args = std::make_shared<MatchArgs>();
  CLI::App* cmd = app.add_subcommand("match", "Print the quads matching a pattern (as N-Quads)");
  cmd->add_option("--location,-l", args->location, "Store directory")->required();
  cmd->add_option("--subject,-s", args->subject, "Subject IRI or _:blank");
  cmd->add_option("--predicate,-p", args->predicate, "Predicate IRI");
  cmd->add_option("--object,-o", args->object, "Object: <iri>, \"literal\"@lang, \"1\"^^<datatype>");
  cmd->add_option("--graph,-g", args->graph, "Named graph IRI (default: all graphs)");
  cmd->add_option("--limit", args->limit, "At most this many quads");
  cmd->callback([args] { g_exit_code = RunMatch(*args); });
}

}  // namespace cairn::cli
