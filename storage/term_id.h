// TermId: a term as 64 bits, the unit the store's indexes and the query engine work on.
//
//   bits 63..56  TermTag        bits 55..0  payload
//
// Dictionary tags (kIri, kLiteral) carry a dense id into the dictionary; kBlankNode carries a
// counter (blank nodes need no stored label). Inline tags carry the literal's value itself,
// encoded so that unsigned comparison of payloads orders values (see inline_literal.h). Within
// one tag, TermId order is payload order; that is what makes a numeric or date range filter a
// range scan. Values of different tags do not compare meaningfully.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace cairn {

enum class TermTag : std::uint8_t {
  kNone = 0,  // no term: the default graph in a quad, an unbound position in a pattern
  kIri = 1,
  kBlankNode = 2,
  kLiteral = 3,  // a literal kept in the dictionary (non-canonical, long or other datatype)
  // Inline literals. Each keeps its datatype, so "1"^^xsd:int and "1"^^xsd:integer differ.
  kString = 4,  // xsd:string, at most 7 UTF-8 bytes, no NUL
  kBoolean = 5,
  kDecimal = 6,
  kDouble = 7,
  kFloat = 8,
  kDateTime = 9,
  kDate = 10,
  kInteger = 16,  // kInteger..kUnsignedByte: the XSD integer types, same payload encoding
  kLong,
  kInt,
  kShort,
  kByte,
  kNonNegativeInteger,
  kPositiveInteger,
  kNonPositiveInteger,
  kNegativeInteger,
  kUnsignedLong,
  kUnsignedInt,
  kUnsignedShort,
  kUnsignedByte,
  kLastTag = kUnsignedByte,
};

struct TermId {
  static constexpr int kPayloadBits = 56;
  static constexpr std::uint64_t kPayloadMask = (std::uint64_t{1} << kPayloadBits) - 1;
  static constexpr std::uint64_t kMaxDictionaryId = kPayloadMask;

  std::uint64_t bits = 0;

  static constexpr TermId Make(TermTag tag, std::uint64_t payload) {
    return TermId{(static_cast<std::uint64_t>(tag) << kPayloadBits) | (payload & kPayloadMask)};
  }
  static constexpr TermId None() { return TermId{0}; }

  constexpr TermTag tag() const { return static_cast<TermTag>(bits >> kPayloadBits); }
  constexpr std::uint64_t payload() const { return bits & kPayloadMask; }
  constexpr bool is_none() const { return bits == 0; }
  constexpr bool is_iri() const { return tag() == TermTag::kIri; }
  constexpr bool is_blank() const { return tag() == TermTag::kBlankNode; }
  constexpr bool is_literal() const { return tag() >= TermTag::kLiteral; }
  constexpr bool is_inline() const { return tag() >= TermTag::kString; }
  // Dictionary-backed: decoding needs a lookup.
  constexpr bool in_dictionary() const { return tag() == TermTag::kIri || tag() == TermTag::kLiteral; }

  friend constexpr bool operator==(TermId, TermId) = default;
  friend constexpr auto operator<=>(TermId, TermId) = default;
};

struct TermIdHash {
  std::size_t operator()(TermId id) const noexcept {
    // Fibonacci hashing spreads dense ids and tag bits alike.
    return static_cast<std::size_t>((id.bits * 0x9E3779B97F4A7C15ULL) >> 7);
  }
};

// A quad of ids; graph is TermId::None() for the default graph.
struct QuadIds {
  TermId subject, predicate, object, graph;
  friend constexpr bool operator==(const QuadIds&, const QuadIds&) = default;
};

}  // namespace cairn
