#include "engine/catalogue_dumps.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "engine/catalogue_scan.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;

// The file the dumps of one dataset were last made from: "state <line>" then "file NAME SIZE SHA256".
struct StateFile {
  std::string state;
  std::vector<DumpFile> files;
};

std::optional<StateFile> ReadStateFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  StateFile result;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("state ", 0) == 0) {
      result.state = line.substr(6);
    } else if (line.rfind("file ", 0) == 0) {
      std::istringstream fields(line.substr(5));
      DumpFile f;
      fields >> f.file_name >> f.byte_size >> f.sha256;
      auto parsed = ParseDumpName(f.file_name);
      if (!fields || !parsed) return std::nullopt;
      f.kind = parsed->second;
      result.files.push_back(f);
    }
  }
  return result;
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) return Status::IOError("cannot write " + tmp);
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IOError("cannot rename " + tmp + ": " + ec.message());
  return Status::OK();
}

// One dump file, written under a temporary name.
Status WriteDump(const ReadView& view, const std::vector<TermId>& graphs, const DumpKind& kind, const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> plain(nullptr, &std::fclose);
  std::unique_ptr<gzFile_s, int (*)(gzFile)> gz(nullptr, &gzclose);
  if (kind.gzip) {
    gz.reset(gzopen(path.c_str(), "wb6"));
    if (!gz) return Status::IOError("cannot create " + path);
  } else {
    plain.reset(std::fopen(path.c_str(), "wb"));
    if (!plain) return Status::IOError("cannot create " + path);
  }
  ByteSink sink = [&](std::string_view bytes) -> Status {
    if (bytes.empty()) return Status::OK();
    bool ok = kind.gzip ? gzwrite(gz.get(), bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size())
                        : std::fwrite(bytes.data(), 1, bytes.size(), plain.get()) == bytes.size();
    return ok ? Status::OK() : Status::IOError("cannot write " + path);
  };
  auto writer = MakeRdfWriter(kind.format, sink, PrefixesFor(view));
  TermDecoder decoder(view);
  Quad quad;
  CAIRN_RETURN_IF_ERROR(ForEachDistinctTriple(view, graphs, [&](const QuadIds& ids) {
    CAIRN_RETURN_IF_ERROR(decoder.DecodeQuad(ids, quad));
    quad.graph = Term::DefaultGraph();
    return writer->Write(quad);
  }));
  CAIRN_RETURN_IF_ERROR(writer->Finish());
  int closed = kind.gzip ? gzclose(gz.release()) : std::fclose(plain.release());
  if (closed != 0) return Status::IOError("cannot finish " + path);
  return Status::OK();
}

}  // namespace

const std::vector<DumpKind>& DumpKinds() {
  static const std::vector<DumpKind> kinds = {
      {"nt.gz", RdfFormat::kNTriples, true, "application/gzip", "application/n-triples", "RDF_N_TRIPLES", "N-Triples (gzip)"},
      {"ttl", RdfFormat::kTurtle, false, "text/turtle; charset=utf-8", "text/turtle", "RDF_TURTLE", "Turtle"},
      {"jsonld", RdfFormat::kJsonLd, false, "application/ld+json", "application/ld+json", "JSON_LD", "JSON-LD"},
  };
  return kinds;
}

std::optional<std::pair<std::string, const DumpKind*>> ParseDumpName(std::string_view file_name) {
  for (const DumpKind& kind : DumpKinds()) {
    std::string suffix = "." + std::string(kind.extension);
    if (file_name.size() > suffix.size() && file_name.substr(file_name.size() - suffix.size()) == suffix) {
      std::string id(file_name.substr(0, file_name.size() - suffix.size()));
      if (id.find('/') != std::string::npos || id.find('.') != std::string::npos) continue;
      return std::make_pair(id, &kind);
    }
  }
  return std::nullopt;
}

std::string DumpsDirectory(const Store& store) { return store.location() + "/dumps"; }

Result<std::string> Sha256OfFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) return Status::IOError("cannot read " + path);
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return Status::IOError("SHA-256 unavailable");
  std::vector<char> buffer(1 << 16);
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), in.get())) > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), n);
  if (std::ferror(in.get())) return Status::IOError("cannot read " + path);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

Result<std::vector<DumpFile>> EnsureDumps(const ReadView& view, const DatasetDeclaration& dataset,
                                          const std::string& state, const std::string& dir) {
  std::string state_path = dir + "/" + dataset.id + ".state";
  if (auto recorded = ReadStateFile(state_path); recorded && recorded->state == state &&
                                                  recorded->files.size() == DumpKinds().size()) {
    bool present = true;
    std::error_code ec;
    for (const DumpFile& f : recorded->files) present = present && fs::file_size(dir + "/" + f.file_name, ec) == f.byte_size && !ec;
    if (present) return recorded->files;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  auto graphs = GraphIds(view, dataset.graphs);
  if (!graphs.ok()) return graphs.status();
  std::vector<DumpFile> files;
  std::string record = "state " + state + "\n";
  for (const DumpKind& kind : DumpKinds()) {
    DumpFile f;
    f.file_name = dataset.id + "." + std::string(kind.extension);
    f.kind = &kind;
    std::string path = dir + "/" + f.file_name;
    CAIRN_RETURN_IF_ERROR(WriteDump(view, *graphs, kind, path + ".tmp"));
    auto sha = Sha256OfFile(path + ".tmp");
    if (!sha.ok()) return sha.status();
    f.sha256 = *sha;
    f.byte_size = fs::file_size(path + ".tmp", ec);
    if (ec) return Status::IOError("cannot stat " + path + ".tmp: " + ec.message());
    fs::rename(path + ".tmp", path, ec);
    if (ec) return Status::IOError("cannot rename " + path + ".tmp: " + ec.message());
    record += "file " + f.file_name + " " + std::to_string(f.byte_size) + " " + f.sha256 + "\n";
    files.push_back(std::move(f));
  }
  CAIRN_RETURN_IF_ERROR(WriteTextFile(state_path, record));
  return files;
}

}  // namespace cairn
