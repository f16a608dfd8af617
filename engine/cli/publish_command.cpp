// cairn publish: declares the datasets the store publishes (engine/publish.h), then brings their
// dumps and the catalogue up to date (engine/catalogue.h), so that `cairn serve` has them ready.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "engine/catalogue.h"
#include "engine/cli/commands.h"
#include "engine/publish.h"
#include "engine/store.h"
#include "vocab/dcat.h"

namespace cairn::cli {
namespace {

struct PublishArgs {
  std::string location;
  std::string config;
  std::string withdraw;
  bool list = false;
  std::string base_uri = "http://127.0.0.1:7878/";
  DatasetOptions dataset;
  CatalogOptions catalog;
};

void PrintCatalogue(const Catalogue& catalogue) {
  for (const PublishedDataset& d : catalogue.datasets) {
    const DatasetStatistics& s = d.statistics;
    std::printf("%s: %s\n", d.declaration.id.c_str(), DeclaredText(d.declaration, vocab::dcterms::kTitle).c_str());
    std::printf("  graphs: %zu, triples: %llu, entities: %llu, classes: %llu, properties: %llu, modified: %s\n",
                d.declaration.graphs.size(), static_cast<unsigned long long>(s.triples),
                static_cast<unsigned long long>(s.entities), static_cast<unsigned long long>(s.classes),
                static_cast<unsigned long long>(s.properties), d.modified.c_str());
    for (const DumpFile& f : d.dumps)
      std::printf("  dump %s: %llu bytes, sha256 %s\n", f.file_name.c_str(), static_cast<unsigned long long>(f.byte_size),
                  f.sha256.c_str());
  }
}

int RunPublish(const PublishArgs& args) {
  bool declaring = !args.dataset.id.empty() || !args.config.empty() || !args.catalog.title.empty() ||
                   !args.catalog.description.empty() || !args.catalog.publisher.empty();
  if (!args.config.empty() && !args.dataset.id.empty())
    return Fail("give either --config FILE or --dataset ID with its options, not both", 2);
  if (!args.withdraw.empty() && declaring) return Fail("--withdraw takes no other declaration", 2);
  if (args.dataset.id.empty() && (!args.dataset.graphs.empty() || !args.dataset.title.empty()))
    return Fail("--graph, --title ... describe a dataset: name it with --dataset ID", 2);
  if (args.base_uri.empty() || args.base_uri.back() != '/' || args.base_uri.find("://") == std::string::npos)
    return Fail("--base-uri must be an absolute http(s) URI ending with '/', not " + args.base_uri, 2);

  std::vector<Quad> declarations;
  if (!args.config.empty()) {
    auto triples = DeclarationTriplesFromFile(args.config);
    if (!triples.ok()) return Fail(triples.status());
    declarations = std::move(triples).value();
    auto catalog = DeclarationTriples({}, args.catalog);  // --catalog-* options add to the file's
    if (!catalog.ok()) return Fail(catalog.status());
    declarations.insert(declarations.end(), catalog->begin(), catalog->end());
  } else if (declaring) {
    std::vector<DatasetOptions> datasets;
    if (!args.dataset.id.empty()) datasets.push_back(args.dataset);
    auto triples = DeclarationTriples(datasets, args.catalog);
    if (!triples.ok()) return Fail(triples.status());
    declarations = std::move(triples).value();
  }

  auto store = Store::Open(args.location, StoreOptions{.create_if_missing = false});
  if (!store.ok()) return Fail(store.status());
  if (!args.withdraw.empty()) {
    Status st = Withdraw(**store, args.withdraw);
    if (!st.ok()) return Fail(st);
  } else if (declaring) {
    Status st = Publish(**store, declarations);
    if (!st.ok()) return Fail(st);
    if (!args.dataset.id.empty()) {
      const char* missing[][2] = {{args.dataset.contact.empty() ? "--contact" : nullptr, "a contact point"},
                                  {args.dataset.keywords.empty() ? "--keyword" : nullptr, "keywords"},
                                  {args.dataset.themes.empty() ? "--theme" : nullptr, "a theme"},
                                  {args.dataset.spatial.empty() ? "--spatial" : nullptr, "spatial coverage"},
                                  {args.dataset.temporal.empty() ? "--temporal" : nullptr, "temporal coverage"}};
      for (auto& m : missing)
        if (m[0]) std::fprintf(stderr, "cairn: note: no %s: DCAT-AP recommends %s for a dataset\n", m[0], m[1]);
    }
  }
  auto catalogue = RefreshCatalogue(**store, args.base_uri);
  if (!catalogue.ok()) return Fail(catalogue.status());
  if ((*catalogue)->datasets.empty()) std::printf("no dataset is published\n");
  PrintCatalogue(**catalogue);
  return 0;
}

}  // namespace

void AddPublishCommand(CLI::App& app) {
  auto args = std::make_shared<PublishArgs>();
  CLI::App* cmd = app.add_subcommand(
      "publish", "Declare a dataset (named graphs + DCAT description) to publish, and build its dumps and the catalogue");
  cmd->add_option("--location,-l", args->location, "Store directory")->required();
  cmd->add_option("--config", args->config, "A Turtle file of DCAT descriptions (each dcat:Dataset with dct:identifier and <urn:cairn:graph> links)");
  cmd->add_option("--withdraw", args->withdraw, "Stop publishing the dataset with this id");
  cmd->add_flag("--list", args->list, "Only show what is published (the default without declarations)");
  cmd->add_option("--base-uri", args->base_uri, "URI space for the catalogue built now (cairn serve rebuilds it for its own)");
  DatasetOptions& d = args->dataset;
  cmd->add_option("--dataset", d.id, "Dataset id ([A-Za-z0-9_-]+): names /id/dataset/ID and the dumps ID.nt.gz ...");
  cmd->add_option("--graph", d.graphs, "A named graph of the dataset (repeat for several)");
  cmd->add_option("--title", d.title, "Title (English)");
  cmd->add_option("--description", d.description, "Description (English)");
  cmd->add_option("--publisher", d.publisher, "Publisher IRI (a foaf:Agent)");
  cmd->add_option("--publisher-name", d.publisher_name, "Publisher's name (default: a name the data gives the IRI)");
  cmd->add_option("--license", d.license, "Licence IRI (default: the Open Government Licence v3.0)");
  cmd->add_option("--keyword", d.keywords, "Keyword (repeat)");
  cmd->add_option("--theme", d.themes, "Theme IRI or EU data-theme code such as GOVE, ENVI (repeat)");
  cmd->add_option("--temporal", d.temporal, "Temporal coverage START/END (xsd:date or dateTime)");
  cmd->add_option("--spatial", d.spatial, "Spatial coverage IRI or EU country code such as GBR (repeat)");
  cmd->add_option("--accrual-periodicity", d.accrual_periodicity, "Update frequency IRI or EU frequency code such as ANNUAL");
  cmd->add_option("--contact", d.contact, "Contact e-mail address or URL");
  cmd->add_option("--uri-space", d.uri_space, "void:uriSpace of the dataset's resources (default: computed)");
  cmd->add_option("--catalog-title", args->catalog.title, "The catalogue's title");
  cmd->add_option("--catalog-description", args->catalog.description, "The catalogue's description");
  cmd->add_option("--catalog-publisher", args->catalog.publisher, "The catalogue's publisher IRI (default: a dataset's)");
  cmd->add_option("--catalog-publisher-name", args->catalog.publisher_name, "The catalogue publisher's name");
  cmd->callback([args] { g_exit_code = RunPublish(*args); });
}

}  // namespace cairn::cli
