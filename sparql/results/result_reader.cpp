#include "sparql/results/result_reader.h"

#include "sparql/results/results_internal.h"

namespace cairn::sparql {

Result<SolutionSet> ReadResults(std::string_view text, ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson: return results_internal::ReadJson(text);
    case ResultFormat::kXml: return results_internal::ReadXml(text);
    case ResultFormat::kCsv: return results_internal::ReadCsv(text);
    case ResultFormat::kTsv: return results_internal::ReadTsv(text);
  }
  return Status::InvalidArgument("unknown result format");
}

}  // namespace cairn::sparql
