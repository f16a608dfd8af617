#include "storage/key_codec.h"

#include <xxhash.h>

#include "vocab/vocab.h"

namespace cairn {

namespace {
constexpr unsigned char kInlineBase = 0x20;

constexpr IndexSpec kSpecs[kIndexOrderCount] = {
    {"dspo", 3, {kSubject, kPredicate, kObject, kGraph}, false},
    {"dpos", 3, {kPredicate, kObject, kSubject, kGraph}, false},
    {"dosp", 3, {kObject, kSubject, kPredicate, kGraph}, false},
    {"spog", 4, {kSubject, kPredicate, kObject, kGraph}, true},
    {"posg", 4, {kPredicate, kObject, kSubject, kGraph}, true},
    {"ospg", 4, {kObject, kSubject, kPredicate, kGraph}, true},
    {"gspo", 4, {kGraph, kSubject, kPredicate, kObject}, true},
    {"gpos", 4, {kGraph, kPredicate, kObject, kSubject}, true},
    {"gosp", 4, {kGraph, kObject, kSubject, kPredicate}, true},
};
}  // namespace

const IndexSpec& SpecOf(IndexOrder order) { return kSpecs[static_cast<int>(order)]; }

void AppendTermKey(TermId id, std::string& out) {
  std::uint64_t payload = id.payload();
  auto tag = static_cast<unsigned>(id.tag());
  if (id.is_inline()) {
    out += static_cast<char>(kInlineBase + tag);
    for (int shift = 48; shift >= 0; shift -= 8) out += static_cast<char>((payload >> shift) & 0xFF);
    return;
  }
  int n = 1;
  while (n < 7 && (payload >> (8 * n)) != 0) ++n;
  out += static_cast<char>((tag << 3) | static_cast<unsigned>(n - 1));
  for (int i = n - 1; i >= 0; --i) out += static_cast<char>((payload >> (8 * i)) & 0xFF);
}

bool ConsumeTermKey(std::string_view& in, TermId& out) {
  if (in.empty()) return false;
  auto first = static_cast<unsigned char>(in[0]);
  unsigned tag;
  std::size_t n;
  if (first >= kInlineBase) {
    tag = first - kInlineBase;
    n = 7;
    if (tag < static_cast<unsigned>(TermTag::kString) || tag > static_cast<unsigned>(TermTag::kLastTag))
      return false;
  } else {
    tag = first >> 3;
    n = (first & 7u) + 1;
    if (tag < 1 || tag > 3 || n > 7) return false;
  }
  if (in.size() < 1 + n) return false;
  std::uint64_t payload = 0;
  for (std::size_t i = 1; i <= n; ++i) payload = (payload << 8) | static_cast<unsigned char>(in[i]);
  out = TermId::Make(static_cast<TermTag>(tag), payload);
  in.remove_prefix(1 + n);
  return true;
}

void AppendQuadKey(IndexOrder order, const QuadIds& quad, std::string& out) {
  const IndexSpec& spec = SpecOf(order);
  for (int i = 0; i < spec.arity; ++i) AppendTermKey(ComponentOf(quad, spec.components[i]), out);
}

std::string QuadKey(IndexOrder order, const QuadIds& quad) {
  std::string key;
  key.reserve(32);
  AppendQuadKey(order, quad, key);
  return key;
}

bool DecodeQuadKey(IndexOrder order, std::string_view key, QuadIds& quad) {
  const IndexSpec& spec = SpecOf(order);
  quad.graph = TermId::None();
  for (int i = 0; i < spec.arity; ++i) {
    TermId id;
    if (!ConsumeTermKey(key, id)) return false;
    SetComponent(quad, spec.components[i], id);
  }
  return key.empty();
}

void AppendDictionaryForm(const Term& term, std::string& out) {
  switch (term.kind) {
    case TermKind::kIri:
      out += 'I';
      out += term.value;
      return;
    case TermKind::kLiteral:
      if (!term.language.empty()) {
        // Language tags are case-insensitive; RDF 1.1 makes lower case their value space, so
        // "x"@EN and "x"@en are one term here.
        out += 'L';
        for (char c : term.language) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      } else if (term.datatype.empty() || term.datatype == vocab::xsd::kString) {
        out += 'S';
        out += term.value;
        return;
      } else {
        out += 'T';
        out += term.datatype;
      }
      out += '\0';
      out += term.value;
      return;
    default:
      return;  // blank nodes and the default graph are never in the dictionary
  }
}

std::string DictionaryForm(const Term& term) {
  std::string out;
  AppendDictionaryForm(term, out);
  return out;
}

bool TermFromDictionaryForm(std::string_view form, Term& term) {
  if (form.empty()) return false;
  char kind = form[0];
  form.remove_prefix(1);
  term.language.clear();
  term.datatype.clear();
  switch (kind) {
    case 'I':
      term.kind = TermKind::kIri;
      term.value.assign(form);
      return true;
    case 'S':
      term.kind = TermKind::kLiteral;
      term.value.assign(form);
      term.datatype = vocab::xsd::kString;
      return true;
    case 'L':
    case 'T': {
      auto nul = form.find('\0');
      if (nul == std::string_view::npos) return false;
      term.kind = TermKind::kLiteral;
      term.value.assign(form.substr(nul + 1));
      if (kind == 'L') {
        term.language.assign(form.substr(0, nul));
        term.datatype = vocab::rdf::kLangString;
      } else {
        term.datatype.assign(form.substr(0, nul));
      }
      return true;
    }
    default:
      return false;
  }
}

std::string DictionaryIdKey(std::uint64_t id) {
  std::string key;
  for (int shift = 48; shift >= 0; shift -= 8) key += static_cast<char>((id >> shift) & 0xFF);
  return key;
}

std::array<char, 16> DictionaryHashKey(std::string_view form) {
  XXH128_hash_t h = XXH3_128bits(form.data(), form.size());
  std::array<char, 16> key;
  for (int i = 0; i < 8; ++i) {
    key[i] = static_cast<char>((h.high64 >> (56 - 8 * i)) & 0xFF);
    key[8 + i] = static_cast<char>((h.low64 >> (56 - 8 * i)) & 0xFF);
  }
  return key;
}

void AppendBigEndian64(std::uint64_t v, std::string& out) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

std::uint64_t ReadBigEndian64(std::string_view in) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8 && i < in.size(); ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

}  // namespace cairn
