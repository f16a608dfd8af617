#include "sparql/results/results_internal.h"

#include "vocab/vocab.h"

namespace cairn::sparql::results_internal {

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// Consumes [0-9]* and returns how many digits it took.
std::size_t Digits(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && IsDigit(s[n])) ++n;
  s.remove_prefix(n);
  return n;
}
void Sign(std::string_view& s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
}
}  // namespace

// INTEGER ::= [+-]? [0-9]+
bool IsTurtleInteger(std::string_view s) {
  Sign(s);
  return Digits(s) > 0 && s.empty();
}

// DECIMAL ::= [+-]? [0-9]* '.' [0-9]+
bool IsTurtleDecimal(std::string_view s) {
  Sign(s);
  Digits(s);
  if (s.empty() || s[0] != '.') return false;
  s.remove_prefix(1);
  return Digits(s) > 0 && s.empty();
}

// DOUBLE ::= [+-]? ([0-9]+ '.' [0-9]* EXPONENT | '.' [0-9]+ EXPONENT | [0-9]+ EXPONENT)
// EXPONENT ::= [eE] [+-]? [0-9]+
bool IsTurtleDouble(std::string_view s) {
  Sign(s);
  std::size_t mantissa = Digits(s);
  if (!s.empty() && s[0] == '.') {
    s.remove_prefix(1);
    mantissa += Digits(s);
  }
  if (mantissa == 0 || s.empty() || (s[0] != 'e' && s[0] != 'E')) return false;
  s.remove_prefix(1);
  Sign(s);
  return Digits(s) > 0 && s.empty();
}

std::string Where(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

void FoldAskTable(SolutionSet& set) {
  if (set.variables.size() != 1 || set.variables[0] != kAskColumn || set.rows.size() != 1) return;
  const std::optional<Term>& v = set.rows[0][0];
  if (!v || !v->is_literal() || (v->datatype != vocab::xsd::kBoolean && v->datatype != vocab::xsd::kString)) return;
  if (v->value != "true" && v->value != "false") return;
  set.boolean = v->value == "true";
  set.variables.clear();
  set.rows.clear();
}

}  // namespace cairn::sparql::results_internal
