// Runs every W3C SPARQL syntax test (mf:PositiveSyntaxTest(11), mf:NegativeSyntaxTest(11),
// mf:PositiveUpdateSyntaxTest11, mf:NegativeUpdateSyntaxTest11) found in the manifests under
// shared/w3c/sparql/: .rq files through ParseQuery, .ru files through ParseUpdate. Skips, each
// with a reason, are listed in syntax-skips.txt next to this file. A second test parses every
// .ru file the update evaluation tests use.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "engine/rdf_reader.h"
#include "sparql/parser/sparql_parser.h"
#include "tests/test_util.h"

using namespace cairn;

namespace {

constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view kDawgApproval = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#approval";

struct SyntaxTest {
  std::string suite;     // "sparql11/syntax-query"
  std::string name;      // file name, e.g. "test_1.rq"
  std::string path;      // local path of the query
  std::string action_iri;
  bool positive = true;
  bool withdrawn = false;
};

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The syntax tests one manifest declares.
std::vector<SyntaxTest> LoadTests(const std::filesystem::path& manifest, const std::string& suite) {
  std::map<std::string, std::map<std::string, std::string>> props;  // subject -> predicate -> object
  RdfReadOptions options;
  options.format = RdfFormat::kTurtle;
  Status st = ReadRdfFile(manifest.string(), options, [&](const Quad& q) {
    if (q.subject.is_iri()) props[q.subject.value].emplace(q.predicate.value, q.object.value);
    return Status::OK();
  });
  REQUIRE(st.ok());
  std::vector<SyntaxTest> out;
  for (const auto& [subject, p] : props) {
    auto type = p.find(std::string(kRdfType));
    if (type == p.end() || type->second.rfind(kMf, 0) != 0) continue;
    std::string t = type->second.substr(kMf.size());
    bool positive = t == "PositiveSyntaxTest" || t == "PositiveSyntaxTest11" || t == "PositiveUpdateSyntaxTest11";
    bool negative = t == "NegativeSyntaxTest" || t == "NegativeSyntaxTest11" || t == "NegativeUpdateSyntaxTest11";
    if (!positive && !negative) continue;
    auto action = p.find(std::string(kMf) + "action");
    if (action == p.end() || action->second.rfind("file://", 0) != 0) continue;
    SyntaxTest test;
    test.suite = suite;
    test.action_iri = action->second;
    test.path = PercentDecode(std::string_view(action->second).substr(7));
    test.name = std::filesystem::path(test.path).filename().string();
    test.positive = positive;
    auto approval = p.find(std::string(kDawgApproval));
    test.withdrawn = approval != p.end() && approval->second.find("Withdrawn") != std::string::npos;
    out.push_back(std::move(test));
  }
  return out;
}

// "suite/file reason..." lines; '#' starts a comment line.
std::map<std::string, std::string> LoadSkips() {
  std::map<std::string, std::string> skips;
  std::ifstream in((std::filesystem::path(__FILE__).parent_path() / "syntax-skips.txt").string());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t space = line.find(' ');
    skips[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return skips;
}

}  // namespace

TEST_CASE("W3C SPARQL syntax tests", "[sparql][parser][w3c]") {
  std::filesystem::path root = std::filesystem::path(testing::SharedDir()) / "w3c" / "sparql";
  REQUIRE(std::filesystem::exists(root));
  std::vector<std::filesystem::path> manifests;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().filename() == "manifest.ttl") manifests.push_back(entry.path());
  std::sort(manifests.begin(), manifests.end());
  auto skips = LoadSkips();
  std::vector<std::string> failures;
  int total_passed = 0, total_failed = 0, total_skipped = 0;
  for (const auto& manifest : manifests) {
    std::string suite = std::filesystem::relative(manifest.parent_path(), root).string();
    std::vector<SyntaxTest> tests = LoadTests(manifest, suite);
    if (tests.empty()) continue;
    std::sort(tests.begin(), tests.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    int passed = 0, failed = 0, skipped = 0;
    for (const auto& test : tests) {
      std::string key = suite + "/" + test.name;
      std::string extension = std::filesystem::path(test.name).extension().string();
      if (test.withdrawn || (extension != ".rq" && extension != ".ru") || skips.count(key)) {
        ++skipped;
        continue;
      }
      Status status;
      if (extension == ".ru") status = sparql::ParseUpdate(ReadFile(test.path), test.action_iri).status();
      else status = sparql::ParseQuery(ReadFile(test.path), test.action_iri).status();
      bool ok = status.ok() == test.positive;
      if (ok) {
        ++passed;
      } else {
        ++failed;
        failures.push_back(key + (test.positive ? " (positive): " + status.message() : " (negative): accepted"));
      }
    }
    std::cout << suite << ": " << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
    total_passed += passed;
    total_failed += failed;
    total_skipped += skipped;
  }
  std::cout << "total: " << total_passed << " passed, " << total_failed << " failed, " << total_skipped
            << " skipped\n";
  for (const auto& f : failures) std::cout << "FAILED " << f << "\n";
  CHECK(failures.empty());
  CHECK(total_passed > 250);
}

// Every update request of the update evaluation tests must parse (their manifests list them as
// mf:action/ut:request; all .ru files of those folders are requests).
TEST_CASE("W3C SPARQL update evaluation requests parse", "[sparql][parser][w3c]") {
  std::filesystem::path root = std::filesystem::path(testing::SharedDir()) / "w3c" / "sparql" / "sparql11";
  const char* folders[] = {"add",         "basic-update", "clear", "copy", "delete",       "delete-data",
                           "delete-insert", "delete-where", "drop",  "move", "update-silent"};
  // delete-insert also holds the negative syntax tests (run above).
  std::set<std::string> negative;
  for (const auto& test : LoadTests(root / "delete-insert" / "manifest.ttl", "sparql11/delete-insert"))
    if (!test.positive) negative.insert(test.name);
  int passed = 0, failed = 0, skipped = 0;
  std::vector<std::string> failures;
  for (const char* folder : folders) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(root / folder))
      if (entry.path().extension() == ".ru") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      if (std::string(folder) == "delete-insert" && negative.count(file.filename().string())) {
        ++skipped;
        continue;
      }
      auto result = sparql::ParseUpdate(ReadFile(file.string()), "file://" + file.string());
      if (result.ok()) {
        ++passed;
      } else {
        ++failed;
        failures.push_back(std::string(folder) + "/" + file.filename().string() + ": " + result.status().message());
      }
    }
  }
  std::cout << "update evaluation requests: " << passed << " passed, " << failed << " failed, " << skipped
            << " skipped (negative syntax tests)\n";
  for (const auto& f : failures) std::cout << "FAILED " << f << "\n";
  CHECK(failures.empty());
  CHECK(passed >= 86);
}
