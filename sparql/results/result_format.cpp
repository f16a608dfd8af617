#include "sparql/results/result_format.h"

#include <cctype>
#include <string>

namespace cairn::sparql {

std::optional<ResultFormat> ResultFormatFromName(std::string_view name) {
  if (auto semi = name.find(';'); semi != std::string_view::npos) name = name.substr(0, semi);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "json" || lower == "srj" || lower == "application/sparql-results+json" || lower == "application/json")
    return ResultFormat::kJson;
  if (lower == "xml" || lower == "srx" || lower == "application/sparql-results+xml" || lower == "application/xml" ||
      lower == "text/xml")
    return ResultFormat::kXml;
  if (lower == "csv" || lower == "text/csv") return ResultFormat::kCsv;
  if (lower == "tsv" || lower == "text/tab-separated-values") return ResultFormat::kTsv;
  return std::nullopt;
}

std::string_view ResultFormatMediaType(ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson: return "application/sparql-results+json";
    case ResultFormat::kXml: return "application/sparql-results+xml";
    case ResultFormat::kCsv: return "text/csv; charset=utf-8";
    case ResultFormat::kTsv: return "text/tab-separated-values; charset=utf-8";
  }
  return {};
}

std::string_view ResultFormatName(ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson: return "json";
    case ResultFormat::kXml: return "xml";
    case ResultFormat::kCsv: return "csv";
    case ResultFormat::kTsv: return "tsv";
  }
  return {};
}

}  // namespace cairn::sparql
