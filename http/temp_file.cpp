#include "http/temp_file.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace cairn::http {

TempFile::TempFile(std::string_view prefix) {
  static std::atomic<std::uint64_t> counter{0};
  const char* tmp = std::getenv("TMPDIR");
  path_ = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + std::string(prefix) + "-" + std::to_string(::getpid()) + "-" +
          std::to_string(++counter);
}

TempFile::~TempFile() {
  if (created_) std::remove(path_.c_str());
}

}  // namespace cairn::http
