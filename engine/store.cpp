#include "engine/store.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <mutex>
#include <random>
#include <cstdio>
#include <thread>

#include "engine/graph_clock.h"
#include "engine/quad_batch_pipe.h"
#include "engine/rdf_reader.h"

namespace cairn {

Store::Store(std::unique_ptr<QuadStore> store) : store_(std::move(store)) {
  std::random_device random;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%08x%08x", random(), random());
  instance_ = hex;
}

std::string Store::StateTag() const {
  return instance_ + "-" + std::to_string(generation_.load(std::memory_order_acquire));
}

Result<sparql::UpdateSummary> Store::Update(const sparql::Update& update, const sparql::UpdateOptions& options) {
  GraphClockMark clock(*store_);  // stamps the graphs the update changed (graph_clock.h)
  auto summary = sparql::ExecuteUpdate(update, *store_, options);
  if (summary.ok()) clock.Touch(GraphsNamedBy(update));
  // A failed request changed nothing, but bumping anyway is harmless: a spare ETag change only
  // costs a client one full response.
  Changed();
  return summary;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& location, const StoreOptions& options) {
  auto store = QuadStore::Open(location, options);
  if (!store.ok()) return store.status();
  auto opened = std::unique_ptr<Store>(new Store(std::move(store).value()));
  opened->location_ = location;
  return opened;
}

Result<LoadReport> Store::Load(const std::vector<std::string>& files, const LoadOptions& options) {
  GraphClockMark clock(*store_);  // declared first: stamps after the loader has let go of the write lock
  std::vector<RdfFormat> formats;
  std::uint64_t total_bytes = 0;
  for (const std::string& file : files) {
    std::optional<RdfFormat> format = options.format;
    if (!format) format = RdfFormatFromPath(file);
    if (!format) {
      return Status::InvalidArgument("cannot tell the format of " + file +
                                     " from its extension (.nt .nq .ttl .trig .rdf .jsonld, optionally .gz): use --format");
    }
    formats.push_back(*format);
    std::error_code ec;
    if (file != "-") total_bytes += std::filesystem::file_size(file, ec);
  }
  auto loader = store_->NewBulkLoader();
  if (!loader.ok()) return loader.status();
  LoadReport report;
  auto start = std::chrono::steady_clock::now();
  // Serd parses on a second thread while this one encodes and buffers: the two halves of the
  // work take about the same time, so the load runs close to the parser's own speed.
  QuadBatchPipe pipe;
  Status read_status;
  std::mutex prefixes_mutex;
  std::vector<std::pair<std::string, std::string>> prefixes;
  PrefixSink on_prefix = [&](std::string_view prefix, std::string_view iri) {
    std::lock_guard lock(prefixes_mutex);
    prefixes.emplace_back(prefix, iri);
  };
  std::thread reader([&] {
    std::uint64_t done_before = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
      RdfReadOptions read;
      read.format = formats[i];
      read.base_iri = options.base_iri;
      read.default_graph = options.graph;
      read.lenient = options.lenient;
      std::uint64_t statements_before = report.statements;
      RdfReadStats stats;
      if (options.progress) {
        read.progress = [&](std::uint64_t bytes) {
          options.progress(done_before + bytes, total_bytes, statements_before + stats.statements);
        };
      }
      pipe.NewScope();
      read_status = ReadRdfFile(files[i], read, [&](const Quad& q) { return pipe.Push(q); }, &stats, on_prefix);
      report.statements += stats.statements;
      report.skipped += stats.skipped;
      if (report.first_skipped_error.empty()) report.first_skipped_error = stats.first_error;
      done_before += stats.total_bytes;
      ++report.files;
      if (!read_status.ok()) break;
    }
    pipe.Close();
  });
  Status add_status = pipe.Consume([&](const Quad* quads, std::size_t n, bool new_scope) {
    if (new_scope) (*loader)->NewBlankNodeScope();
    for (std::size_t i = 0; i < n; ++i) CAIRN_RETURN_IF_ERROR((*loader)->Add(quads[i]));
    return Status::OK();
  });
  reader.join();
  CAIRN_RETURN_IF_ERROR(add_status);
  CAIRN_RETURN_IF_ERROR(read_status);
  for (const auto& [prefix, iri] : prefixes) (*loader)->AddPrefix(prefix, iri);
  report.parse_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto summary = (*loader)->Finish();
  Changed();
  if (!summary.ok()) return summary.status();
  report.quads_added = summary->quads_added;
  report.phases = *summary;
  return report;
}

PrefixList PrefixesFor(const ReadView& view) {
  // The data's own prefixes first; well-known ones fill in names and namespaces not yet taken.
  PrefixList list = view.Prefixes();
  std::set<std::string> names, namespaces;
  for (const auto& [name, iri] : list) {
    names.insert(name);
    namespaces.insert(iri);
  }
  for (auto& [name, iri] : WellKnownPrefixes()) {
    if (!names.count(name) && !namespaces.count(iri)) list.emplace_back(name, iri);
  }
  return list;
}

Result<Term> TermDecoder::Decode(TermId id) {
  if (!id.in_dictionary()) return view_.Decode(id);
  auto& slot = cache_[TermIdHash()(id) & (kSlots - 1)];
  if (slot.first == id) return slot.second;
  auto term = view_.Decode(id);
  if (term.ok()) slot = {id, *term};
  return term;
}

Status TermDecoder::DecodeQuad(const QuadIds& ids, Quad& quad) {
  const TermId in[] = {ids.subject, ids.predicate, ids.object, ids.graph};
  Term* out[] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
  for (int i = 0; i < 4; ++i) {
    auto term = Decode(in[i]);
    if (!term.ok()) return term.status();
    *out[i] = std::move(term).value();
  }
  return Status::OK();
}

Status Store::Dump(RdfFormat format, const std::optional<Term>& graph, const ByteSink& sink) {
  auto view = store_->Snapshot();
  std::vector<GraphSelector> selectors;
  if (graph) {
    auto id = view->Lookup(*graph);
    if (!id.ok()) return id.status();
    if (!graph->is_default_graph()) {
      std::vector<TermId> named = view->NamedGraphs();
      if (!id.value() || std::find(named.begin(), named.end(), *id.value()) == named.end())
        return Status::NotFound("the store has no graph " + ToNTriples(*graph));
    }
    selectors.push_back(GraphSelector::One(*id.value()));
  } else {
    selectors.push_back(GraphSelector::Default());
    std::vector<TermId> named = view->NamedGraphs();
    if (!named.empty() && !RdfFormatHasGraphs(format)) {
      return Status::InvalidArgument(std::string(RdfFormatName(format)) +
                                     " holds one graph but the store has named graphs: choose one with "
                                     "--graph, or dump as nquads or trig");
    }
    for (TermId g : named) selectors.push_back(GraphSelector::One(g));
  }
  auto writer = MakeRdfWriter(format, sink, PrefixesFor(*view));
  TermDecoder decoder(*view);
  Quad quad;
  for (const GraphSelector& selector : selectors) {
    auto it = view->Scan(QuadPattern{TermId::None(), TermId::None(), TermId::None(), selector});
    for (; it->Valid(); it->Next()) {
      CAIRN_RETURN_IF_ERROR(decoder.DecodeQuad(it->quad(), quad));
      CAIRN_RETURN_IF_ERROR(writer->Write(quad));
    }
    CAIRN_RETURN_IF_ERROR(it->status());
  }
  return writer->Finish();
}

Status Store::Match(const std::optional<Term>& subject, const std::optional<Term>& predicate,
                    const std::optional<Term>& object, const std::optional<Term>& graph,
                    const std::function<bool(const Quad&)>& sink) {
  auto view = store_->Snapshot();
  TermId ids[3];
  const std::optional<Term>* terms[] = {&subject, &predicate, &object};
  for (int i = 0; i < 3; ++i) {
    if (!*terms[i]) continue;
    auto id = view->Lookup(**terms[i]);
    if (!id.ok()) return id.status();
    if (!id.value()) return Status::OK();  // a term the store has never seen matches nothing
    ids[i] = *id.value();
  }
  GraphSelector selector = GraphSelector::All();
  if (graph) {
    auto id = view->Lookup(*graph);
    if (!id.ok()) return id.status();
    if (!id.value()) return Status::OK();
    selector = GraphSelector::One(*id.value());
  }
  TermDecoder decoder(*view);
  Quad quad;
  auto it = view->Scan(QuadPattern{ids[0], ids[1], ids[2], selector});
  for (; it->Valid(); it->Next()) {
    CAIRN_RETURN_IF_ERROR(decoder.DecodeQuad(it->quad(), quad));
    if (!sink(quad)) break;
  }
  return it->status();
}

Result<std::unique_ptr<sparql::QueryResults>> Store::Execute(const sparql::Query& query,
                                                             const sparql::ExecuteOptions& options) {
  return sparql::ExecuteQuery(query, store_->Snapshot(), options);
}

StoreSummary Store::Summary() const {
  auto view = store_->Snapshot();
  const Statistics& stats = view->statistics();
  StoreSummary s;
  s.triples = stats.total_triples();
  auto def = stats.graph_triples.find(TermId::None());
  s.default_graph_triples = def == stats.graph_triples.end() ? 0 : def->second;
  s.named_graphs = stats.named_graph_count();
  s.predicates = stats.PredicatesAllGraphs().size();
  s.disk_bytes = store_->DiskSizeBytes();
  return s;
}

Result<Term> ParseNTriplesTerm(const std::string& text) {
  std::string t = text;
  if (t.empty()) return Status::InvalidArgument("empty term");
  if (t[0] != '<' && t[0] != '"' && t[0] != '_') t = "<" + t + ">";
  std::string statement = "<urn:cairn:s> <urn:cairn:p> " + t + " .\n";
  std::optional<Term> result;
  RdfReadOptions options;
  options.format = RdfFormat::kNTriples;
  Status st = ReadRdfString(statement, "term", options, [&](const Quad& q) {
    result = q.object;
    return Status::OK();
  });
  if (!st.ok() || !result) return Status::InvalidArgument("not an N-Triples term: " + text);
  return *result;
}

}  // namespace cairn
