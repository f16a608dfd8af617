#include "engine/rdf_reader.h"

#include <serd/serd.h>
#include <zlib.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "vocab/vocab.h"

namespace cairn {
namespace {

SerdSyntax ToSerd(RdfFormat format) {
  switch (format) {
    case RdfFormat::kNTriples: return SERD_NTRIPLES;
    case RdfFormat::kNQuads: return SERD_NQUADS;
    case RdfFormat::kTurtle: return SERD_TURTLE;
    case RdfFormat::kTriG: return SERD_TRIG;
  }
  return SERD_NTRIPLES;
}

std::string_view View(const SerdNode* node) {
  return {reinterpret_cast<const char*>(node->buf), node->n_bytes};
}

struct EnvDeleter {
  void operator()(SerdEnv* env) const { serd_env_free(env); }
};
struct ReaderDeleter {
  void operator()(SerdReader* reader) const { serd_reader_free(reader); }
};

// Everything the Serd callbacks need; one per document.
class ReadContext {
 public:
  ReadContext(const RdfReadOptions& options, std::string source, const QuadSink& sink,
              const PrefixSink& prefixes, RdfReadStats& stats)
      : options_(options), source_(std::move(source)), sink_(sink), prefixes_(prefixes), stats_(stats) {
    SerdNode base = serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(options.base_iri.c_str()));
    env_.reset(serd_env_new(options.base_iri.empty() ? nullptr : &base));
    quad_.graph = options.default_graph;
    // N-Triples and N-Quads IRIs are absolute by definition: no resolution needed (and a
    // relative one is an error there).
    resolve_ = options.format == RdfFormat::kTurtle || options.format == RdfFormat::kTriG;
  }

  static SerdStatus OnBase(void* handle, const SerdNode* uri) {
    auto* self = static_cast<ReadContext*>(handle);
    return serd_env_set_base_uri(self->env_.get(), uri);
  }

  static SerdStatus OnPrefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto* self = static_cast<ReadContext*>(handle);
    SerdStatus st = serd_env_set_prefix(self->env_.get(), name, uri);
    if (st == SERD_SUCCESS && self->prefixes_) {
      SerdNode expanded = serd_env_expand_node(self->env_.get(), uri);
      if (expanded.buf) {
        self->prefixes_(View(name), View(&expanded));
        serd_node_free(&expanded);
      }
    }
    return st;
  }

  static SerdStatus OnStatement(void* handle, SerdStatementFlags, const SerdNode* graph,
                                const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                                const SerdNode* datatype, const SerdNode* lang) {
    auto* self = static_cast<ReadContext*>(handle);
    return self->Statement(graph, subject, predicate, object, datatype, lang);
  }

  static SerdStatus OnError(void* handle, const SerdError* error) {
    auto* self = static_cast<ReadContext*>(handle);
    char message[1024];
    va_list args;
    va_copy(args, *error->args);
    std::vsnprintf(message, sizeof message, error->fmt, args);
    va_end(args);
    std::string text = message;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    self->RecordError(error->line, error->col, text);
    return SERD_SUCCESS;
  }

  void RecordError(unsigned line, unsigned column, const std::string& text) {
    std::string located = source_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + text;
    if (options_.lenient) {
      ++stats_.skipped;
      if (stats_.first_error.empty()) stats_.first_error = located;
      return;
    }
    if (error_.empty()) error_ = located;
  }

  const std::string& error() const { return error_; }
  const Status& sink_status() const { return sink_status_; }

 private:
  // Fills `out` with the IRI of a URI or CURIE node, resolved against the base.
  bool Iri(const SerdNode* node, std::string& out) {
    if (node->type == SERD_URI && !resolve_) {
      out.assign(View(node));
      if (!serd_uri_string_has_scheme(node->buf)) {
        RecordError(0, 0, "relative IRI <" + out + "> is not allowed in " +
                              std::string(RdfFormatName(options_.format)));
        return false;
      }
      return true;
    }
    if (node->type == SERD_CURIE) {
      SerdChunk prefix, suffix;
      if (serd_env_expand(env_.get(), node, &prefix, &suffix) != SERD_SUCCESS) {
        RecordError(0, 0, "undefined prefix in " + std::string(View(node)));
        return false;
      }
      out.assign(reinterpret_cast<const char*>(prefix.buf), prefix.len);
      out.append(reinterpret_cast<const char*>(suffix.buf), suffix.len);
      return true;
    }
    SerdNode expanded = serd_env_expand_node(env_.get(), node);
    if (!expanded.buf) {
      out.assign(View(node));  // no base: keep the reference as written
      return true;
    }
    out.assign(View(&expanded));
    serd_node_free(&expanded);
    return true;
  }

  bool Convert(const SerdNode* node, const SerdNode* datatype, const SerdNode* lang, Term& term) {
    switch (node->type) {
      case SERD_URI:
      case SERD_CURIE:
        term.kind = TermKind::kIri;
        term.datatype.clear();
        term.language.clear();
        return Iri(node, term.value);
      case SERD_BLANK:
        term.kind = TermKind::kBlankNode;
        term.value.assign(View(node));
        term.datatype.clear();
        term.language.clear();
        return true;
      case SERD_LITERAL:
        term.kind = TermKind::kLiteral;
        term.value.assign(View(node));
        term.language.clear();
        if (lang && lang->buf) {
          term.language.assign(View(lang));
          term.datatype.assign(vocab::rdf::kLangString);
        } else if (datatype && datatype->buf) {
          if (!Iri(datatype, term.datatype)) return false;
        } else {
          term.datatype.assign(vocab::xsd::kString);
        }
        return true;
      default:
        return false;
    }
  }

  SerdStatus Statement(const SerdNode* graph, const SerdNode* subject, const SerdNode* predicate,
                       const SerdNode* object, const SerdNode* datatype, const SerdNode* lang) {
    bool ok = Convert(subject, nullptr, nullptr, quad_.subject) &&
              Convert(predicate, nullptr, nullptr, quad_.predicate) &&
              Convert(object, datatype, lang, quad_.object);
    if (ok && graph && graph->buf) {
      ok = Convert(graph, nullptr, nullptr, quad_.graph);
    } else if (ok) {
      quad_.graph = options_.default_graph;
    }
    if (!ok) {
      // Lenient: the statement is dropped and counted. Strict: stop.
      return options_.lenient ? SERD_SUCCESS : SERD_ERR_BAD_SYNTAX;
    }
    ++stats_.statements;
    Status st = sink_(quad_);
    if (!st.ok()) {
      sink_status_ = st;
      return SERD_ERR_INTERNAL;
    }
    return SERD_SUCCESS;
  }

  const RdfReadOptions& options_;
  std::string source_;
  const QuadSink& sink_;
  const PrefixSink& prefixes_;
  RdfReadStats& stats_;
  std::unique_ptr<SerdEnv, EnvDeleter> env_;
  Quad quad_;
  bool resolve_ = true;
  std::string error_;
  Status sink_status_;
};

// A byte source for Serd over zlib (which reads plain files unchanged), counting bytes.
struct GzSource {
  gzFile file = nullptr;
  std::function<void(std::uint64_t)> progress;
  std::uint64_t calls = 0;
  bool failed = false;

  static size_t Read(void* buf, size_t size, size_t nmemb, void* stream) {
    auto* self = static_cast<GzSource*>(stream);
    int n = gzread(self->file, buf, static_cast<unsigned>(size * nmemb));
    if (n < 0) {
      self->failed = true;
      return 0;
    }
    if (self->progress && (++self->calls & 63) == 0) self->progress(static_cast<std::uint64_t>(gzoffset(self->file)));
    return static_cast<size_t>(n) / size;
  }
  static int Error(void* stream) { return static_cast<GzSource*>(stream)->failed ? 1 : 0; }
};

struct StringSource {
  std::string_view text;
  std::size_t pos = 0;
  static size_t Read(void* buf, size_t size, size_t nmemb, void* stream) {
    auto* self = static_cast<StringSource*>(stream);
    size_t n = std::min(size * nmemb, self->text.size() - self->pos);
    std::memcpy(buf, self->text.data() + self->pos, n);
    self->pos += n;
    return n / size;
  }
  static int Error(void*) { return 0; }
};

template <typename Source>
Status RunReader(const RdfReadOptions& options, const std::string& name, Source& source,
                 const QuadSink& sink, const PrefixSink& prefixes, RdfReadStats& stats) {
  ReadContext context(options, name, sink, prefixes, stats);
  std::unique_ptr<SerdReader, ReaderDeleter> reader(serd_reader_new(
      ToSerd(options.format), &context, nullptr, &ReadContext::OnBase, &ReadContext::OnPrefix,
      &ReadContext::OnStatement, nullptr));
  serd_reader_set_strict(reader.get(), !options.lenient);
  serd_reader_set_error_sink(reader.get(), &ReadContext::OnError, &context);
  if (!options.default_graph.is_default_graph() && options.default_graph.is_iri()) {
    SerdNode g = serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(options.default_graph.value.data()),
                                          options.default_graph.value.size());
    serd_reader_set_default_graph(reader.get(), &g);
  }
  SerdStatus st = serd_reader_read_source(reader.get(), &Source::Read, &Source::Error, &source,
                                          reinterpret_cast<const uint8_t*>(name.c_str()), 1 << 16);
  if (!context.sink_status().ok()) return context.sink_status();
  if (!context.error().empty()) return Status::Syntax(context.error());
  if (st > SERD_FAILURE && !options.lenient)
    return Status::Syntax(name + ": " + reinterpret_cast<const char*>(serd_strerror(st)));
  return Status::OK();
}

}  // namespace

std::string FileIri(const std::string& path) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  SerdNode node = serd_node_new_file_uri(reinterpret_cast<const uint8_t*>(abs.c_str()), nullptr, nullptr, true);
  std::string iri(View(&node));
  serd_node_free(&node);
  return iri;
}

Status ReadRdfFile(const std::string& path, const RdfReadOptions& options, const QuadSink& sink,
                   RdfReadStats* stats, const PrefixSink& prefixes) {
  RdfReadStats local;
  RdfReadStats& s = stats ? *stats : local;
  GzSource source;
  bool from_stdin = path == "-";
  source.file = from_stdin ? gzdopen(dup(fileno(stdin)), "rb") : gzopen(path.c_str(), "rb");
  if (!source.file) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  gzbuffer(source.file, 1 << 18);
  if (!from_stdin) {
    std::error_code ec;
    s.total_bytes = std::filesystem::file_size(path, ec);
  }
  source.progress = options.progress;
  RdfReadOptions effective = options;
  if (effective.base_iri.empty() && !from_stdin) effective.base_iri = FileIri(path);
  Status status = RunReader(effective, from_stdin ? std::string("<stdin>") : path, source, sink, prefixes, s);
  bool read_failed = source.failed;
  gzclose(source.file);
  if (read_failed && status.ok()) return Status::IOError("cannot read " + path + " (corrupt gzip data?)");
  if (options.progress && s.total_bytes) options.progress(s.total_bytes);
  return status;
}

Status ReadRdfString(std::string_view text, std::string_view source_name, const RdfReadOptions& options,
                     const QuadSink& sink, RdfReadStats* stats, const PrefixSink& prefixes) {
  RdfReadStats local;
  StringSource source{text};
  return RunReader(options, std::string(source_name), source, sink, prefixes, stats ? *stats : local);
}

}  // namespace cairn
