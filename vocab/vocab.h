// IRIs of the vocabularies Cairn speaks, as constants. One namespace per vocabulary; a term's
// constant is named after its local name. Header-only and dependency-free: every folder may use it.
#pragma once

#include <string_view>

namespace cairn::vocab {

namespace rdf {
inline constexpr std::string_view kNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
inline constexpr std::string_view kLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
inline constexpr std::string_view kDirLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString";
inline constexpr std::string_view kFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
inline constexpr std::string_view kRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
inline constexpr std::string_view kNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
}  // namespace rdf

namespace rdfs {
inline constexpr std::string_view kNamespace = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kLabel = "http://www.w3.org/2000/01/rdf-schema#label";
inline constexpr std::string_view kComment = "http://www.w3.org/2000/01/rdf-schema#comment";
}  // namespace rdfs

// XML Schema datatypes: the ones Cairn stores inline, plus string.
namespace xsd {
inline constexpr std::string_view kNamespace = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
inline constexpr std::string_view kDecimal = "http://www.w3.org/2001/XMLSchema#decimal";
inline constexpr std::string_view kInteger = "http://www.w3.org/2001/XMLSchema#integer";
inline constexpr std::string_view kDouble = "http://www.w3.org/2001/XMLSchema#double";
inline constexpr std::string_view kFloat = "http://www.w3.org/2001/XMLSchema#float";
inline constexpr std::string_view kDateTime = "http://www.w3.org/2001/XMLSchema#dateTime";
inline constexpr std::string_view kDate = "http://www.w3.org/2001/XMLSchema#date";
inline constexpr std::string_view kLong = "http://www.w3.org/2001/XMLSchema#long";
inline constexpr std::string_view kInt = "http://www.w3.org/2001/XMLSchema#int";
inline constexpr std::string_view kShort = "http://www.w3.org/2001/XMLSchema#short";
inline constexpr std::string_view kByte = "http://www.w3.org/2001/XMLSchema#byte";
inline constexpr std::string_view kNonNegativeInteger = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger";
inline constexpr std::string_view kPositiveInteger = "http://www.w3.org/2001/XMLSchema#positiveInteger";
inline constexpr std::string_view kNonPositiveInteger = "http://www.w3.org/2001/XMLSchema#nonPositiveInteger";
inline constexpr std::string_view kNegativeInteger = "http://www.w3.org/2001/XMLSchema#negativeInteger";
inline constexpr std::string_view kUnsignedLong = "http://www.w3.org/2001/XMLSchema#unsignedLong";
inline constexpr std::string_view kUnsignedInt = "http://www.w3.org/2001/XMLSchema#unsignedInt";
inline constexpr std::string_view kUnsignedShort = "http://www.w3.org/2001/XMLSchema#unsignedShort";
inline constexpr std::string_view kUnsignedByte = "http://www.w3.org/2001/XMLSchema#unsignedByte";
}  // namespace xsd

namespace owl {
inline constexpr std::string_view kNamespace = "http://www.w3.org/2002/07/owl#";
}
namespace skos {
inline constexpr std::string_view kNamespace = "http://www.w3.org/2004/02/skos/core#";
}
namespace dcterms {
inline constexpr std::string_view kNamespace = "http://purl.org/dc/terms/";
}
namespace dcat {
inline constexpr std::string_view kNamespace = "http://www.w3.org/ns/dcat#";
}
namespace foaf {
inline constexpr std::string_view kNamespace = "http://xmlns.com/foaf/0.1/";
}
namespace qb {
inline constexpr std::string_view kNamespace = "http://purl.org/linked-data/cube#";
}
namespace org {
inline constexpr std::string_view kNamespace = "http://www.w3.org/ns/org#";
}
namespace void_ {
inline constexpr std::string_view kNamespace = "http://rdfs.org/ns/void#";
}
namespace sd {
inline constexpr std::string_view kNamespace = "http://www.w3.org/ns/sparql-service-description#";
}
namespace prov {
inline constexpr std::string_view kNamespace = "http://www.w3.org/ns/prov#";
}

// Prefixes writers may use when the data declares none (Turtle and TriG output).
struct WellKnownPrefix {
  std::string_view prefix;
  std::string_view iri;
};
inline constexpr WellKnownPrefix kWellKnownPrefixes[] = {
    {"rdf", rdf::kNamespace},       {"rdfs", rdfs::kNamespace},   {"xsd", xsd::kNamespace},
    {"owl", owl::kNamespace},       {"skos", skos::kNamespace},   {"dct", dcterms::kNamespace},
    {"dcat", dcat::kNamespace},     {"foaf", foaf::kNamespace},   {"qb", qb::kNamespace},
    {"org", org::kNamespace},       {"void", void_::kNamespace},  {"sd", sd::kNamespace},
    {"prov", prov::kNamespace},
};

}  // namespace cairn::vocab
