#include "engine/jsonld_writer.h"

#include <boost/json.hpp>

#include <set>

#include "vocab/vocab.h"

namespace cairn {
namespace {

namespace json = boost::json;

constexpr std::size_t kFlushBytes = 1 << 16;

// Schemes whose absolute IRIs would read as compact IRIs if a prefix had their name.
bool IsCommonScheme(std::string_view name) {
  static const std::set<std::string_view> kSchemes = {"http", "https", "urn", "mailto", "tag", "file", "ftp",
                                                       "data", "info", "uuid", "did", "geo", "tel", "ws", "wss"};
  return kSchemes.count(name) > 0;
}

// A prefix JSON-LD can use as a term: a plain name (no ':', '/', '@' start, not "_").
bool UsablePrefix(std::string_view name) {
  if (name.empty() || name == "_" || name[0] == '@') return false;
  for (unsigned char c : name)
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80)) return false;
  return !IsCommonScheme(name);
}

// JSON-LD 1.1 uses a simple term definition as a prefix only if its IRI ends in a gen-delim.
bool EndsWithGenDelim(std::string_view iri) {
  return !iri.empty() && std::string_view(":/?#[]@").find(iri.back()) != std::string_view::npos;
}

void AppendJson(const json::value& v, std::string& out) { out += json::serialize(v); }

class JsonLdWriter final : public RdfWriter {
 public:
  JsonLdWriter(ByteSink sink, const PrefixList& prefixes) : sink_(std::move(sink)) {
    json::object context;
    std::set<std::string> names;
    for (const auto& [prefix, iri] : prefixes) {
      if (!UsablePrefix(prefix) || iri.empty() || !names.insert(prefix).second) continue;
      if (EndsWithGenDelim(iri)) {
        context[prefix] = iri;
      } else {
        context[prefix] = json::object{{"@id", iri}, {"@prefix", true}};
      }
      prefixes_.emplace_back(prefix, iri);
    }
    buffer_ = "{\n  \"@context\": ";
    AppendJson(context, buffer_);
    buffer_ += ",\n  \"@graph\": [";
  }

  Status Write(const Quad& quad) override {
    if (!has_node_ || quad.graph != graph_ || quad.subject != subject_) {
      EndNode();
      if (!in_graph_ || quad.graph != graph_) {
        EndGraph();
        graph_ = quad.graph;
        if (!graph_.is_default_graph()) {
          Separate(0);
          buffer_ += "{\"@id\": ";
          AppendJson(json::value(Id(graph_)), buffer_);
          buffer_ += ", \"@graph\": [";
          nodes_in_graph_ = 0;
        }
        in_graph_ = true;
      }
      subject_ = quad.subject;
      node_ = json::object{{"@id", Id(subject_)}};
      has_node_ = true;
    }
    const Term& o = quad.object;
    if (quad.predicate.value == vocab::rdf::kType && !o.is_literal()) {
      Values("@type").emplace_back(Id(o, /*vocab=*/true));
    } else {
      Values(Compact(quad.predicate.value, true)).push_back(Value(o));
    }
    if (buffer_.size() >= kFlushBytes) return Flush();
    return Status::OK();
  }

  Status Finish() override {
    EndNode();
    EndGraph();
    buffer_ += "\n  ]\n}\n";
    return Flush();
  }

 private:
  json::array& Values(std::string_view key) {
    json::value& slot = node_[key];
    if (!slot.is_array()) slot = json::array();
    return slot.as_array();
  }

  // The compact IRI "prefix:local" for the longest prefix whose namespace starts `iri`, or `iri`.
  // A local part starting with "//" would read as an absolute IRI, so it is not compacted.
  std::string Compact(const std::string& iri, bool) const {
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& p : prefixes_)
      if (iri.size() >= p.second.size() && iri.starts_with(p.second) && (!best || p.second.size() > best->second.size()))
        best = &p;
    if (!best) return iri;
    std::string_view local = std::string_view(iri).substr(best->second.size());
    if (local.starts_with("//")) return iri;
    return best->first + ":" + std::string(local);
  }

  std::string Id(const Term& t, bool vocab = false) const {
    if (t.is_blank()) return "_:" + t.value;
    return Compact(t.value, vocab);
  }

  json::value Value(const Term& o) const {
    if (o.is_iri() || o.is_blank()) return json::object{{"@id", Id(o)}};
    if (!o.language.empty()) return json::object{{"@value", o.value}, {"@language", o.language}};
    if (o.datatype.empty() || o.datatype == vocab::xsd::kString) return json::value(o.value);
    if (o.datatype == vocab::xsd::kBoolean && (o.value == "true" || o.value == "false"))
      return json::value(o.value == "true");
    return json::object{{"@value", o.value}, {"@type", Compact(o.datatype, true)}};
  }

  // Writes the separator before an element of the current array.
  void Separate(int depth) {
    std::size_t& count = depth == 0 ? top_items_ : nodes_in_graph_;
    buffer_ += count++ ? ",\n    " : "\n    ";
  }

  void EndNode() {
    if (!has_node_) return;
    bool named = !graph_.is_default_graph();
    if (named) buffer_ += nodes_in_graph_++ ? ",\n      " : "\n      ";
    else Separate(0);
    AppendJson(node_, buffer_);
    has_node_ = false;
  }

  void EndGraph() {
    if (in_graph_ && !graph_.is_default_graph()) buffer_ += "\n    ]}";
    in_graph_ = false;
  }

  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    Status st = sink_(buffer_);
    buffer_.clear();
    return st;
  }

  ByteSink sink_;
  std::vector<std::pair<std::string, std::string>> prefixes_;  // those in @context
  std::string buffer_;
  bool in_graph_ = false;
  Term graph_;
  bool has_node_ = false;
  Term subject_;
  json::object node_;
  std::size_t top_items_ = 0;
  std::size_t nodes_in_graph_ = 0;
};

}  // namespace

std::unique_ptr<RdfWriter> MakeJsonLdWriter(ByteSink sink, const PrefixList& prefixes) {
  return std::make_unique<JsonLdWriter>(std::move(sink), prefixes);
}

}  // namespace cairn
