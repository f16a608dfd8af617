#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/query_output.h"
#include "engine/rdf_reader.h"
#include "engine/store.h"
#include "sparql/eval/query_context.h"
#include "sparql/parser/sparql_parser.h"
#include "sparql/results/solution_writer.h"

namespace cairn::cli {
namespace {

struct QueryArgs {
  std::string location, query, query_file, base, format;
  std::vector<std::string> default_graphs, named_graphs;
  bool explain = false;
  double timeout = 0;
};

Status WriteStdout(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) return Status::IOError("cannot write to stdout");
  return Status::OK();
}

Status StreamResults(sparql::QueryResults& results, const std::string& format_name) {
  using Form = sparql::Query::Form;
  if (results.form() == Form::kSelect || results.form() == Form::kAsk) {
    auto format = sparql::ResultFormatFromName(format_name.empty() ? "json" : format_name);
    if (!format) {
      return Status::InvalidArgument("format '" + format_name + "' cannot hold SELECT or ASK results (json, xml, csv, tsv)");
    }
    return StreamSolutions(results, *format, WriteStdout);
  }
  auto format = RdfFormatFromName(format_name.empty() ? "turtle" : format_name);
  if (!format) {
    return Status::InvalidArgument("format '" + format_name +
                                   "' cannot hold CONSTRUCT or DESCRIBE results (turtle, ntriples, nquads, trig)");
  }
  return StreamTriples(results, *format, WriteStdout);
}

int RunQuery(const QueryArgs& args) {
  auto text = ReadRequestText(args.query, args.query_file);
  if (!text.ok()) return Fail(text.status().message(), 1);
  if (text->empty()) return Fail("give a query, or --query-file FILE", 2);
  std::string base = args.base;
  if (base.empty() && !args.query_file.empty()) base = FileIri(args.query_file);
  auto query = sparql::ParseQuery(*text, base);
  if (!query.ok()) {
    std::cerr << "cairn: syntax error: " << query.status().message() << "\n";
    return 1;
  }
  if (args.explain) std::cerr << "algebra:\n" << sparql::ToSse(*query) << "\n";
  StoreOptions store_options;
  store_options.read_only = true;
  auto store = Store::Open(args.location, store_options);
  if (!store.ok()) return Fail(store.status());
  sparql::ExecuteOptions options;
  for (const auto& g : args.default_graphs) options.default_graphs.push_back(Term::Iri(g));
  for (const auto& g : args.named_graphs) options.named_graphs.push_back(Term::Iri(g));
  options.deadline = sparql::DeadlineAfter(args.timeout);
  auto results = (*store)->Execute(*query, options);
  if (!results.ok()) return Fail(results.status());
  if (args.explain) std::cerr << "plan:\n" << (*results)->Explain();
  Status st = StreamResults(**results, args.format);
  std::fflush(stdout);
  if (st.code() == Status::Code::kTimeout) {
    std::cerr << "\ncairn: query timed out after " << args.timeout << " s; the output above is incomplete\n";
    return 1;
  }
  if (!st.ok()) return Fail(st);
  return 0;
}

}  // namespace

void AddQueryCommand(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand("query", "Run a SPARQL query and write its results to stdout");
  cmd->add_option("--location,-l", args->location, "Store directory")->required();
  cmd->add_option("query", args->query, "The query text");
  cmd->add_option("--query-file,-q", args->query_file, "Read the query from this file");
  cmd->add_option("--base", args->base, "Base IRI for relative IRIs in the query");
  cmd->add_option("--default-graph", args->default_graphs, "A graph of the default graph (like FROM; repeatable)")->allow_extra_args(false);
  cmd->add_option("--named-graph", args->named_graphs, "A named graph (like FROM NAMED; repeatable)")->allow_extra_args(false);
  cmd->add_option("--format,-f", args->format,
                  "SELECT/ASK: json (default), xml, csv, tsv; CONSTRUCT/DESCRIBE: turtle (default), ntriples, nquads, trig");
  cmd->add_flag("--explain", args->explain, "Print the algebra and the plan to stderr");
  cmd->add_option("--timeout", args->timeout, "Stop the query after this many seconds");
  cmd->callback([args] { g_exit_code = RunQuery(*args); });
}

}  // namespace cairn::cli
