// `cairn update`: one SPARQL 1.1 Update request, applied atomically.
#include <CLI/CLI.hpp>

#include <iostream>

#include "engine/cli/commands.h"
#include "engine/load_policy.h"
#include "http/http_fetch.h"
#include "engine/rdf_reader.h"
#include "engine/store.h"
#include "sparql/eval/query_context.h"
#include "sparql/eval/update_executor.h"
#include "sparql/parser/sparql_parser.h"

namespace cairn::cli {
namespace {

struct UpdateArgs {
  std::string location, update, update_file, base;
  std::vector<std::string> allow_load;
  bool allow_http_load = false, allow_http_load_private = false;
  double timeout = 0;
};

int RunUpdate(const UpdateArgs& args) {
  auto text = ReadRequestText(args.update, args.update_file);
  if (!text.ok()) return Fail(text.status().message(), 1);
  if (text->empty()) return Fail("give an update, or --update-file FILE", 2);
  std::string base = args.base;
  if (base.empty() && !args.update_file.empty()) base = FileIri(args.update_file);
  auto update = sparql::ParseUpdate(*text, base);
  if (!update.ok()) {
    std::cerr << "cairn: syntax error: " << update.status().message() << "\n";
    return 1;
  }
  StoreOptions store_options;
  store_options.create_if_missing = false;
  auto store = Store::Open(args.location, store_options);
  if (!store.ok()) return Fail(store.status());
  sparql::UpdateOptions options;
  options.load = MakeFileLoadHandler(args.allow_load);
  if (args.allow_http_load || args.allow_http_load_private) {
    http::FetchOptions fetch;
    fetch.allow_private = args.allow_http_load_private;
    options.load = http::MakeHttpLoadHandler(fetch, std::move(options.load));
  }
  options.deadline = sparql::DeadlineAfter(args.timeout);
  auto summary = (*store)->Update(*update, options);
  if (!summary.ok()) {
    std::cerr << "cairn: update failed, nothing was changed: " << summary.status().message() << "\n";
    return 1;
  }
  std::cout << "applied " << summary->operations << (summary->operations == 1 ? " operation" : " operations")
            << "; triples: " << summary->triples_before << " -> " << summary->triples_after << "\n";
  return 0;
}

}  // namespace

void AddUpdateCommand(CLI::App& app) {
  auto args = std::make_shared<UpdateArgs>();
  CLI::App* cmd = app.add_subcommand("update", "Apply a SPARQL 1.1 Update request atomically");
  cmd->add_option("--location,-l", args->location, "Store directory")->required();
  cmd->add_option("update", args->update, "The update text");
  cmd->add_option("--update-file,-u", args->update_file, "Read the update from this file");
  cmd->add_option("--base", args->base, "Base IRI for relative IRIs in the update");
  cmd->add_option("--allow-load", args->allow_load, "LOAD may read file: IRIs inside this directory (repeatable)")->allow_extra_args(false);
  cmd->add_flag("--allow-http-load", args->allow_http_load, "LOAD may fetch http(s) IRIs of public hosts (off by default)");
  cmd->add_flag("--allow-http-load-private", args->allow_http_load_private,
                "... and of loopback, private and link-local addresses too (implies --allow-http-load)");
  cmd->add_option("--timeout", args->timeout, "Give up (changing nothing) after this many seconds");
  cmd->callback([args] { g_exit_code = RunUpdate(*args); });
}

}  // namespace cairn::cli
