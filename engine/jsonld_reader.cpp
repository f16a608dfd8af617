#include "engine/jsonld_reader.h"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <set>

#include "storage/iri.h"
#include "vocab/vocab.h"

namespace cairn {
namespace {

namespace json = boost::json;

constexpr int kMaxDepth = 512;  // JSON nesting and context recursion

// Errors in the document's meaning, thrown inside the algorithms and turned into a Status once.
struct JsonLdError {
  std::string message;
};
[[noreturn]] void Fail(std::string message) { throw JsonLdError{std::move(message)}; }

bool IsKeyword(std::string_view s) {
  static const std::set<std::string_view> kKeywords = {
      "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index",
      "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse",
      "@set", "@type", "@value", "@version", "@vocab"};
  return kKeywords.count(s) > 0;
}

// "@" followed by letters only: reserved for future keywords, ignored (JSON-LD 1.1 4.1.2).
bool LooksLikeKeyword(std::string_view s) {
  if (s.size() < 2 || s[0] != '@') return false;
  for (unsigned char c : s.substr(1))
    if (!std::isalpha(c)) return false;
  return true;
}

bool EndsWithGenDelim(std::string_view iri) {
  return !iri.empty() && std::string_view(":/?#[]@").find(iri.back()) != std::string_view::npos;
}

std::string Str(const json::string& s) { return std::string(s.data(), s.size()); }

struct TermDefinition {
  std::optional<std::string> iri;  // nullopt: explicitly unmapped (null)
  std::optional<std::string> type;  // "@id", "@vocab", "@none" or a datatype IRI
  bool has_language = false;
  std::optional<std::string> language;  // when has_language: the language, or none (null)
  bool reverse = false;
  bool list = false;  // @container @list
  bool prefix = false;
};

struct Context {
  std::map<std::string, TermDefinition, std::less<>> terms;
  std::optional<std::string> base;  // nullopt: no base IRI
  std::optional<std::string> vocab;
  std::optional<std::string> language;
};

class JsonLdToRdf {
 public:
  JsonLdToRdf(const RdfReadOptions& options, const QuadSink& sink, RdfReadStats& stats, const PrefixSink& prefixes)
      : options_(options), sink_(sink), stats_(stats), prefixes_(prefixes) {}

  Status Run(const json::value& document) {
    Context initial;
    if (!options_.base_iri.empty()) initial.base = options_.base_iri;
    json::value expanded = Expand(initial, nullptr, document, 0);
    // A top-level object holding only @graph stands for its contents.
    if (expanded.is_object()) {
      const json::object& o = expanded.as_object();
      if (o.size() == 1 && o.contains("@graph")) expanded = o.at("@graph");
    }
    for (const json::value& node : AsArray(expanded)) {
      if (node.is_object() && !IsValueOrList(node.as_object())) EmitNode(node.as_object(), options_.default_graph);
      if (!sink_status_.ok()) return sink_status_;
    }
    return sink_status_;
  }

 private:
  // ---------------- Context processing ----------------
  Context ProcessContext(const Context& active, const json::value& local, bool top_level, int depth) {
    if (depth > kMaxDepth) Fail("contexts nested too deeply");
    Context result = active;
    json::array single;
    const json::array* contexts;
    if (local.is_array()) {
      contexts = &local.as_array();
    } else {
      single.push_back(local);
      contexts = &single;
    }
    for (const json::value& context : *contexts) {
      if (context.is_null()) {
        Context reset;
        if (!options_.base_iri.empty()) reset.base = options_.base_iri;
        result = std::move(reset);
        continue;
      }
      if (context.is_string())
        Fail("remote context \"" + Str(context.as_string()) + "\": Cairn does not fetch remote contexts; inline it");
      if (!context.is_object()) Fail("invalid local context: a context must be null, a string or an object");
      const json::object& c = context.as_object();
      for (const char* unsupported : {"@import", "@direction", "@propagate"})
        if (c.contains(unsupported) && !c.at(unsupported).is_null())
          Fail(std::string(unsupported) + " in a context is not supported by Cairn's JSON-LD reader");
      if (auto* version = c.if_contains("@version"))
        if (!(version->is_number() && version->to_number<double>() == 1.1)) Fail("invalid @version value");
      if (auto* base = c.if_contains("@base")) {
        if (base->is_null()) {
          result.base.reset();
        } else if (base->is_string()) {
          std::string b = Str(base->as_string());
          if (!IsAbsoluteIri(b)) {
            if (!result.base) Fail("relative @base \"" + b + "\" with no base IRI to resolve it against");
            auto resolved = ResolveIri(*result.base, b);
            if (!resolved) Fail("invalid @base \"" + b + "\"");
            b = *resolved;
          }
          result.base = b;
        } else {
          Fail("invalid base IRI: @base must be a string or null");
        }
      }
      if (auto* vocab = c.if_contains("@vocab")) {
        if (vocab->is_null()) {
          result.vocab.reset();
        } else if (vocab->is_string()) {
          auto iri = ExpandIri(result, Str(vocab->as_string()), true, true);
          if (!iri) Fail("invalid vocab mapping");
          result.vocab = *iri;
        } else {
          Fail("invalid vocab mapping: @vocab must be a string or null");
        }
      }
      if (auto* language = c.if_contains("@language")) {
        if (language->is_null()) result.language.reset();
        else if (language->is_string()) result.language = Str(language->as_string());
        else Fail("invalid default language: @language must be a string or null");
      }
      std::map<std::string, bool> defined;
      for (const auto& entry : c) {
        std::string term(entry.key());
        if (term == "@base" || term == "@vocab" || term == "@language" || term == "@version" || term == "@protected" ||
            term == "@import" || term == "@direction" || term == "@propagate")
          continue;
        CreateTermDefinition(result, c, term, defined);
      }
      if (top_level && prefixes_) {
        for (const auto& entry : c) {
          auto it = result.terms.find(std::string_view(entry.key()));
          if (it != result.terms.end() && it->second.prefix && it->second.iri && IsAbsoluteIri(*it->second.iri))
            prefixes_(it->first, *it->second.iri);
        }
      }
    }
    return result;
  }

  void CreateTermDefinition(Context& active, const json::object& local, const std::string& term,
                            std::map<std::string, bool>& defined) {
    if (auto it = defined.find(term); it != defined.end()) {
      if (it->second) return;
      Fail("cyclic IRI mapping for the term \"" + term + "\"");
    }
    if (term.empty()) Fail("invalid term definition: the empty string is not a term");
    if (IsKeyword(term)) Fail("keyword redefinition: " + term);
    if (LooksLikeKeyword(term)) {  // ignored, as the spec says
      defined[term] = true;
      return;
    }
    defined[term] = false;
    const json::value& value = local.at(term);
    TermDefinition def;
    bool simple = false;
    const json::object* object = nullptr;
    json::object expanded_form;
    if (value.is_null()) {
      expanded_form["@id"] = nullptr;
      object = &expanded_form;
    } else if (value.is_string()) {
      expanded_form["@id"] = value;
      object = &expanded_form;
      simple = true;
    } else if (value.is_object()) {
      object = &value.as_object();
    } else {
      Fail("invalid term definition for \"" + term + "\"");
    }
    for (const auto& entry : *object) {
      std::string_view key = entry.key();
      if (key != "@id" && key != "@reverse" && key != "@type" && key != "@language" && key != "@container" &&
          key != "@prefix" && key != "@protected")
        Fail("term definition of \"" + term + "\": " + std::string(key) + " is not supported by Cairn's JSON-LD reader");
    }
    if (auto* reverse = object->if_contains("@reverse")) {
      if (object->contains("@id")) Fail("invalid reverse property: \"" + term + "\" has both @id and @reverse");
      if (!reverse->is_string()) Fail("invalid IRI mapping: @reverse must be a string");
      def.iri = ExpandIri(active, Str(reverse->as_string()), false, true, &local, defined);
      if (!def.iri || def.iri->find(':') == std::string::npos) Fail("invalid IRI mapping for the reverse term \"" + term + "\"");
      def.reverse = true;
    } else if (auto* id = object->if_contains("@id"); id && !(id->is_string() && Str(id->as_string()) == term)) {
      if (id->is_null()) {
        def.iri.reset();
      } else {
        if (!id->is_string()) Fail("invalid IRI mapping: @id must be a string");
        std::string text = Str(id->as_string());
        if (!IsKeyword(text) && LooksLikeKeyword(text)) {  // a reserved form: the term is ignored
          defined[term] = true;
          return;
        }
        def.iri = ExpandIri(active, text, false, true, &local, defined);
        if (!def.iri || (!IsKeyword(*def.iri) && def.iri->find(':') == std::string::npos))
          Fail("invalid IRI mapping for the term \"" + term + "\"");
        if (*def.iri == "@context") Fail("invalid keyword alias: @context");
        def.prefix = simple && term.find(':') == std::string::npos && term.find('/') == std::string::npos &&
                     EndsWithGenDelim(*def.iri);
      }
    } else if (auto colon = term.find(':', 1); colon != std::string::npos) {
      std::string prefix = term.substr(0, colon);
      if (local.contains(prefix)) CreateTermDefinition(active, local, prefix, defined);
      auto it = active.terms.find(prefix);
      if (it != active.terms.end() && it->second.iri) def.iri = *it->second.iri + term.substr(colon + 1);
      else def.iri = term;  // an absolute IRI or a blank node identifier
    } else if (term.find('/') != std::string::npos) {
      def.iri = ExpandIri(active, term, false, true, nullptr, defined);
    } else if (term == "@type") {
      def.iri = "@type";
    } else if (active.vocab) {
      def.iri = *active.vocab + term;
    } else {
      Fail("invalid IRI mapping: the term \"" + term + "\" has no @id and there is no @vocab");
    }
    if (auto* type = object->if_contains("@type")) {
      if (!type->is_string()) Fail("invalid type mapping for \"" + term + "\"");
      std::string t = Str(type->as_string());
      if (t == "@json") Fail("JSON literals (@type @json) are not supported by Cairn's JSON-LD reader");
      if (t != "@id" && t != "@vocab" && t != "@none") {
        auto iri = ExpandIri(active, t, false, true, &local, defined);
        if (!iri || !IsAbsoluteIri(*iri)) Fail("invalid type mapping \"" + t + "\" for \"" + term + "\"");
        t = *iri;
      }
      def.type = t;
    }
    if (auto* language = object->if_contains("@language")) {
      if (!language->is_null() && !language->is_string()) Fail("invalid language mapping for \"" + term + "\"");
      def.has_language = true;
      if (language->is_string()) def.language = Str(language->as_string());
    }
    if (auto* container = object->if_contains("@container")) {
      auto check = [&](const json::value& v) {
        if (!v.is_string()) Fail("invalid container mapping for \"" + term + "\"");
        std::string c = Str(v.as_string());
        if (c == "@list") def.list = true;
        else if (c != "@set")
          Fail("container " + c + " (of \"" + term + "\") is not supported by Cairn's JSON-LD reader");
      };
      if (container->is_array()) for (const auto& v : container->as_array()) check(v);
      else if (!container->is_null()) check(*container);
    }
    if (auto* prefix = object->if_contains("@prefix")) {
      if (!prefix->is_bool()) Fail("invalid @prefix value");
      def.prefix = prefix->as_bool();
    }
    active.terms[term] = std::move(def);
    defined[term] = true;
  }

  // IRI Expansion (JSON-LD 1.1 API 5.2). nullopt for a value mapped to null or a reserved
  // "@..." form.
  std::optional<std::string> ExpandIri(Context& active, const std::string& value, bool document_relative,
                                       bool vocab, const json::object* local, std::map<std::string, bool>& defined) {
    if (IsKeyword(value)) return value;
    if (LooksLikeKeyword(value)) return std::nullopt;
    if (local && local->contains(value)) CreateTermDefinition(active, *local, value, defined);
    if (auto it = active.terms.find(value); it != active.terms.end()) {
      if (it->second.iri && IsKeyword(*it->second.iri)) return it->second.iri;
      if (vocab) return it->second.iri;
    }
    if (auto colon = value.find(':', 1); colon != std::string::npos) {
      std::string prefix = value.substr(0, colon);
      std::string_view suffix = std::string_view(value).substr(colon + 1);
      if (prefix == "_" || suffix.starts_with("//")) return value;
      if (local && local->contains(prefix)) CreateTermDefinition(active, *local, prefix, defined);
      if (auto it = active.terms.find(prefix); it != active.terms.end() && it->second.iri && it->second.prefix)
        return *it->second.iri + std::string(suffix);
      if (IsAbsoluteIri(value)) return value;
    }
    if (vocab && active.vocab) return *active.vocab + value;
    if (document_relative) {
      if (!active.base) Fail("relative IRI \"" + value + "\" with no base IRI (@base)");
      auto resolved = ResolveIri(*active.base, value);
      if (!resolved) Fail("relative IRI \"" + value + "\" cannot be resolved against <" + *active.base + ">");
      return resolved;
    }
    return value;
  }

  std::optional<std::string> ExpandIri(const Context& active, const std::string& value, bool document_relative,
                                       bool vocab) {
    std::map<std::string, bool> none;
    return ExpandIri(const_cast<Context&>(active), value, document_relative, vocab, nullptr, none);
  }

  // ---------------- Expansion ----------------
  // The value as an array (copied: these are small).
  static json::array AsArray(const json::value& v) {
    if (v.is_array()) return v.as_array();
    json::array a;
    if (!v.is_null()) a.push_back(v);
    return a;
  }
  static json::array ToArray(json::value v) {
    if (v.is_array()) return std::move(v.as_array());
    json::array a;
    if (!v.is_null()) a.push_back(std::move(v));
    return a;
  }
  static bool IsValueOrList(const json::object& o) { return o.contains("@value") || o.contains("@list"); }

  const TermDefinition* Definition(const Context& active, const char* property) const {
    if (!property) return nullptr;
    auto it = active.terms.find(std::string_view(property));
    return it == active.terms.end() ? nullptr : &it->second;
  }

  json::value ExpandValue(const Context& active, const char* property, const json::value& value) {
    const TermDefinition* def = Definition(active, property);
    if (def && def->type && value.is_string()) {
      if (*def->type == "@id") return json::object{{"@id", *ExpandIri(active, Str(value.as_string()), true, false)}};
      if (*def->type == "@vocab") {
        auto iri = ExpandIri(active, Str(value.as_string()), true, true);
        return json::object{{"@id", iri ? json::value(*iri) : json::value(nullptr)}};
      }
    }
    json::object result{{"@value", value}};
    if (def && def->type && *def->type != "@id" && *def->type != "@vocab" && *def->type != "@none") {
      result["@type"] = *def->type;
    } else if (value.is_string()) {
      std::optional<std::string> language = active.language;
      if (def && def->has_language) language = def->language;
      if (language) result["@language"] = *language;
    }
    return result;
  }

  json::value Expand(const Context& active_in, const char* property, const json::value& element, int depth) {
    if (depth > kMaxDepth) Fail("document nested too deeply");
    if (element.is_null()) return nullptr;
    bool free_floating = !property || std::strcmp(property, "@graph") == 0;
    if (element.is_array()) {
      const TermDefinition* def = Definition(active_in, property);
      json::array result;
      for (const json::value& item : element.as_array()) {
        json::value e = Expand(active_in, property, item, depth + 1);
        if (def && def->list && e.is_array()) e = json::object{{"@list", std::move(e)}};
        if (e.is_array()) for (auto& x : e.as_array()) result.push_back(std::move(x));
        else if (!e.is_null()) result.push_back(std::move(e));
      }
      return result;
    }
    if (!element.is_object()) {
      if (free_floating) return nullptr;
      return ExpandValue(active_in, property, element);
    }
    const json::object& object = element.as_object();
    Context local_context;
    const Context* active = &active_in;
    if (auto* context = object.if_contains("@context")) {
      local_context = ProcessContext(active_in, *context, depth == 0 || !property, depth);
      active = &local_context;
    }
    json::object result;
    for (const auto& entry : object) {
      std::string key(entry.key());
      if (key == "@context") continue;
      auto expanded_property = ExpandIri(*active, key, false, true);
      if (!expanded_property || (expanded_property->find(':') == std::string::npos && !IsKeyword(*expanded_property)))
        continue;  // a key that maps to nothing is dropped, as the spec says
      const json::value& value = entry.value();
      const std::string& ep = *expanded_property;
      if (IsKeyword(ep)) {
        if (property && std::strcmp(property, "@reverse") == 0) Fail("invalid reverse property map: it holds " + ep);
        json::value expanded;
        if (ep == "@id") {
          if (!value.is_string()) Fail("invalid @id value: it must be a string");
          expanded = *ExpandIri(*active, Str(value.as_string()), true, false);
        } else if (ep == "@type") {
          json::array types;
          for (const json::value& t : AsArray(value)) {
            if (!t.is_string()) Fail("invalid type value: @type must be a string or an array of strings");
            auto iri = ExpandIri(*active, Str(t.as_string()), true, true);
            if (iri) types.push_back(json::value(*iri));
          }
          if (auto* previous = result.if_contains("@type"))
            for (auto& t : previous->as_array()) types.push_back(t);
          expanded = std::move(types);
        } else if (ep == "@graph" || ep == "@included") {
          expanded = ToArray(Expand(*active, "@graph", value, depth + 1));
        } else if (ep == "@value") {
          if (value.is_object() || value.is_array()) Fail("invalid value object value (only @type @json allows one)");
          expanded = value;
          if (value.is_null()) return nullptr;  // a value object with a null value is null
        } else if (ep == "@language") {
          if (!value.is_string()) Fail("invalid language-tagged string: @language must be a string");
          expanded = value;
        } else if (ep == "@index") {
          continue;  // no RDF meaning
        } else if (ep == "@list") {
          if (free_floating) continue;
          expanded = ToArray(Expand(*active, property, value, depth + 1));
        } else if (ep == "@set") {
          expanded = Expand(*active, property, value, depth + 1);
        } else if (ep == "@reverse") {
          if (!value.is_object()) Fail("invalid @reverse value: it must be an object");
          json::value reversed = Expand(*active, "@reverse", value, depth + 1);
          for (auto& [rp, items] : reversed.as_object()) {
            if (rp == "@reverse") {  // a reverse of a reverse is forward
              for (auto& [fp, fitems] : items.as_object()) {
                json::value& slot = result[fp];
                if (!slot.is_array()) slot = json::array();
                for (auto& x : fitems.as_array()) slot.as_array().push_back(x);
              }
              continue;
            }
            json::value& map = result["@reverse"];
            if (!map.is_object()) map = json::object();
            json::value& slot = map.as_object()[rp];
            if (!slot.is_array()) slot = json::array();
            for (auto& x : items.as_array()) {
              if (x.is_object() && IsValueOrList(x.as_object()))
                Fail("invalid reverse property value: values and lists cannot be reversed");
              slot.as_array().push_back(x);
            }
          }
          continue;
        } else {
          Fail(ep + " is not supported by Cairn's JSON-LD reader");
        }
        result[ep] = std::move(expanded);
        continue;
      }
      const TermDefinition* def = Definition(*active, key.c_str());
      if (value.is_object() && def && def->type && *def->type == "@json") Fail("@json values are not supported");
      json::value expanded = Expand(*active, key.c_str(), value, depth + 1);
      if (expanded.is_null()) continue;
      if (def && def->list && !(expanded.is_object() && expanded.as_object().contains("@list")))
        expanded = json::object{{"@list", ToArray(std::move(expanded))}};
      if (def && def->reverse) {
        json::value& map = result["@reverse"];
        if (!map.is_object()) map = json::object();
        json::value& slot = map.as_object()[ep];
        if (!slot.is_array()) slot = json::array();
        for (auto& x : ToArray(std::move(expanded))) {
          if (x.is_object() && IsValueOrList(x.as_object()))
            Fail("invalid reverse property value for \"" + key + "\"");
          slot.as_array().push_back(std::move(x));
        }
        continue;
      }
      json::value& slot = result[ep];
      if (!slot.is_array()) slot = json::array();
      for (auto& x : ToArray(std::move(expanded))) slot.as_array().push_back(std::move(x));
    }
    // Value objects, @set and the objects that say nothing.
    if (auto* v = result.if_contains("@value")) {
      for (const auto& entry : result)
        if (entry.key() != "@value" && entry.key() != "@language" && entry.key() != "@type" && entry.key() != "@index")
          Fail("invalid value object: it holds " + std::string(entry.key()));
      if (result.contains("@language") && result.contains("@type")) Fail("invalid value object: both @language and @type");
      if (result.contains("@language") && !v->is_string()) Fail("invalid language-tagged value: it is not a string");
      if (auto* t = result.if_contains("@type")) {
        if (t->as_array().size() != 1 || !IsAbsoluteIri(Str(t->as_array()[0].as_string())))
          Fail("invalid typed value: @type must be one absolute IRI");
        json::value type = t->as_array()[0];
        result["@type"] = std::move(type);
      }
    } else if (auto* set = result.if_contains("@set")) {
      if (result.size() != 1) Fail("invalid set or list object");
      return *set;
    } else if (result.contains("@list") && result.size() != 1) {
      Fail("invalid set or list object");
    }
    if (result.size() == 1 && result.contains("@language")) return nullptr;
    if (free_floating) {
      if (result.empty() || IsValueOrList(result)) return nullptr;
      if (result.size() == 1 && result.contains("@id")) return nullptr;
    }
    return result;
  }

  // ---------------- Deserialize JSON-LD to RDF ----------------
  Term BlankNode(std::string_view id) {
    std::string label(id.substr(2));
    auto keep = [](const std::string& l) {
      if (l.empty() || !(std::isalpha(static_cast<unsigned char>(l[0])) || l[0] == '_')) return false;
      for (unsigned char c : l)
        if (!(std::isalnum(c) || c == '_' || c == '-')) return false;
      return true;
    };
    if (keep(label)) return Term::BlankNode(label);
    auto [it, inserted] = relabelled_.try_emplace(label);
    if (inserted) it->second = Fresh();
    return Term::BlankNode(it->second);
  }
  // Labels Cairn makes up start with a digit, which no label kept from the document does.
  std::string Fresh() { return std::to_string(++blank_counter_); }

  std::optional<Term> Resource(const std::string& id) {
    if (id.starts_with("_:")) return BlankNode(id);
    if (!IsAbsoluteIri(id)) return std::nullopt;  // not well-formed: the spec drops the statement
    return Term::Iri(id);
  }

  void Emit(const Term& s, const Term& p, const Term& o, const Term& g) {
    if (!sink_status_.ok()) return;
    quad_.subject = s;
    quad_.predicate = p;
    quad_.object = o;
    quad_.graph = g;
    ++stats_.statements;
    sink_status_ = sink_(quad_);
  }

  static std::string CanonicalDouble(double d) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15E", d);
    std::string s = buffer;
    auto e = s.find('E');
    std::string mantissa = s.substr(0, e);
    int exponent = std::atoi(s.c_str() + e + 1);
    while (mantissa.size() > 1 && mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa += '0';
    return mantissa + "E" + std::to_string(exponent);
  }

  std::optional<Term> Literal(const json::object& o) {
    const json::value& v = o.at("@value");
    std::string datatype;
    if (auto* t = o.if_contains("@type")) datatype = Str(t->as_string());
    if (v.is_bool()) return Term::Literal(v.as_bool() ? "true" : "false", datatype.empty() ? std::string(vocab::xsd::kBoolean) : datatype);
    if (v.is_number()) {
      double d = v.to_number<double>();
      bool integral = !v.is_double() || (std::floor(d) == d && std::fabs(d) < 1e21);
      if (integral && datatype != vocab::xsd::kDouble) {
        std::string text;
        if (v.is_int64()) text = std::to_string(v.as_int64());
        else if (v.is_uint64()) text = std::to_string(v.as_uint64());
        else {
          char buffer[64];
          std::snprintf(buffer, sizeof buffer, "%.0f", d);
          text = buffer;
        }
        return Term::Literal(text, datatype.empty() ? std::string(vocab::xsd::kInteger) : datatype);
      }
      return Term::Literal(CanonicalDouble(d), datatype.empty() ? std::string(vocab::xsd::kDouble) : datatype);
    }
    std::string text = Str(v.as_string());
    if (auto* l = o.if_contains("@language")) return Term::LangLiteral(text, Str(l->as_string()));
    return Term::Literal(text, datatype);
  }

  // The RDF term an expanded item stands for, emitting what it says on the way.
  std::optional<Term> Object(const json::value& item, const Term& graph, int depth) {
    if (!item.is_object()) return std::nullopt;
    const json::object& o = item.as_object();
    if (o.contains("@value")) return Literal(o);
    if (auto* list = o.if_contains("@list")) return List(list->as_array(), graph, depth);
    return EmitNode(o, graph, depth);
  }

  Term List(const json::array& items, const Term& graph, int depth) {
    std::vector<Term> members;
    for (const json::value& item : items)
      if (auto t = Object(item, graph, depth + 1)) members.push_back(std::move(*t));
    Term head = Term::Iri(std::string(vocab::rdf::kNil));
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
      Term cell = Term::BlankNode(Fresh());
      Emit(cell, Term::Iri(std::string(vocab::rdf::kFirst)), *it, graph);
      Emit(cell, Term::Iri(std::string(vocab::rdf::kRest)), head, graph);
      head = std::move(cell);
    }
    return head;
  }

  std::optional<Term> EmitNode(const json::object& node, const Term& graph, int depth = 0) {
    if (depth > kMaxDepth) Fail("document nested too deeply");
    std::optional<Term> subject;
    if (auto* id = node.if_contains("@id")) {
      subject = Resource(Str(id->as_string()));
      if (!subject) return std::nullopt;
    } else {
      subject = Term::BlankNode(Fresh());
    }
    if (auto* types = node.if_contains("@type")) {
      for (const json::value& t : types->as_array())
        if (auto type = Resource(Str(t.as_string()))) Emit(*subject, Term::Iri(std::string(vocab::rdf::kType)), *type, graph);
    }
    for (const auto& entry : node) {
      std::string_view key = entry.key();
      if (key == "@reverse") {
        for (const auto& [rp, items] : entry.value().as_object()) {
          auto predicate = Resource(std::string(rp));
          for (const json::value& item : items.as_array()) {
            auto object = Object(item, graph, depth + 1);
            if (predicate && predicate->is_iri() && object) Emit(*object, *predicate, *subject, graph);
          }
        }
        continue;
      }
      if (key == "@graph") {
        for (const json::value& item : entry.value().as_array())
          if (item.is_object() && !IsValueOrList(item.as_object())) EmitNode(item.as_object(), *subject, depth + 1);
        continue;
      }
      if (key == "@included") {
        for (const json::value& item : entry.value().as_array())
          if (item.is_object() && !IsValueOrList(item.as_object())) EmitNode(item.as_object(), graph, depth + 1);
        continue;
      }
      if (key.starts_with("@")) continue;
      auto predicate = Resource(std::string(key));
      for (const json::value& item : entry.value().as_array()) {
        auto object = Object(item, graph, depth + 1);
        // Blank-node predicates would be generalized RDF: the spec leaves them out.
        if (predicate && predicate->is_iri() && object) Emit(*subject, *predicate, *object, graph);
      }
    }
    return subject;
  }

  const RdfReadOptions& options_;
  const QuadSink& sink_;
  RdfReadStats& stats_;
  const PrefixSink& prefixes_;
  std::map<std::string, std::string> relabelled_;
  std::uint64_t blank_counter_ = 0;
  Quad quad_;
  Status sink_status_;
};

}  // namespace

Status ReadJsonLd(const ReadBytes& read, const std::string& source_name, const RdfReadOptions& options,
                  const QuadSink& sink, RdfReadStats& stats, const PrefixSink& prefixes) {
  json::parse_options parse_options;
  parse_options.max_depth = kMaxDepth;
  json::stream_parser parser({}, parse_options);
  std::uint64_t line = 1, column = 1;
  auto advance = [&](const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (data[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
  };
  std::vector<char> buffer(1 << 16);
  boost::system::error_code ec;
  for (;;) {
    std::size_t n = read(buffer.data(), buffer.size());
    if (n == 0) {
      parser.finish(ec);
      if (ec) return Status::Syntax(source_name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                    ": JSON syntax error: " + ec.message());
      break;
    }
    std::size_t used = parser.write_some(buffer.data(), n, ec);
    advance(buffer.data(), used);
    if (ec) return Status::Syntax(source_name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                  ": JSON syntax error: " + ec.message());
    if (used < n) {  // a complete value followed by more text
      return Status::Syntax(source_name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                            ": JSON syntax error: text after the end of the document");
    }
  }
  json::value document = parser.release();
  try {
    JsonLdToRdf converter(options, sink, stats, prefixes);
    return converter.Run(document);
  } catch (const JsonLdError& e) {
    return Status::Syntax(source_name + ": JSON-LD error: " + e.message);
  }
}

}  // namespace cairn
