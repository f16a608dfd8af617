// The IRIs Cairn has served a description of, so that one whose data is later removed answers
// 410 Gone (it existed, and is withdrawn) rather than 404 (never heard of). Kept in memory as
// 64-bit hashes (a false "gone" needs a 2^-64 collision) and appended to a file that survives
// restarts. Thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "storage/status.h"

namespace cairn::http {

class ServedIris {
 public:
  // Loads `path` (created if absent). The file is a sequence of 8-byte hashes.
  static Result<std::unique_ptr<ServedIris>> Open(const std::string& path);
  ~ServedIris();

  void Remember(std::string_view iri);
  bool WasServed(std::string_view iri) const;

 private:
  ServedIris() = default;
  static std::uint64_t Hash(std::string_view iri);

  mutable std::mutex mutex_;
  std::unordered_set<std::uint64_t> hashes_;
  std::FILE* file_ = nullptr;
};

}  // namespace cairn::http
