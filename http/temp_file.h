// A temporary file for a request body or a fetched document: a path under $TMPDIR (or /tmp)
// unique in this process, and the file's removal when the object goes -- but only once the
// file was created by us (opened with O_EXCL), never someone else's file at that path.
#pragma once

#include <string>
#include <string_view>

namespace cairn::http {

class TempFile {
 public:
  explicit TempFile(std::string_view prefix);  // e.g. "cairn-upload": nothing is created yet
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  // Call after opening the path with O_EXCL (Beast's file_mode::write_new) succeeded.
  void MarkCreated() { created_ = true; }

 private:
  std::string path_;
  bool created_ = false;
};

}  // namespace cairn::http
