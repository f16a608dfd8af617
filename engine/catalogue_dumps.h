// A published dataset's dumps: files in the store's dumps/ folder, one per kind (N-Triples gzip,
// Turtle, JSON-LD), each with its byte size and SHA-256 (OpenSSL), which the catalogue
// advertises as dcat:byteSize and spdx:checksum and the server sends as Content-Length and ETag:
// sizes and checksums are of the very bytes served.
//
// A dataset's dumps are rewritten only when its `state` (the clock times and sizes of its
// graphs, see catalogue.h) differs from the one recorded beside them in ID.state; a file is
// written under a temporary name and renamed, so a reader never sees half of one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/publish.h"

namespace cairn {

struct DumpKind {
  std::string_view extension;     // "nt.gz": the file is ID.nt.gz
  RdfFormat format;
  bool gzip;
  std::string_view content_type;  // what the server sends (the bytes' type: application/gzip for .gz)
  std::string_view media_type;    // the data's IANA media type (dcat:mediaType)
  std::string_view file_type;     // EU file-type code (dct:format)
  std::string_view label;         // "N-Triples (gzip)"
};

// Every kind a dataset is dumped in, in catalogue order.
const std::vector<DumpKind>& DumpKinds();
// The kind of a dump file name ("org.nt.gz" -> N-Triples gzip, and the dataset id "org").
std::optional<std::pair<std::string, const DumpKind*>> ParseDumpName(std::string_view file_name);

struct DumpFile {
  std::string file_name;  // "org.nt.gz"
  const DumpKind* kind = nullptr;
  std::uint64_t byte_size = 0;
  std::string sha256;     // lower-case hex
};

// The dumps folder of a store.
std::string DumpsDirectory(const Store& store);

// Brings the dataset's dumps in `dir` up to date with `state` and returns them.
Result<std::vector<DumpFile>> EnsureDumps(const ReadView& view, const DatasetDeclaration& dataset,
                                          const std::string& state, const std::string& dir);

// SHA-256 of a file, lower-case hex.
Result<std::string> Sha256OfFile(const std::string& path);

}  // namespace cairn
