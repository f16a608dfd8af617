// rdf_suite_runner: runs the W3C RDF 1.1 syntax test suites (N-Triples, N-Quads, Turtle, TriG, RDF/XML)
// against Cairn's parser, engine/rdf_reader.h. See README.md for usage and the skip list.
//
// Adding a suite means a row in kSuites and, for a new test type, a Kind; the
// manifest walking (manifest.h) and the dataset comparison (graph_isomorphism.h) are shared.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rdf_format.h"
#include "engine/rdf_reader.h"
#include "tests/w3c/graph_isomorphism.h"
#include "tests/w3c/manifest.h"

#ifndef CAIRN_RDF_SKIPS_FILE
#define CAIRN_RDF_SKIPS_FILE ""
#endif

namespace cairn::w3c {
namespace {

struct Suite {
  std::string_view dir;       // directory under the suite root; also its name on the command line
  RdfFormat format;           // of test inputs
  RdfFormat result_format;    // of Eval tests' expected results, unless the file name says otherwise
};

constexpr Suite kSuites[] = {
    {"rdf-n-triples", RdfFormat::kNTriples, RdfFormat::kNTriples},
    {"rdf-n-quads", RdfFormat::kNQuads, RdfFormat::kNQuads},
    {"rdf-turtle", RdfFormat::kTurtle, RdfFormat::kNTriples},
    {"rdf-trig", RdfFormat::kTriG, RdfFormat::kNQuads},
    {"rdf-xml", RdfFormat::kRdfXml, RdfFormat::kNTriples},
};

// "rdf-turtle" or just "turtle".
const Suite* FindSuite(std::string_view name) {
  for (const Suite& suite : kSuites)
    if (name == suite.dir || "rdf-" + std::string(name) == suite.dir) return &suite;
  return nullptr;
}

enum class Kind { kPositiveSyntax, kNegativeSyntax, kEval, kNegativeEval, kUnknown };

// From the type's local name, case-insensitively: the TriG manifest spells rdft:TestTrigEval.
Kind KindOf(std::string_view type_iri) {
  std::string local(type_iri.substr(type_iri.find_last_of("#/") + 1));
  std::transform(local.begin(), local.end(), local.begin(), [](unsigned char c) { return std::tolower(c); });
  if (local.ends_with("positivesyntax")) return Kind::kPositiveSyntax;
  if (local.ends_with("negativesyntax")) return Kind::kNegativeSyntax;
  if (local.ends_with("negativeeval")) return Kind::kNegativeEval;
  if (local.ends_with("eval")) return Kind::kEval;
  return Kind::kUnknown;
}

enum class Verdict { kPass, kFail, kSkip };

struct Outcome {
  Verdict verdict;
  std::string detail;  // why it failed or was skipped; for a pass, optional context
};

Outcome Pass(std::string detail = {}) { return {Verdict::kPass, std::move(detail)}; }
Outcome Fail(std::string detail) { return {Verdict::kFail, std::move(detail)}; }

Status ReadQuads(const std::string& path, const RdfReadOptions& options, std::vector<Quad>& quads) {
  return ReadRdfFile(path, options, [&](const Quad& quad) {
    quads.push_back(quad);
    return Status::OK();
  });
}

std::string FileName(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

Outcome RunTest(const Suite& suite, const Manifest& manifest, const ManifestEntry& entry) {
  Kind kind = KindOf(entry.type);
  if (kind == Kind::kUnknown) return Fail("unsupported test type <" + entry.type + ">");
  if (!entry.action) return Fail("no mf:action");
  auto input = manifest.LocalPath(*entry.action);
  if (!input) return Fail("mf:action is not a local file: " + ToNTriples(*entry.action));
  RdfReadOptions options;
  options.format = suite.format;
  options.base_iri = manifest.AssumedIri(*entry.action);
  std::vector<Quad> actual;
  Status parsed = ReadQuads(*input, options, actual);

  switch (kind) {
    case Kind::kPositiveSyntax:
      return parsed.ok() ? Pass() : Fail(parsed.message());
    case Kind::kNegativeSyntax:
    case Kind::kNegativeEval:
      // Rejected for the right reason: a syntax error, not a missing file.
      if (parsed.IsSyntax()) return Pass("rejected: " + parsed.message());
      return Fail(parsed.ok() ? "parsed without error (" + std::to_string(actual.size()) +
                                    " statements); expected a syntax error"
                              : parsed.ToString());
    case Kind::kEval: {
      if (!parsed.ok()) return Fail(parsed.message());
      if (!entry.result) return Fail("Eval test without mf:result");
      auto result = manifest.LocalPath(*entry.result);
      if (!result) return Fail("mf:result is not a local file: " + ToNTriples(*entry.result));
      RdfReadOptions expected_options;
      expected_options.format = RdfFormatFromPath(*result).value_or(suite.result_format);
      expected_options.base_iri = manifest.AssumedIri(*entry.result);
      std::vector<Quad> expected;
      if (Status st = ReadQuads(*result, expected_options, expected); !st.ok())
        return Fail("cannot read the expected result: " + st.message());
      std::string diff;
      if (IsomorphicDatasets(expected, actual, &diff)) return Pass();
      return Fail("result differs from " + FileName(*result) + " (- expected, + actual):\n" + diff);
    }
    case Kind::kUnknown:
      break;
  }
  return Fail("unsupported test type <" + entry.type + ">");  // not reached
}

// rdf-skips.txt: one test per line, "<key> <reason>"; '#' starts a comment line. The key is the
// test's IRI relative to the suite root ("rdf-turtle/manifest.ttl#IRI_subject") or its full IRI.
class SkipList {
 public:
  Status Load(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Status::NotFound("cannot open skip list " + path);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      auto begin = line.find_first_not_of(" \t\r");
      if (begin == std::string::npos || line[begin] == '#') continue;
      auto end = line.find_first_of(" \t", begin);
      std::string key = line.substr(begin, end - begin);
      if (key.size() > 2 && key.front() == '<' && key.back() == '>') key = key.substr(1, key.size() - 2);
      auto reason_begin = end == std::string::npos ? end : line.find_first_not_of(" \t", end);
      auto reason_end = line.find_last_not_of(" \t\r");
      // A skip without a reason can't be reviewed later, so it is an error.
      if (reason_begin == std::string::npos)
        return Status::Syntax(path + ":" + std::to_string(number) + ": skip entry without a reason");
      entries_[key] = {line.substr(reason_begin, reason_end + 1 - reason_begin), false};
    }
    return Status::OK();
  }

  // The reason to skip a test known by either key, or nullptr.
  const std::string* Find(const std::string& relative, const std::string& iri) {
    for (const std::string* key : {&relative, &iri}) {
      auto it = entries_.find(*key);
      if (it != entries_.end()) {
        it->second.used = true;
        return &it->second.reason;
      }
    }
    return nullptr;
  }

  std::vector<std::string> Unused() const {
    std::vector<std::string> out;
    for (const auto& [key, entry] : entries_)
      if (!entry.used) out.push_back(key);
    return out;
  }

 private:
  struct Entry {
    std::string reason;
    bool used = false;
  };
  std::map<std::string, Entry> entries_;
};

struct Tally {
  int passed = 0, failed = 0, skipped = 0;
  void Add(const Tally& other) {
    passed += other.passed;
    failed += other.failed;
    skipped += other.skipped;
  }
  std::string ToString() const {
    return std::to_string(passed) + " passed, " + std::to_string(failed) + " failed, " + std::to_string(skipped) +
           " skipped";
  }
};

// Prints a report line; continuation lines (diffs) are indented under it.
void Report(std::string_view verdict, const std::string& test, const std::string& detail) {
  std::cout << verdict << ' ' << test;
  if (!detail.empty()) {
    std::string indented;
    for (char c : detail) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    while (!indented.empty() && (indented.back() == ' ' || indented.back() == '\n')) indented.pop_back();
    std::cout << ": " << indented;
  }
  std::cout << '\n';
}

struct RunOptions {
  std::string suite_root;
  bool verbose = false;
  bool run_skipped = false;
};

// Runs one suite, printing failures (and with --verbose, everything) and returning the counts.
// A manifest that can't be read is a setup error, reported through `status`.
Tally RunSuite(const Suite& suite, const RunOptions& run, SkipList& skips, Status& status) {
  Tally tally;
  Manifest manifest;
  status = LoadManifest(run.suite_root + "/" + std::string(suite.dir) + "/manifest.ttl", manifest);
  if (!status.ok()) return tally;
  std::string root_iri = FileIri(run.suite_root);
  if (!root_iri.ends_with('/')) root_iri += '/';

  for (const ManifestEntry& entry : manifest.entries) {
    const std::string& iri = entry.id.value;
    std::string key = iri.starts_with(root_iri) ? iri.substr(root_iri.size()) : iri;
    std::string test = key;  // as reported, with mf:name when it adds something
    if (!entry.name.empty() && entry.name != entry.fragment) test += " (" + entry.name + ")";
    if (const std::string* reason = skips.Find(key, iri)) {
      ++tally.skipped;
      std::string detail = *reason;
      if (run.run_skipped) {
        // Still counted as skipped; this only tells whether the entry can go.
        bool passes = RunTest(suite, manifest, entry).verdict == Verdict::kPass;
        detail += passes ? " [passes now: remove this entry]" : " [still fails]";
      }
      Report("SKIP", test, detail);
      continue;
    }
    if (entry.IsRetired()) {
      ++tally.skipped;
      Report("SKIP", test, "approval is " + entry.approval);
      continue;
    }
    Outcome outcome = RunTest(suite, manifest, entry);
    if (outcome.verdict == Verdict::kPass) {
      ++tally.passed;
      if (run.verbose) Report("PASS", test, outcome.detail);
    } else {
      ++tally.failed;
      Report("FAIL", test, outcome.detail);
    }
  }
  std::cout << suite.dir << ": " << tally.ToString() << std::endl;
  return tally;
}

}  // namespace
}  // namespace cairn::w3c

int main(int argc, char** argv) {
  using namespace cairn::w3c;
  CLI::App app{"Runs the W3C RDF 1.1 syntax test suites (N-Triples, N-Quads, Turtle, TriG, RDF/XML) against Cairn's parser"};
  app.name("rdf_suite_runner");
  RunOptions run;
  std::vector<std::string> names;
  std::string skips_path = CAIRN_RDF_SKIPS_FILE;
  app.add_option("--suite-root", run.suite_root, "Directory holding rdf-turtle/, rdf-trig/, ... (w3c/rdf/rdf11)")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--suite", names, "Suite to run (repeatable): rdf-n-triples, rdf-n-quads, rdf-turtle, rdf-trig, rdf-xml; "
                                   "the rdf- prefix is optional. Default: all");
  app.add_option("--skips", skips_path, "Skip list (default: rdf-skips.txt next to this runner's source)");
  app.add_flag("-v,--verbose", run.verbose, "Also list passed tests (and why negative tests were rejected)");
  app.add_flag("--run-skipped", run.run_skipped,
               "Run skipped tests too and say whether they pass now (they still count as skipped)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is fine; usage errors are setup errors
  }

  std::vector<const Suite*> suites;
  for (const std::string& name : names) {
    const Suite* suite = FindSuite(name);
    if (!suite) {
      std::cerr << "rdf_suite_runner: unknown suite " << name << " (known:";
      for (const Suite& known : kSuites) std::cerr << ' ' << known.dir;
      std::cerr << ")\n";
      return 2;
    }
    suites.push_back(suite);
  }
  if (suites.empty())
    for (const Suite& suite : kSuites) suites.push_back(&suite);

  SkipList skips;
  if (!skips_path.empty()) {
    if (cairn::Status st = skips.Load(skips_path); !st.ok()) {
      std::cerr << "rdf_suite_runner: " << st.message() << "\n";
      return 2;
    }
  }

  Tally total;
  for (const Suite* suite : suites) {
    cairn::Status status;
    total.Add(RunSuite(*suite, run, skips, status));
    if (!status.ok()) {
      std::cerr << "rdf_suite_runner: " << suite->dir << ": " << status.ToString() << "\n";
      return 2;
    }
  }
  // Entries that match nothing are stale (renamed or removed tests); only meaningful when the
  // suite they name was run.
  for (const std::string& key : skips.Unused()) {
    bool ran = suites.size() == std::size(kSuites) ||
               std::any_of(suites.begin(), suites.end(),
                           [&](const Suite* s) { return key.starts_with(std::string(s->dir) + "/"); });
    if (ran) std::cout << "warning: skip entry " << key << " matches no test\n";
  }
  std::cout << total.ToString() << std::endl;
  return total.failed == 0 ? 0 : 1;
}
