#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/store.h"

namespace cairn::cli {
namespace {

struct LoadArgs {
  std::string location;
  std::string graph;
  std::string base;
  std::string format;
  bool lenient = false;
  bool verbose = false;
  std::vector<std::string> files;
};

std::string Thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

int RunLoad(const LoadArgs& args) {
  LoadOptions options;
  if (!args.format.empty()) {
    options.format = RdfFormatFromName(args.format);
    if (!options.format) return Fail("unknown format '" + args.format + "' (ntriples, nquads, turtle, trig, rdfxml, jsonld)", 2);
  }
  if (!args.graph.empty()) {
    auto graph = ParseNTriplesTerm(args.graph);
    if (!graph.ok() || !graph->is_iri()) return Fail("--graph needs an absolute IRI, got '" + args.graph + "'", 2);
    options.graph = *graph;
  }
  options.base_iri = args.base;
  options.lenient = args.lenient;
  // Check what can be checked before the store is opened (and perhaps created).
  for (const auto& file : args.files) {
    if (!options.format && !RdfFormatFromPath(file))
      return Fail("cannot tell the format of " + file + " from its extension (.nt .nq .ttl .trig .rdf .jsonld, optionally .gz): use --format", 2);
    if (file != "-" && access(file.c_str(), R_OK) != 0) return Fail("cannot read " + file, 1);
  }
  auto start = std::chrono::steady_clock::now();
  bool tty = isatty(STDERR_FILENO);
  auto last = start;
  if (tty) {
    options.progress = [&](std::uint64_t done, std::uint64_t total, std::uint64_t statements) {
      auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(500)) return;
      last = now;
      double secs = std::chrono::duration<double>(now - start).count();
      std::fprintf(stderr, "\r%s triples, %s triples/s", Thousands(statements).c_str(),
                   Thousands(static_cast<std::uint64_t>(statements / std::max(secs, 1e-3))).c_str());
      if (total) std::fprintf(stderr, ", %.0f%% of %.1f MB", 100.0 * done / total, total / 1e6);
      std::fprintf(stderr, "   ");
    };
  }
  StoreOptions store_options;
  auto store = Store::Open(args.location, store_options);
  if (!store.ok()) return Fail(store.status());
  auto report = (*store)->Load(args.files, options);
  if (tty) std::fprintf(stderr, "\r%80s\r", "");
  if (!report.ok()) {
    std::cerr << "cairn: load failed, nothing was stored: " << report.status().message() << "\n";
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "loaded " << Thousands(report->statements) << " statements from " << report->files
            << (report->files == 1 ? " file" : " files") << " in " << std::fixed;
  std::cout.precision(2);
  std::cout << secs << " s (" << Thousands(static_cast<std::uint64_t>(report->statements / std::max(secs, 1e-3)))
            << " statements/s); " << Thousands(report->quads_added) << " new quads stored\n";
  if (args.verbose) {
    std::printf("phases: parse+encode %.2f s, sort %.2f s, write SSTs %.2f s, ingest %.2f s\n",
                report->parse_seconds, report->phases.sort_seconds, report->phases.write_seconds,
                report->phases.ingest_seconds);
  }
  if (report->skipped) {
    std::cout << "skipped " << Thousands(report->skipped) << " bad statements (--lenient); first: "
              << report->first_skipped_error << "\n";
  }
  return 0;
}

}  // namespace

void AddLoadCommand(CLI::App& app) {
  auto args = std::make_shared<LoadArgs>();
  CLI::App* cmd = app.add_subcommand("load", "Bulk-load RDF files into a store (all or nothing)");
  cmd->add_option("--location,-l", args->location, "Store directory (created if missing)")->required();
  cmd->add_option("--graph,-g", args->graph, "Load triples into this named graph (IRI)");
  cmd->add_option("--base", args->base, "Base IRI for relative IRIs (default: each file's file: IRI)");
  cmd->add_option("--format,-f", args->format, "ntriples, nquads, turtle, trig, rdfxml or jsonld (default: from extension)");
  cmd->add_flag("--lenient", args->lenient, "Skip bad statements instead of failing, and report them");
  cmd->add_flag("--verbose,-v", args->verbose, "Print the time of each load phase");
  cmd->add_option("files", args->files, "Files to load (.gz allowed; - for stdin)")->required();
  cmd->callback([args] { g_exit_code = RunLoad(*args); });
}

}  // namespace cairn::cli
