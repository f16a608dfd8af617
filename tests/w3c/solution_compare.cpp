#include "tests/w3c/solution_compare.h"

#include "sparql/expression/value.h"
#include "sparql/expression/value_ops.h"

#include <algorithm>
#include <map>
#include <set>

namespace cairn::w3c {
namespace {

using Row = std::map<std::string, Term>;  // bound variables only

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<Row> Rows(const sparql::SolutionSet& set) {
  std::vector<Row> rows;
  for (const auto& r : set.rows) {
    Row row;
    for (std::size_t i = 0; i < set.variables.size() && i < r.size(); ++i)
      if (r[i]) row[set.variables[i]] = *r[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string RowText(const Row& row) {
  std::string s = "{";
  for (const auto& [v, t] : row) s += " ?" + v + "=" + ToNTriples(t);
  return s + " }";
}

class Matcher {
 public:
  // ranges[i]: the actual rows expected row i may match ([first, second)).
  Matcher(const std::vector<Row>& expected, const std::vector<Row>& actual,
          std::vector<std::pair<std::size_t, std::size_t>> ranges)
      : expected_(expected), actual_(actual), ranges_(std::move(ranges)), used_(actual.size(), false) {}

  bool Run() { return Match(0); }

 private:
  bool SameTerm(const Term& e, const Term& a, std::vector<std::pair<std::string, std::string>>& added) {
    if (e.kind != a.kind) return false;
    if (e.is_blank()) {
      auto fe = forward_.find(e.value);
      auto ba = backward_.find(a.value);
      if (fe != forward_.end() || ba != backward_.end())
        return fe != forward_.end() && ba != backward_.end() && fe->second == a.value && ba->second == e.value;
      forward_[e.value] = a.value;
      backward_[a.value] = e.value;
      added.emplace_back(e.value, a.value);
      return true;
    }
    if (e.is_literal() && a.is_literal() && e.datatype == a.datatype && e.language.empty()) {
      // Numbers of the same datatype compare by value: the expected files spell them in forms
      // no canonical form matches ("1050"^^xsd:double, 1.0e6). Jena's harness does the same.
      auto ve = sparql::ValueFromTerm(e), va = sparql::ValueFromTerm(a);
      if (ve.is_numeric() && va.is_numeric()) {
        auto eq = sparql::ValueEquals(ve, va);
        return eq && *eq;
      }
    }
    if (e.is_literal()) return e.value == a.value && e.datatype == a.datatype && Lower(e.language) == Lower(a.language);
    return e.value == a.value;
  }

  void Undo(const std::vector<std::pair<std::string, std::string>>& added) {
    for (const auto& [e, a] : added) {
      forward_.erase(e);
      backward_.erase(a);
    }
  }

  bool RowsMatch(const Row& e, const Row& a, std::vector<std::pair<std::string, std::string>>& added) {
    if (e.size() != a.size()) return false;
    for (const auto& [var, term] : e) {
      auto it = a.find(var);
      if (it == a.end() || !SameTerm(term, it->second, added)) return false;
    }
    return true;
  }

  bool Match(std::size_t i) {
    if (i == expected_.size()) return true;
    if (++steps_ > 2'000'000) return false;
    auto [begin, end] = ranges_[i];
    for (std::size_t j = begin; j < end && j < actual_.size(); ++j) {
      if (used_[j]) continue;
      std::vector<std::pair<std::string, std::string>> added;
      if (RowsMatch(expected_[i], actual_[j], added)) {
        used_[j] = true;
        if (Match(i + 1)) return true;
        used_[j] = false;
      }
      Undo(added);
    }
    return false;
  }

  const std::vector<Row>& expected_;
  const std::vector<Row>& actual_;
  std::vector<std::pair<std::size_t, std::size_t>> ranges_;
  std::vector<bool> used_;
  std::map<std::string, std::string> forward_, backward_;
  std::uint64_t steps_ = 0;
};

}  // namespace

bool SameSolutions(const sparql::SolutionSet& expected, const sparql::SolutionSet& actual, bool ordered,
                   const std::vector<std::string>& order_variables, std::string* diff) {
  if (expected.boolean || actual.boolean) {
    if (expected.boolean == actual.boolean) return true;
    if (diff) *diff = "expected boolean " + std::string(expected.boolean.value_or(false) ? "true" : "false") + ", got " +
                      (actual.boolean ? (*actual.boolean ? "true" : "false") : "solutions");
    return false;
  }
  std::vector<Row> e = Rows(expected), a = Rows(actual);
  bool ok = e.size() == a.size();
  if (ok) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges(e.size(), {0, a.size()});
    if (ordered) {
      auto key = [&](const Row& r) {
        std::vector<std::optional<Term>> k;
        for (const auto& v : order_variables) {
          auto it = r.find(v);
          k.push_back(it == r.end() ? std::nullopt : std::optional<Term>(it->second));
        }
        return k;
      };
      for (std::size_t i = 0; i < e.size();) {
        std::size_t j = i + 1;
        while (!order_variables.empty() && j < e.size() && key(e[j]) == key(e[i])) ++j;
        for (std::size_t k = i; k < j; ++k) ranges[k] = {i, j};
        i = j;
      }
    }
    ok = Matcher(e, a, std::move(ranges)).Run();
  }
  if (!ok && diff) {
    std::string text = "expected " + std::to_string(e.size()) + " rows, got " + std::to_string(a.size()) + "\n";
    std::size_t shown = 0;
    for (const Row& r : e) {
      if (shown++ >= 8) break;
      text += "  - " + RowText(r) + "\n";
    }
    shown = 0;
    for (const Row& r : a) {
      if (shown++ >= 8) break;
      text += "  + " + RowText(r) + "\n";
    }
    *diff = text;
  }
  return ok;
}

}  // namespace cairn::w3c
