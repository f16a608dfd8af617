#include "engine/rdf_writer.h"

#include <serd/serd.h>

#include "engine/jsonld_writer.h"
#include "engine/rdfxml_writer.h"
#include "vocab/vocab.h"

namespace cairn {
namespace {

constexpr std::size_t kFlushBytes = 1 << 16;

class LineWriter final : public RdfWriter {
 public:
  LineWriter(bool quads, ByteSink sink) : quads_(quads), sink_(std::move(sink)) { buffer_.reserve(kFlushBytes * 2); }

  Status Write(const Quad& quad) override {
    AppendNTriples(quad.subject, buffer_);
    buffer_ += ' ';
    AppendNTriples(quad.predicate, buffer_);
    buffer_ += ' ';
    AppendNTriples(quad.object, buffer_);
    if (quads_ && !quad.graph.is_default_graph()) {
      buffer_ += ' ';
      AppendNTriples(quad.graph, buffer_);
    }
    buffer_ += " .\n";
    if (buffer_.size() >= kFlushBytes) return Flush();
    return Status::OK();
  }

  Status Finish() override { return Flush(); }

 private:
  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    Status st = sink_(buffer_);
    buffer_.clear();
    return st;
  }

  bool quads_;
  ByteSink sink_;
  std::string buffer_;
};

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.c_str()); }

class SerdRdfWriter final : public RdfWriter {
 public:
  SerdRdfWriter(RdfFormat format, ByteSink sink, const PrefixList& prefixes)
      : sink_(std::move(sink)), graphs_(format == RdfFormat::kTriG) {
    env_ = serd_env_new(nullptr);
    auto style = static_cast<SerdStyle>(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED);
    writer_ = serd_writer_new(format == RdfFormat::kTriG ? SERD_TRIG : SERD_TURTLE, style, env_, nullptr,
                              &SerdRdfWriter::OnBytes, this);
    for (const auto& [prefix, iri] : prefixes) {
      SerdNode name = serd_node_from_string(SERD_LITERAL, U8(prefix));
      SerdNode uri = serd_node_from_string(SERD_URI, U8(iri));
      serd_env_set_prefix(env_, &name, &uri);
      serd_writer_set_prefix(writer_, &name, &uri);
    }
  }
  ~SerdRdfWriter() override {
    serd_writer_free(writer_);
    serd_env_free(env_);
  }

  Status Write(const Quad& quad) override {
    SerdNode s = Node(quad.subject), p = Node(quad.predicate), o = Node(quad.object);
    // Serd would write a GRAPH block even in Turtle: a triple format gets no graph at all.
    SerdNode g = quad.graph.is_default_graph() || !graphs_ ? SERD_NODE_NULL : Node(quad.graph);
    SerdNode datatype = SERD_NODE_NULL, lang = SERD_NODE_NULL;
    if (quad.object.is_literal()) {
      if (!quad.object.language.empty()) {
        lang = serd_node_from_substring(SERD_LITERAL, reinterpret_cast<const uint8_t*>(quad.object.language.data()),
                                        quad.object.language.size());
      } else if (quad.object.datatype != vocab::xsd::kString) {
        datatype = serd_node_from_substring(SERD_URI, reinterpret_cast<const uint8_t*>(quad.object.datatype.data()),
                                            quad.object.datatype.size());
      }
    }
    SerdStatus st = serd_writer_write_statement(writer_, 0, g.buf ? &g : nullptr, &s, &p, &o,
                                                datatype.buf ? &datatype : nullptr, lang.buf ? &lang : nullptr);
    if (!status_.ok()) return status_;
    if (st != SERD_SUCCESS) return Status::InvalidArgument(std::string("cannot write statement: ") + reinterpret_cast<const char*>(serd_strerror(st)));
    if (buffer_.size() >= kFlushBytes) return Flush();
    return Status::OK();
  }

  Status Finish() override {
    serd_writer_finish(writer_);
    if (!status_.ok()) return status_;
    return Flush();
  }

 private:
  static SerdNode Node(const Term& t) {
    SerdType type = t.is_iri() ? SERD_URI : t.is_blank() ? SERD_BLANK : SERD_LITERAL;
    return serd_node_from_substring(type, reinterpret_cast<const uint8_t*>(t.value.data()), t.value.size());
  }

  static size_t OnBytes(const void* buf, size_t len, void* stream) {
    auto* self = static_cast<SerdRdfWriter*>(stream);
    self->buffer_.append(static_cast<const char*>(buf), len);
    return len;
  }

  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    Status st = sink_(buffer_);
    buffer_.clear();
    if (!st.ok()) status_ = st;
    return st;
  }

  ByteSink sink_;
  bool graphs_;
  SerdEnv* env_ = nullptr;
  SerdWriter* writer_ = nullptr;
  std::string buffer_;
  Status status_;
};

}  // namespace

PrefixList WellKnownPrefixes() {
  PrefixList list;
  for (const auto& p : vocab::kWellKnownPrefixes) list.emplace_back(std::string(p.prefix), std::string(p.iri));
  return list;
}

std::unique_ptr<RdfWriter> MakeRdfWriter(RdfFormat format, ByteSink sink, const PrefixList& prefixes) {
  switch (format) {
    case RdfFormat::kNTriples: return std::make_unique<LineWriter>(false, std::move(sink));
    case RdfFormat::kNQuads: return std::make_unique<LineWriter>(true, std::move(sink));
    case RdfFormat::kTurtle:
    case RdfFormat::kTriG: return std::make_unique<SerdRdfWriter>(format, std::move(sink), prefixes);
    case RdfFormat::kRdfXml: return MakeRdfXmlWriter(std::move(sink), prefixes);
    case RdfFormat::kJsonLd: return MakeJsonLdWriter(std::move(sink), prefixes);
  }
  return nullptr;
}

}  // namespace cairn
