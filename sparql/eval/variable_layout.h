// VariableLayout: which slot of a solution row holds which variable. Rows are spans of TermIds;
// TermId::None() in a slot means the variable is unbound in that solution.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::sparql {

class VariableLayout {
 public:
  std::optional<std::size_t> Find(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return i;
    return std::nullopt;
  }
  // The slot of `name`, adding it at the end if new.
  std::size_t Add(std::string_view name) {
    if (auto slot = Find(name)) return *slot;
    names_.emplace_back(name);
    return names_.size() - 1;
  }
  std::size_t size() const { return names_.size(); }
  const std::string& name(std::size_t slot) const { return names_[slot]; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

}  // namespace cairn::sparql
