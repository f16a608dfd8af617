#include <CLI/CLI.hpp>

#include <cstdio>

#include "engine/cli/commands.h"
#include "engine/store.h"

namespace cairn::cli {

void AddStatsCommand(CLI::App& app) {
  auto location = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("stats", "Show a store's size: triples, graphs, predicates, bytes on disk");
  cmd->add_option("--location,-l", *location, "Store directory")->required();
  cmd->callback([location] {
    StoreOptions options;
    options.read_only = true;
    auto store = Store::Open(*location, options);
    if (!store.ok()) {
      g_exit_code = Fail(store.status());
      return;
    }
    StoreSummary s = (*store)->Summary();
    std::printf("store: %s\n", location->c_str());
    std::printf("triples: %llu\n", static_cast<unsigned long long>(s.triples));
    std::printf("default graph triples: %llu\n", static_cast<unsigned long long>(s.default_graph_triples));
    std::printf("named graphs: %llu\n", static_cast<unsigned long long>(s.named_graphs));
    std::printf("predicates: %llu\n", static_cast<unsigned long long>(s.predicates));
    std::printf("disk bytes: %llu", static_cast<unsigned long long>(s.disk_bytes));
    if (s.triples) std::printf(" (%.1f per triple)", static_cast<double>(s.disk_bytes) / s.triples);
    std::printf("\n");
  });
}

}  // namespace cairn::cli
