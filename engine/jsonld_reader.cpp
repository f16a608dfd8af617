#include "engine/jsonld_reader.h"

namespace cairn {

Status ReadJsonLd(const ReadBytes& read, const std::string& source_name, const RdfReadOptions& options,
                  const QuadSink& sink, RdfReadStats& stats, const PrefixSink& prefixes) {
  return Status::InvalidArgument(source_name + ": JSON-LD reading is not implemented yet");
}

}  // namespace cairn
