// SPARQL 1.1 Query Results JSON Format: writer and reader.
// This is the one translation unit that compiles Boost.JSON (header-only mode).
#include <boost/json/src.hpp>

#include <cstdio>
#include <unordered_map>

#include "sparql/results/results_internal.h"
#include "vocab/vocab.h"

namespace cairn::sparql::results_internal {
namespace {

// RFC 8259 string escaping: quote, backslash and C0 controls; everything else as UTF-8 bytes.
void AppendJsonString(std::string_view s, std::string& out) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void AppendJsonTerm(const Term& t, std::string& out) {
  switch (t.kind) {
    case TermKind::kIri: out += "{\"type\":\"uri\",\"value\":"; break;
    case TermKind::kBlankNode: out += "{\"type\":\"bnode\",\"value\":"; break;
    default: out += "{\"type\":\"literal\",\"value\":"; break;
  }
  AppendJsonString(t.value, out);
  if (t.is_literal()) {
    if (!t.language.empty()) {
      out += ",\"xml:lang\":";
      AppendJsonString(t.language, out);
    } else if (t.datatype != vocab::xsd::kString && !t.datatype.empty()) {
      out += ",\"datatype\":";
      AppendJsonString(t.datatype, out);
    }
  }
  out += '}';
}

// {"head":{"vars":[...]},
// "results":{"bindings":[
// {"s":{...},...},
// ...
// ]}}
class JsonWriter final : public BufferedWriter {
 public:
  using BufferedWriter::BufferedWriter;

 private:
  Status DoBegin(std::span<const std::string> variables) override {
    variables_.assign(variables.begin(), variables.end());
    out_ += "{\"head\":{\"vars\":[";
    for (std::size_t i = 0; i < variables.size(); ++i) {
      if (i) out_ += ',';
      AppendJsonString(variables[i], out_);
    }
    out_ += "]},\n\"results\":{\"bindings\":[";
    return Status::OK();
  }

  Status DoWrite(std::span<const std::optional<Term>> row) override {
    out_ += first_ ? "\n{" : ",\n{";
    first_ = false;
    bool first_binding = true;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (!row[i]) continue;
      if (!first_binding) out_ += ',';
      first_binding = false;
      AppendJsonString(variables_[i], out_);
      out_ += ':';
      AppendJsonTerm(*row[i], out_);
    }
    out_ += '}';
    return Status::OK();
  }

  Status DoFinish() override {
    out_ += "\n]}}\n";
    return Status::OK();
  }

  std::vector<std::string> variables_;
  bool first_ = true;
};

namespace json = boost::json;

Status JsonError(const std::string& what) { return Status::Syntax("JSON results: " + what); }

const json::string* StringField(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  return v ? v->if_string() : nullptr;
}

Result<Term> ReadJsonTerm(const json::value& v, std::string_view var) {
  const json::object* obj = v.if_object();
  if (!obj) return JsonError("binding of '" + std::string(var) + "' is not an object");
  const json::string* type = StringField(*obj, "type");
  const json::string* value = StringField(*obj, "value");
  if (!type || !value) return JsonError("binding of '" + std::string(var) + "' needs string members type and value");
  std::string lexical(value->data(), value->size());
  if (*type == "uri") return Term::Iri(std::move(lexical));
  if (*type == "bnode") return Term::BlankNode(std::move(lexical));
  if (*type == "literal" || *type == "typed-literal") {
    const json::value* lang = obj->if_contains("xml:lang");
    const json::value* datatype = obj->if_contains("datatype");
    if (lang && !lang->is_string()) return JsonError("xml:lang of '" + std::string(var) + "' is not a string");
    if (datatype && !datatype->is_string()) return JsonError("datatype of '" + std::string(var) + "' is not a string");
    if (lang) {
      if (datatype && datatype->get_string() != vocab::rdf::kLangString) {
        return JsonError("literal of '" + std::string(var) + "' has both xml:lang and datatype");
      }
      return Term::LangLiteral(std::move(lexical), std::string(lang->get_string()));
    }
    return Term::Literal(std::move(lexical), datatype ? std::string(datatype->get_string()) : std::string());
  }
  return JsonError("binding of '" + std::string(var) + "' has unknown type \"" + std::string(*type) + "\"");
}

}  // namespace

std::unique_ptr<SolutionWriter> MakeJsonWriter(ByteSink sink) { return std::make_unique<JsonWriter>(std::move(sink)); }

void AppendJsonBoolean(bool value, std::string& out) {
  out += value ? "{\"head\":{},\"boolean\":true}\n" : "{\"head\":{},\"boolean\":false}\n";
}

Result<SolutionSet> ReadJson(std::string_view text) {
  json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) return JsonError(ec.message() + " at " + Where(text, consumed));
  json::value root = parser.release();

  const json::object* doc = root.if_object();
  if (!doc) return JsonError("the document is not a JSON object");
  SolutionSet set;
  if (const json::value* boolean = doc->if_contains("boolean")) {
    if (!boolean->is_bool()) return JsonError("\"boolean\" is not true or false");
    set.boolean = boolean->get_bool();
    return set;
  }

  const json::value* head = doc->if_contains("head");
  if (!head || !head->is_object()) return JsonError("missing \"head\" object");
  std::unordered_map<std::string, std::size_t> index;
  if (const json::value* vars = head->get_object().if_contains("vars")) {
    if (!vars->is_array()) return JsonError("head.vars is not an array");
    for (const json::value& v : vars->get_array()) {
      if (!v.is_string()) return JsonError("head.vars holds a non-string");
      std::string name(v.get_string());
      if (!index.emplace(name, set.variables.size()).second) return JsonError("variable '" + name + "' listed twice");
      set.variables.push_back(std::move(name));
    }
  }

  const json::value* results = doc->if_contains("results");
  if (!results || !results->is_object()) return JsonError("missing \"results\" object (or \"boolean\")");
  const json::value* bindings = results->get_object().if_contains("bindings");
  if (!bindings || !bindings->is_array()) return JsonError("missing results.bindings array");
  set.rows.reserve(bindings->get_array().size());
  for (const json::value& b : bindings->get_array()) {
    const json::object* solution = b.if_object();
    if (!solution) return JsonError("results.bindings holds a non-object");
    std::vector<std::optional<Term>> row(set.variables.size());
    for (const auto& [key, value] : *solution) {
      auto it = index.find(std::string(key));
      if (it == index.end()) return JsonError("binding of '" + std::string(key) + "', which is not in head.vars");
      Result<Term> term = ReadJsonTerm(value, key);
      if (!term.ok()) return term.status();
      row[it->second] = std::move(term).value();
    }
    set.rows.push_back(std::move(row));
  }
  return set;
}

}  // namespace cairn::sparql::results_internal
