// DCAT 3 and the vocabularies DCAT-AP 3.0.1 uses around it (dcterms, foaf, vcard, spdx, adms,
// skos, the EU authority tables), as IRI constants for the catalogue generator. Header-only.
#pragma once

#include <string_view>

#include "vocab/vocab.h"

namespace cairn::vocab {

namespace dcat {
inline constexpr std::string_view kCatalog = "http://www.w3.org/ns/dcat#Catalog";
inline constexpr std::string_view kDataset = "http://www.w3.org/ns/dcat#Dataset";
inline constexpr std::string_view kDistribution = "http://www.w3.org/ns/dcat#Distribution";
inline constexpr std::string_view kDataService = "http://www.w3.org/ns/dcat#DataService";
inline constexpr std::string_view kDatasetProp = "http://www.w3.org/ns/dcat#dataset";
inline constexpr std::string_view kService = "http://www.w3.org/ns/dcat#service";
inline constexpr std::string_view kDistributionProp = "http://www.w3.org/ns/dcat#distribution";
inline constexpr std::string_view kDownloadUrl = "http://www.w3.org/ns/dcat#downloadURL";
inline constexpr std::string_view kAccessUrl = "http://www.w3.org/ns/dcat#accessURL";
inline constexpr std::string_view kAccessService = "http://www.w3.org/ns/dcat#accessService";
inline constexpr std::string_view kMediaType = "http://www.w3.org/ns/dcat#mediaType";
inline constexpr std::string_view kCompressFormat = "http://www.w3.org/ns/dcat#compressFormat";
inline constexpr std::string_view kByteSize = "http://www.w3.org/ns/dcat#byteSize";
inline constexpr std::string_view kEndpointUrl = "http://www.w3.org/ns/dcat#endpointURL";
inline constexpr std::string_view kEndpointDescription = "http://www.w3.org/ns/dcat#endpointDescription";
inline constexpr std::string_view kServesDataset = "http://www.w3.org/ns/dcat#servesDataset";
inline constexpr std::string_view kKeyword = "http://www.w3.org/ns/dcat#keyword";
inline constexpr std::string_view kTheme = "http://www.w3.org/ns/dcat#theme";
inline constexpr std::string_view kThemeTaxonomy = "http://www.w3.org/ns/dcat#themeTaxonomy";
inline constexpr std::string_view kContactPoint = "http://www.w3.org/ns/dcat#contactPoint";
inline constexpr std::string_view kLandingPage = "http://www.w3.org/ns/dcat#landingPage";
inline constexpr std::string_view kStartDate = "http://www.w3.org/ns/dcat#startDate";
inline constexpr std::string_view kEndDate = "http://www.w3.org/ns/dcat#endDate";
inline constexpr std::string_view kBbox = "http://www.w3.org/ns/dcat#bbox";
inline constexpr std::string_view kCentroid = "http://www.w3.org/ns/dcat#centroid";
}  // namespace dcat

namespace dcterms {
inline constexpr std::string_view kTitle = "http://purl.org/dc/terms/title";
inline constexpr std::string_view kDescription = "http://purl.org/dc/terms/description";
inline constexpr std::string_view kPublisher = "http://purl.org/dc/terms/publisher";
inline constexpr std::string_view kLicense = "http://purl.org/dc/terms/license";
inline constexpr std::string_view kRights = "http://purl.org/dc/terms/rights";
inline constexpr std::string_view kModified = "http://purl.org/dc/terms/modified";
inline constexpr std::string_view kIssued = "http://purl.org/dc/terms/issued";
inline constexpr std::string_view kIdentifier = "http://purl.org/dc/terms/identifier";
inline constexpr std::string_view kLanguage = "http://purl.org/dc/terms/language";
inline constexpr std::string_view kSpatial = "http://purl.org/dc/terms/spatial";
inline constexpr std::string_view kTemporal = "http://purl.org/dc/terms/temporal";
inline constexpr std::string_view kAccrualPeriodicity = "http://purl.org/dc/terms/accrualPeriodicity";
inline constexpr std::string_view kFormat = "http://purl.org/dc/terms/format";
inline constexpr std::string_view kConformsTo = "http://purl.org/dc/terms/conformsTo";
inline constexpr std::string_view kType = "http://purl.org/dc/terms/type";
inline constexpr std::string_view kLicenseDocument = "http://purl.org/dc/terms/LicenseDocument";
inline constexpr std::string_view kRightsStatement = "http://purl.org/dc/terms/RightsStatement";
inline constexpr std::string_view kLocation = "http://purl.org/dc/terms/Location";
inline constexpr std::string_view kPeriodOfTime = "http://purl.org/dc/terms/PeriodOfTime";
inline constexpr std::string_view kFrequency = "http://purl.org/dc/terms/Frequency";
inline constexpr std::string_view kMediaType = "http://purl.org/dc/terms/MediaType";
inline constexpr std::string_view kMediaTypeOrExtent = "http://purl.org/dc/terms/MediaTypeOrExtent";
inline constexpr std::string_view kStandard = "http://purl.org/dc/terms/Standard";
inline constexpr std::string_view kLinguisticSystem = "http://purl.org/dc/terms/LinguisticSystem";
}  // namespace dcterms

namespace foaf {
inline constexpr std::string_view kAgent = "http://xmlns.com/foaf/0.1/Agent";
inline constexpr std::string_view kDocument = "http://xmlns.com/foaf/0.1/Document";
inline constexpr std::string_view kName = "http://xmlns.com/foaf/0.1/name";
inline constexpr std::string_view kHomepage = "http://xmlns.com/foaf/0.1/homepage";
inline constexpr std::string_view kPage = "http://xmlns.com/foaf/0.1/page";
}  // namespace foaf

namespace skos {
inline constexpr std::string_view kConcept = "http://www.w3.org/2004/02/skos/core#Concept";
inline constexpr std::string_view kConceptScheme = "http://www.w3.org/2004/02/skos/core#ConceptScheme";
inline constexpr std::string_view kPrefLabel = "http://www.w3.org/2004/02/skos/core#prefLabel";
inline constexpr std::string_view kInScheme = "http://www.w3.org/2004/02/skos/core#inScheme";
}  // namespace skos

// vCard 4 (contact points).
namespace vcard {
inline constexpr std::string_view kNamespace = "http://www.w3.org/2006/vcard/ns#";
inline constexpr std::string_view kKind = "http://www.w3.org/2006/vcard/ns#Kind";
inline constexpr std::string_view kOrganization = "http://www.w3.org/2006/vcard/ns#Organization";
inline constexpr std::string_view kFn = "http://www.w3.org/2006/vcard/ns#fn";
inline constexpr std::string_view kHasEmail = "http://www.w3.org/2006/vcard/ns#hasEmail";
inline constexpr std::string_view kHasUrl = "http://www.w3.org/2006/vcard/ns#hasURL";
}  // namespace vcard

// SPDX checksums (DCAT-AP's spdx:checksum on distributions).
namespace spdx {
inline constexpr std::string_view kNamespace = "http://spdx.org/rdf/terms#";
inline constexpr std::string_view kChecksum = "http://spdx.org/rdf/terms#checksum";
inline constexpr std::string_view kChecksumClass = "http://spdx.org/rdf/terms#Checksum";
inline constexpr std::string_view kAlgorithm = "http://spdx.org/rdf/terms#algorithm";
inline constexpr std::string_view kChecksumValue = "http://spdx.org/rdf/terms#checksumValue";
inline constexpr std::string_view kSha256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256";
}  // namespace spdx

namespace dcatap {
inline constexpr std::string_view kNamespace = "http://data.europa.eu/r5r/";
inline constexpr std::string_view kAvailability = "http://data.europa.eu/r5r/availability";
}  // namespace dcatap

// Code lists DCAT-AP asks values from (EU Publications Office authority tables, ADMS).
namespace eu {
inline constexpr std::string_view kFileType = "http://publications.europa.eu/resource/authority/file-type/";
inline constexpr std::string_view kFrequency = "http://publications.europa.eu/resource/authority/frequency/";
inline constexpr std::string_view kLanguageEng = "http://publications.europa.eu/resource/authority/language/ENG";
inline constexpr std::string_view kDataThemes = "http://publications.europa.eu/resource/authority/data-theme";
inline constexpr std::string_view kThemeGovernment = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
inline constexpr std::string_view kCountryGbr = "http://publications.europa.eu/resource/authority/country/GBR";
inline constexpr std::string_view kAvailabilityStable = "http://data.europa.eu/r5r/availability/stable";
inline constexpr std::string_view kLicenceTypeAttribution = "http://purl.org/adms/licencetype/Attribution";
inline constexpr std::string_view kPublisherTypeNational = "http://purl.org/adms/publishertype/NationalAuthority";
}  // namespace eu

// IANA media types as IRIs, as DCAT-AP wants dcat:mediaType.
inline constexpr std::string_view kIanaMediaTypes = "http://www.iana.org/assignments/media-types/";

// The Open Government Licence v3.0: Cairn's default licence, with the attribution statement it asks for.
inline constexpr std::string_view kOglV3 = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
inline constexpr std::string_view kOglV3Title = "Open Government Licence v3.0";
inline constexpr std::string_view kOglAttribution =
    "Contains public sector information licensed under the Open Government Licence v3.0.";

}  // namespace cairn::vocab
