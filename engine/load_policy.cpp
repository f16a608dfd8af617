#include "engine/load_policy.h"

#include <filesystem>

#include "engine/rdf_reader.h"

namespace cairn {

sparql::LoadHandler MakeFileLoadHandler(const std::vector<std::string>& allowed_dirs) {
  namespace fs = std::filesystem;
  if (allowed_dirs.empty()) return nullptr;
  std::vector<fs::path> roots;
  for (const auto& dir : allowed_dirs) roots.push_back(fs::weakly_canonical(dir));
  return [roots](const Term& source, const std::function<Status(const Quad&)>& sink) -> Status {
    const std::string& iri = source.value;
    if (iri.rfind("file://", 0) != 0)
      return Status::InvalidArgument("LOAD " + iri + ": only file: IRIs inside directories allowed with --allow-load can be loaded");
    // weakly_canonical resolves symlinks and "..", so a link inside an allowed directory that
    // points outside it is refused too.
    fs::path path = fs::weakly_canonical(iri.substr(7));
    bool inside = false;
    for (const auto& root : roots) {
      auto rel = path.lexically_relative(root);
      inside |= !rel.empty() && *rel.begin() != "..";
    }
    if (!inside) return Status::InvalidArgument("LOAD " + iri + ": not inside a directory allowed for LOAD (--allow-load)");
    RdfReadOptions options;
    auto format = RdfFormatFromPath(path.string());
    if (!format) return Status::InvalidArgument("LOAD " + iri + ": unknown RDF format");
    options.format = *format;
    options.base_iri = iri;
    return ReadRdfFile(path.string(), options, sink);
  };
}

}  // namespace cairn
