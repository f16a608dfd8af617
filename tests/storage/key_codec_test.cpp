// Key encoding: self-delimiting, and bytewise order equals TermId order (the bulk loader sorts
// ids numerically and relies on RocksDB seeing the same order).
#include <catch2/catch.hpp>

#include <random>

#include "storage/inline_literal.h"
#include "storage/key_codec.h"

using namespace cairn;

namespace {
TermId RandomId(std::mt19937_64& rng) {
  static constexpr TermTag kTags[] = {TermTag::kIri, TermTag::kBlankNode, TermTag::kLiteral, TermTag::kString,
                                      TermTag::kInteger, TermTag::kDouble, TermTag::kDateTime, TermTag::kUnsignedByte};
  TermTag tag = kTags[rng() % std::size(kTags)];
  int bits = static_cast<int>(rng() % 57);
  std::uint64_t payload = bits == 0 ? 0 : (rng() >> (64 - bits));
  if (!TermId::Make(tag, 0).is_inline() && payload == 0) payload = 1;
  return TermId::Make(tag, payload);
}
}  // namespace

TEST_CASE("term keys round-trip and sort like TermIds", "[storage][keys]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    TermId a = RandomId(rng), b = RandomId(rng);
    std::string ka, kb;
    AppendTermKey(a, ka);
    AppendTermKey(b, kb);
    std::string_view in = ka;
    TermId back;
    REQUIRE(ConsumeTermKey(in, back));
    CHECK(in.empty());
    CHECK(back == a);
    INFO(std::hex << a.bits << " vs " << b.bits);
    CHECK((ka < kb) == (a < b));
    CHECK((ka == kb) == (a == b));
  }
}

TEST_CASE("small dictionary ids take few key bytes", "[storage][keys]") {
  std::string key;
  AppendTermKey(TermId::Make(TermTag::kIri, 200), key);
  CHECK(key.size() == 2);
  key.clear();
  AppendTermKey(TermId::Make(TermTag::kIri, 70000), key);
  CHECK(key.size() == 4);
}

TEST_CASE("malformed keys are rejected, not misread", "[storage][keys]") {
  TermId id;
  std::string_view empty;
  CHECK_FALSE(ConsumeTermKey(empty, id));
  std::string truncated;
  AppendTermKey(TermId::Make(TermTag::kInteger, 12345), truncated);
  truncated.pop_back();
  std::string_view in = truncated;
  CHECK_FALSE(ConsumeTermKey(in, id));
  std::string bad_tag(1, static_cast<char>(0x20 + 60));
  bad_tag.append(7, '\0');
  in = bad_tag;
  CHECK_FALSE(ConsumeTermKey(in, id));
}

TEST_CASE("quad keys decode in every index order", "[storage][keys]") {
  QuadIds named{TermId::Make(TermTag::kIri, 1), TermId::Make(TermTag::kIri, 300), TermId::Make(TermTag::kLiteral, 99999),
                TermId::Make(TermTag::kIri, 2)};
  QuadIds dflt = named;
  dflt.graph = TermId::None();
  for (int i = 0; i < kIndexOrderCount; ++i) {
    auto order = static_cast<IndexOrder>(i);
    const QuadIds& q = SpecOf(order).named_graphs ? named : dflt;
    QuadIds back;
    REQUIRE(DecodeQuadKey(order, QuadKey(order, q), back));
    CHECK(back == q);
  }
}

TEST_CASE("dictionary forms round-trip every kind of term", "[storage][keys]") {
  const Term terms[] = {Term::Iri("http://example.org/a"), Term::Literal("a long string value", ""),
                        Term::LangLiteral("chat", "fr-be"), Term::Literal("01", "http://www.w3.org/2001/XMLSchema#integer"),
                        Term::Literal(std::string("nul\0inside", 10), "http://example.org/dt")};
  for (const Term& t : terms) {
    Term back;
    REQUIRE(TermFromDictionaryForm(DictionaryForm(t), back));
    CHECK(back == t);
  }
  CHECK(DictionaryForm(Term::Literal("x", "")) == DictionaryForm(Term::Literal("x", "http://www.w3.org/2001/XMLSchema#string")));
  // Language tags are case-insensitive: one dictionary form, in lower case.
  CHECK(DictionaryForm(Term::LangLiteral("chat", "FR-BE")) == DictionaryForm(Term::LangLiteral("chat", "fr-be")));
  CHECK(DictionaryHashKey("Ia") != DictionaryHashKey("Sa"));
}
