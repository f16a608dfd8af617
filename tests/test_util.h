// Helpers shared by Cairn's Catch2 tests: temporary directories and terse term constructors.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "storage/term.h"

namespace cairn::testing {

// A fresh directory under $TMPDIR, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline Term Iri(const std::string& local) { return Term::Iri("http://example.org/" + local); }
inline Term Lit(const std::string& lexical, const std::string& datatype = "") {
  return Term::Literal(lexical, datatype.empty() ? "" : "http://www.w3.org/2001/XMLSchema#" + datatype);
}
inline Quad Q(Term s, Term p, Term o, Term g = Term::DefaultGraph()) {
  return Quad{std::move(s), std::move(p), std::move(o), std::move(g)};
}

// Where the read-only shared material is (W3C suites, real data); set by CMake.
inline std::string SharedDir() {
  const char* env = std::getenv("CAIRN_SHARED_DIR");
  return env ? env : CAIRN_SHARED_DIR_DEFAULT;
}

}  // namespace cairn::testing

#ifdef CATCH_VERSION_MAJOR
namespace Catch {
template <>
struct StringMaker<cairn::Term> {
  static std::string convert(const cairn::Term& t) { return t.is_default_graph() ? "(default graph)" : cairn::ToNTriples(t); }
};
template <>
struct StringMaker<cairn::Quad> {
  static std::string convert(const cairn::Quad& q) {
    std::string s = cairn::ToNTriples(q.subject) + " " + cairn::ToNTriples(q.predicate) + " " + cairn::ToNTriples(q.object);
    if (!q.graph.is_default_graph()) s += " " + cairn::ToNTriples(q.graph);
    return s;
  }
};
}  // namespace Catch
#endif
