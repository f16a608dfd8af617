// Byte layouts of everything the store writes to RocksDB. Documented in storage/README.md.
//
// A TermId in a key is self-delimiting and order-preserving:
//   dictionary tags (IRI, blank node, literal): one byte (tag << 3 | n - 1), then the payload in
//     n = 1..7 big-endian bytes (small ids take few bytes: keys stay short on disk);
//   inline tags: one byte 0x20 + tag, then the 7 payload bytes big-endian.
// So comparing keys bytewise compares the TermIds tuple by tuple, which lets the bulk loader sort
// QuadIds numerically and write keys in RocksDB order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/term.h"
#include "storage/term_id.h"

namespace cairn {

void AppendTermKey(TermId id, std::string& out);
// Consumes one term from the front of `in`; false on malformed input.
bool ConsumeTermKey(std::string_view& in, TermId& out);

// The index orders, one column family each. The default graph has its own three orders without
// a graph component; named graphs have six, graph-last for "any graph" patterns and graph-first
// for patterns in one graph. Together every pattern is a single prefix scan.
enum class IndexOrder : std::uint8_t { kDspo, kDpos, kDosp, kSpog, kPosg, kOspg, kGspo, kGpos, kGosp };
inline constexpr int kIndexOrderCount = 9;

enum QuadComponent : std::uint8_t { kSubject = 0, kPredicate = 1, kObject = 2, kGraph = 3 };

struct IndexSpec {
  const char* column_family;
  int arity;  // 3 for default-graph orders, 4 for named-graph orders
  std::array<QuadComponent, 4> components;
  bool named_graphs;
};
const IndexSpec& SpecOf(IndexOrder order);

inline TermId ComponentOf(const QuadIds& q, QuadComponent c) {
  switch (c) {
    case kSubject: return q.subject;
    case kPredicate: return q.predicate;
    case kObject: return q.object;
    default: return q.graph;
  }
}
inline void SetComponent(QuadIds& q, QuadComponent c, TermId id) {
  switch (c) {
    case kSubject: q.subject = id; break;
    case kPredicate: q.predicate = id; break;
    case kObject: q.object = id; break;
    default: q.graph = id; break;
  }
}

std::string QuadKey(IndexOrder order, const QuadIds& quad);
void AppendQuadKey(IndexOrder order, const QuadIds& quad, std::string& out);
bool DecodeQuadKey(IndexOrder order, std::string_view key, QuadIds& quad);

// ---- the dictionary ----
// id2str: key = 7-byte big-endian dictionary id; value = DictionaryForm(term).
// str2id: key = 16-byte XXH3-128 of DictionaryForm(term); value = 8-byte big-endian TermId bits.
// DictionaryForm: 'I' iri | 'S' lexical (xsd:string) | 'L' lang \0 lexical | 'T' datatype \0 lexical.
// (IRIs and language tags cannot contain NUL, so the split is unambiguous.)
std::string DictionaryForm(const Term& term);
void AppendDictionaryForm(const Term& term, std::string& out);
bool TermFromDictionaryForm(std::string_view form, Term& term);
std::string DictionaryIdKey(std::uint64_t id);
std::array<char, 16> DictionaryHashKey(std::string_view form);

// ---- small fixed-width helpers ----
void AppendBigEndian64(std::uint64_t v, std::string& out);
std::uint64_t ReadBigEndian64(std::string_view in);

}  // namespace cairn
