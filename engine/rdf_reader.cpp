#include "engine/rdf_reader.h"

#include <serd/serd.h>
#include <zlib.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "engine/jsonld_reader.h"
#include "engine/rdfxml_reader.h"
#include "storage/iri.h"
#include "vocab/vocab.h"

namespace cairn {
namespace {

SerdSyntax ToSerd(RdfFormat format) {
  switch (format) {
    case RdfFormat::kNTriples: return SERD_NTRIPLES;
    case RdfFormat::kNQuads: return SERD_NQUADS;
    case RdfFormat::kTurtle: return SERD_TURTLE;
    case RdfFormat::kTriG: return SERD_TRIG;
    case RdfFormat::kRdfXml:
    case RdfFormat::kJsonLd: break;  // not Serd's: see ReadDocument
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

// Where an encoded UTF-16 surrogate (U+D800..U+DFFF) starts in `text`, or npos. Serd 0.30
// accepts \uD800-style escapes and raw ED A0..BF bytes and passes them on as ill-formed UTF-8;
// in well-formed UTF-8, 0xED is only ever followed by 80..9F.
std::size_t FindSurrogate(std::string_view text) {
  const char* data = text.data();
  std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const void* hit = std::memchr(data + i, 0xED, n - i);
    if (!hit) return std::string_view::npos;
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    if (i + 1 < n && (static_cast<unsigned char>(data[i + 1]) & 0xE0) == 0xA0) return i;
    ++i;
  }
  return std::string_view::npos;
}

// Everything the Serd callbacks need; one per document.
//
// Base IRIs and relative references are handled here, not by Serd: Serd 0.30's resolution only
// strips leading dot segments (RFC 3986 5.2.4 wants them all gone), and it keeps a relative
// reference as written when there is no base. Serd's env is used for CURIE expansion only, and
// is given only absolute namespace IRIs (Cairn resolves relative @prefix IRIs first).
class ReadContext {
 public:
  ReadContext(const RdfReadOptions& options, std::string source, const QuadSink& sink,
              const PrefixSink& prefixes, RdfReadStats& stats)
      : options_(options), source_(std::move(source)), sink_(sink), prefixes_(prefixes), stats_(stats) {
    env_.reset(serd_env_new(nullptr));
    SetBase(options.base_iri);
    quad_.graph = options.default_graph;
    // N-Triples and N-Quads IRIs are absolute by definition: no resolution needed (and a
    // relative one is an error there).
    resolve_ = options.format == RdfFormat::kTurtle || options.format == RdfFormat::kTriG;
  }

  // @base / BASE: an absolute IRI replaces the base, a relative one is resolved against it.
  static SerdStatus OnBase(void* handle, const SerdNode* uri) {
    auto* self = static_cast<ReadContext*>(handle);
    std::string_view iri = View(uri);
    if (!self->CheckSurrogates(iri, "base IRI")) return self->DirectiveFailed(true);
    if (IsAbsoluteIri(iri)) {
      self->SetBase(iri);
      return SERD_SUCCESS;
    }
    if (!self->ResolveRelative(iri, self->scratch_)) return self->DirectiveFailed(true);
    self->base_.swap(self->scratch_);
    self->base_parts_ = SplitIri(self->base_);
    return SERD_SUCCESS;
  }

  // @prefix / PREFIX: Serd would resolve a relative namespace IRI itself, against its env's base
  // and with its partial dot-segment removal; resolve it here and hand Serd the absolute IRI.
  static SerdStatus OnPrefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto* self = static_cast<ReadContext*>(handle);
    std::string_view iri = View(uri);
    if (!self->CheckSurrogates(View(name), "prefix name") || !self->CheckSurrogates(iri, "namespace IRI"))
      return self->DirectiveFailed(false);
    SerdNode absolute = *uri;
    if (!IsAbsoluteIri(iri)) {
      if (!self->ResolveRelative(iri, self->scratch_)) return self->DirectiveFailed(false);
      // NUL-terminated, as serd_env_set_prefix copies n_bytes + 1 bytes.
      absolute = serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(self->scratch_.c_str()),
                                          self->scratch_.size());
      iri = self->scratch_;
    }
    SerdStatus st = serd_env_set_prefix(self->env_.get(), name, &absolute);
    if (st == SERD_SUCCESS && self->prefixes_) self->prefixes_(View(name), iri);
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
    self->RecordError(self->source_ + ":" + std::to_string(error->line) + ":" + std::to_string(error->col) +
                      ": " + text);
    return SERD_SUCCESS;
  }

  const std::string& error() const { return error_; }
  const Status& sink_status() const { return sink_status_; }

 private:
  void RecordError(std::string located) {
    if (options_.lenient) {
      ++stats_.skipped;
      if (stats_.first_error.empty()) stats_.first_error = std::move(located);
      return;
    }
    if (error_.empty()) error_ = std::move(located);
  }

  // An error Cairn finds, in a statement or a directive. Serd 0.30 exposes no cursor, so the
  // position is the statement's number in the document: the statements Serd has produced so
  // far, plus one ("data.ttl: statement 12: undefined prefix in ex:s").
  void RecordStatementError(const std::string& text) {
    std::uint64_t number = in_statement_ ? statements_seen_ : statements_seen_ + 1;
    RecordError(source_ + ": statement " + std::to_string(number) + ": " + text);
  }

  // What a failed @base or @prefix returns. Strict: stop. Lenient: go on, but never against a
  // stale base (relative references then fail, and are counted, until the next good @base).
  SerdStatus DirectiveFailed(bool base) {
    if (!options_.lenient) return SERD_ERR_BAD_SYNTAX;
    if (base) SetBase({});
    return SERD_SUCCESS;
  }

  void SetBase(std::string_view iri) {
    base_.assign(iri);
    base_parts_ = SplitIri(base_);
  }

  // Resolves a relative reference against the current base into `out`, or records why not.
  bool ResolveRelative(std::string_view reference, std::string& out) {
    if (base_.empty()) {
      RecordStatementError("relative IRI <" + std::string(reference) + "> with no base IRI");
      return false;
    }
    if (!ResolveIriInto(base_parts_, reference, out)) {
      RecordStatementError("relative IRI <" + std::string(reference) + "> cannot be resolved: the base IRI <" +
                           base_ + "> is not absolute");
      return false;
    }
    return true;
  }

  bool CheckSurrogates(std::string_view text, const char* what) {
    std::size_t at = FindSurrogate(text);
    if (at == std::string_view::npos) return true;
    unsigned code = 0xD000u | ((static_cast<unsigned char>(text[at + 1]) & 0x3Fu) << 6);
    if (at + 2 < text.size()) code |= static_cast<unsigned char>(text[at + 2]) & 0x3Fu;
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", code);
    RecordStatementError(std::string(what) + " contains the UTF-16 surrogate code point U+" + hex +
                         " (from a \\u escape or ill-formed UTF-8), which RDF does not allow");
    return false;
  }

  bool CheckSurrogates(const SerdNode* node, const char* what) {
    return !node || !node->buf || CheckSurrogates(View(node), what);
  }

  // Fills `out` with the IRI of a URI or CURIE node, resolved against the base.
  bool Iri(const SerdNode* node, std::string& out) {
    std::string_view text = View(node);
    if (node->type == SERD_CURIE) {
      SerdChunk prefix, suffix;
      if (serd_env_expand(env_.get(), node, &prefix, &suffix) != SERD_SUCCESS) {
        RecordStatementError("undefined prefix in " + std::string(text));
        return false;
      }
      out.assign(reinterpret_cast<const char*>(prefix.buf), prefix.len);
      out.append(reinterpret_cast<const char*>(suffix.buf), suffix.len);
      return true;
    }
    // An absolute IRI is taken as written, dot segments and all: only relative references are
    // resolved (RDF 1.1 Turtle 6.3), so an IRI reads the same in every syntax and with any base.
    if (IsAbsoluteIri(text)) {
      out.assign(text);
      return true;
    }
    if (!resolve_) {
      RecordStatementError("relative IRI <" + std::string(text) + "> is not allowed in " +
                           std::string(RdfFormatName(options_.format)));
      return false;
    }
    return ResolveRelative(text, out);
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
    // Strict mode stops at the first error, but Serd carries on after some failed callbacks
    // (inside [ ... ], say): deliver nothing more.
    if (!sink_status_.ok()) return SERD_ERR_INTERNAL;
    if (!error_.empty()) return SERD_ERR_BAD_SYNTAX;
    ++statements_seen_;
    in_statement_ = true;
    const bool has_graph = graph && graph->buf;
    bool ok = CheckSurrogates(subject, "subject") && CheckSurrogates(predicate, "predicate") &&
              CheckSurrogates(object, "object") && CheckSurrogates(datatype, "datatype IRI") &&
              CheckSurrogates(lang, "language tag") && (!has_graph || CheckSurrogates(graph, "graph name")) &&
              Convert(subject, nullptr, nullptr, quad_.subject) &&
              Convert(predicate, nullptr, nullptr, quad_.predicate) &&
              Convert(object, datatype, lang, quad_.object);
    if (ok && has_graph) {
      ok = Convert(graph, nullptr, nullptr, quad_.graph);
    } else if (ok) {
      quad_.graph = options_.default_graph;
    }
    in_statement_ = false;
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
  std::string base_;      // the current base IRI, empty if none
  IriParts base_parts_;   // views into base_
  std::string scratch_;   // @base and @prefix resolution
  Quad quad_;
  bool resolve_ = true;
  std::uint64_t statements_seen_ = 0;  // statement callbacks so far, dropped ones included
  bool in_statement_ = false;
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

bool IsDocumentFormat(RdfFormat format) { return format == RdfFormat::kRdfXml || format == RdfFormat::kJsonLd; }

// RDF/XML and JSON-LD, whose parsers pull bytes instead of being driven by Serd.
Status ReadDocument(const ReadBytes& read, const std::string& name, const RdfReadOptions& options,
                    const QuadSink& sink, const PrefixSink& prefixes, RdfReadStats& stats) {
  if (options.format == RdfFormat::kRdfXml) return ReadRdfXml(read, name, options, sink, stats, prefixes);
  return ReadJsonLd(read, name, options, sink, stats, prefixes);
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
  std::string name = from_stdin ? std::string("<stdin>") : path;
  Status status;
  if (IsDocumentFormat(options.format)) {
    status = ReadDocument(
        [&source](char* buffer, std::size_t capacity) {
          return GzSource::Read(buffer, 1, capacity, &source);
        },
        name, effective, sink, prefixes, s);
  } else {
    status = RunReader(effective, name, source, sink, prefixes, s);
  }
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
  if (IsDocumentFormat(options.format)) {
    return ReadDocument([&source](char* buffer, std::size_t capacity) { return StringSource::Read(buffer, 1, capacity, &source); },
                        std::string(source_name), options, sink, prefixes, stats ? *stats : local);
  }
  return RunReader(options, std::string(source_name), source, sink, prefixes, stats ? *stats : local);
}

}  // namespace cairn
