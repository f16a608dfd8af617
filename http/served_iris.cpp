#include "http/served_iris.h"

#include <xxhash.h>

namespace cairn::http {

Result<std::unique_ptr<ServedIris>> ServedIris::Open(const std::string& path) {
  std::unique_ptr<ServedIris> served(new ServedIris());
  served->file_ = std::fopen(path.c_str(), "a+b");
  if (!served->file_) return Status::IOError("cannot open " + path);
  std::rewind(served->file_);
  std::uint64_t hash;
  while (std::fread(&hash, sizeof hash, 1, served->file_) == 1) served->hashes_.insert(hash);
  // A torn last record (a crash mid-write) is ignored: at worst that IRI answers 404, not 410.
  return served;
}

ServedIris::~ServedIris() {
  if (file_) std::fclose(file_);
}

std::uint64_t ServedIris::Hash(std::string_view iri) { return XXH3_64bits(iri.data(), iri.size()); }

void ServedIris::Remember(std::string_view iri) {
  std::uint64_t hash = Hash(iri);
  std::lock_guard lock(mutex_);
  if (!hashes_.insert(hash).second) return;
  // Appended and flushed to the OS, not synced: losing the last few after a machine crash only
  // turns a 410 into a 404.
  std::fwrite(&hash, sizeof hash, 1, file_);
  std::fflush(file_);
}

bool ServedIris::WasServed(std::string_view iri) const {
  std::lock_guard lock(mutex_);
  return hashes_.count(Hash(iri)) != 0;
}

}  // namespace cairn::http
