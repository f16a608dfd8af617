// SPARQL 1.1 Query Results TSV Format: terms in Turtle syntax, one solution per line.
#include <cctype>
#include <cstdio>

#include "sparql/results/results_internal.h"
#include "vocab/vocab.h"

namespace cairn::sparql::results_internal {
namespace {

// Turtle string escapes; TAB, LF and CR must never appear raw in a TSV field.
void AppendTsvString(std::string_view s, std::string& out) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void AppendTsvTerm(const Term& t, std::string& out) {
  if (!t.is_literal()) return AppendNTriples(t, out);
  if ((t.datatype == vocab::xsd::kInteger && IsTurtleInteger(t.value)) ||
      (t.datatype == vocab::xsd::kDecimal && IsTurtleDecimal(t.value)) ||
      (t.datatype == vocab::xsd::kDouble && IsTurtleDouble(t.value))) {
    out += t.value;
    return;
  }
  AppendTsvString(t.value, out);
  if (!t.language.empty()) {
    out += '@';
    out += t.language;
  } else if (t.datatype != vocab::xsd::kString && !t.datatype.empty()) {
    out += "^^<";
    AppendEscapedIri(t.datatype, out);
    out += '>';
  }
}

class TsvWriter final : public BufferedWriter {
 public:
  using BufferedWriter::BufferedWriter;

 private:
  Status DoBegin(std::span<const std::string> variables) override {
    for (std::size_t i = 0; i < variables.size(); ++i) {
      if (i) out_ += '\t';
      out_ += '?';
      out_ += variables[i];
    }
    out_ += '\n';
    return Status::OK();
  }
  Status DoWrite(std::span<const std::optional<Term>> row) override {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out_ += '\t';
      if (row[i]) AppendTsvTerm(*row[i], out_);
    }
    out_ += '\n';
    return Status::OK();
  }
  Status DoFinish() override { return Status::OK(); }
};

// ---- Reader ----------------------------------------------------------------------------------

// Parses one whole field as a Turtle term. `error` gets a message on failure.
class TermParser {
 public:
  explicit TermParser(std::string_view s) : s_(s) {}

  std::optional<Term> Parse(std::string& error) {
    std::optional<Term> t = ParseTerm();
    if (t && pos_ != s_.size()) {
      error_ = "unexpected '" + std::string(s_.substr(pos_, 20)) + "' after the term";
      t.reset();
    }
    if (!t) error = error_.empty() ? "cannot parse term" : error_;
    return t;
  }

 private:
  std::optional<Term> ParseTerm() {
    if (s_.empty()) return Fail("empty term");
    char c = s_[0];
    if (c == '<') {
      std::string iri;
      if (!ParseIri(iri)) return std::nullopt;
      return Term::Iri(std::move(iri));
    }
    if (c == '_' && s_.starts_with("_:")) {
      if (s_.size() == 2) return Fail("empty blank node label");
      for (std::size_t i = 2; i < s_.size(); ++i) {
        auto b = static_cast<unsigned char>(s_[i]);
        if (b <= 0x20 || b == '<' || b == '>' || b == '"') return Fail("bad character in blank node label");
      }
      pos_ = s_.size();
      return Term::BlankNode(std::string(s_.substr(2)));
    }
    if (c == '"' || c == '\'') return ParseLiteral();
    if (s_ == "true" || s_ == "false") {
      pos_ = s_.size();
      return Term::Literal(std::string(s_), std::string(vocab::xsd::kBoolean));
    }
    std::string_view dt = IsTurtleInteger(s_)   ? vocab::xsd::kInteger
                          : IsTurtleDecimal(s_) ? vocab::xsd::kDecimal
                          : IsTurtleDouble(s_)  ? vocab::xsd::kDouble
                                                : std::string_view();
    if (!dt.empty()) {
      pos_ = s_.size();
      return Term::Literal(std::string(s_), std::string(dt));
    }
    return Fail("cannot parse term '" + std::string(s_.substr(0, 40)) + "'");
  }

  std::nullopt_t Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return std::nullopt;
  }

  // At '<': reads up to '>' decoding \u and \U escapes.
  bool ParseIri(std::string& out) {
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '>') {
      char c = s_[pos_];
      if (c == '\\') {
        if (!ParseUEscape(out)) return false;
        continue;
      }
      if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"') {
        Fail("bad character in IRI");
        return false;
      }
      out += c;
      ++pos_;
    }
    if (pos_ >= s_.size()) {
      Fail("unterminated IRI");
      return false;
    }
    ++pos_;
    return true;
  }

  // At '\\' followed by u or U: appends the code point.
  bool ParseUEscape(std::string& out) {
    if (pos_ + 1 >= s_.size() || (s_[pos_ + 1] != 'u' && s_[pos_ + 1] != 'U')) {
      Fail("bad escape in IRI");
      return false;
    }
    std::size_t digits = s_[pos_ + 1] == 'u' ? 4 : 8;
    if (pos_ + 2 + digits > s_.size()) {
      Fail("short \\u escape");
      return false;
    }
    char32_t cp = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      char h = s_[pos_ + 2 + i];
      int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (v < 0) {
        Fail("bad hex digit in \\u escape");
        return false;
      }
      cp = cp * 16 + static_cast<char32_t>(v);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      Fail("\\u escape is not a Unicode scalar value");
      return false;
    }
    AppendUtf8(cp, out);
    pos_ += 2 + digits;
    return true;
  }

  std::optional<Term> ParseLiteral() {
    char q = s_[0];
    bool long_form = s_.size() >= 6 && s_[1] == q && s_[2] == q;
    pos_ = long_form ? 3 : 1;
    std::string lexical;
    for (;;) {
      if (pos_ >= s_.size()) return Fail("unterminated string");
      char c = s_[pos_];
      if (c == q && (!long_form || s_.compare(pos_, 3, std::string(3, q)) == 0)) {
        pos_ += long_form ? 3 : 1;
        break;
      }
      if (c == '\\') {
        if (pos_ + 1 >= s_.size()) return Fail("unterminated string");
        char e = s_[pos_ + 1];
        const char* simple = nullptr;
        switch (e) {
          case 't': simple = "\t"; break;
          case 'b': simple = "\b"; break;
          case 'n': simple = "\n"; break;
          case 'r': simple = "\r"; break;
          case 'f': simple = "\f"; break;
          case '"': simple = "\""; break;
          case '\'': simple = "'"; break;
          case '\\': simple = "\\"; break;
          default: break;
        }
        if (simple) {
          lexical += simple;
          pos_ += 2;
        } else if (!ParseUEscape(lexical)) {
          return std::nullopt;
        }
        continue;
      }
      if (!long_form && (c == '\n' || c == '\r')) return Fail("line break in string");
      lexical += c;
      ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '@') {
      std::size_t start = ++pos_;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-')) ++pos_;
      if (pos_ == start) return Fail("empty language tag");
      return Term::LangLiteral(std::move(lexical), std::string(s_.substr(start, pos_ - start)));
    }
    if (s_.compare(pos_, 2, "^^") == 0) {
      pos_ += 2;
      if (pos_ >= s_.size() || s_[pos_] != '<') return Fail("datatype must be an <IRI> (TSV has no prefixes)");
      std::string datatype;
      if (!ParseIri(datatype)) return std::nullopt;
      return Term::Literal(std::move(lexical), std::move(datatype));
    }
    return Term::Literal(std::move(lexical), "");
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string error_;
};

// Splits text into lines (LF or CRLF); a final line break does not start another line.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Status TsvError(std::size_t line, const std::string& what) {
  return Status::Syntax("TSV results: line " + std::to_string(line) + ": " + what);
}

}  // namespace

std::unique_ptr<SolutionWriter> MakeTsvWriter(ByteSink sink) { return std::make_unique<TsvWriter>(std::move(sink)); }

void AppendTsvBoolean(bool value, std::string& out) {
  out += '?';
  out += kAskColumn;
  out += value ? "\ntrue\n" : "\nfalse\n";
}

Result<SolutionSet> ReadTsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  std::vector<std::string_view> lines = Lines(text);
  if (lines.empty()) return TsvError(1, "missing header line");
  SolutionSet set;
  if (!lines[0].empty()) {
    for (std::string_view field : Fields(lines[0])) {
      field = TrimSpaces(field);
      if (field.size() < 2 || (field[0] != '?' && field[0] != '$')) {
        return TsvError(1, "header field '" + std::string(field) + "' is not a ?variable");
      }
      std::string name(field.substr(1));
      for (const std::string& v : set.variables) {
        if (v == name) return TsvError(1, "variable '" + name + "' listed twice");
      }
      set.variables.push_back(std::move(name));
    }
  }
  set.rows.reserve(lines.size() - 1);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::optional<Term>> row(set.variables.size());
    if (set.variables.empty()) {
      if (!lines[i].empty()) return TsvError(i + 1, "values in a result without variables");
    } else {
      std::vector<std::string_view> fields = Fields(lines[i]);
      if (fields.size() != set.variables.size()) {
        return TsvError(i + 1, std::to_string(fields.size()) + " fields for " + std::to_string(set.variables.size()) +
                                   " variables");
      }
      for (std::size_t f = 0; f < fields.size(); ++f) {
        std::string_view field = TrimSpaces(fields[f]);
        if (field.empty()) continue;
        std::string error;
        row[f] = TermParser(field).Parse(error);
        if (!row[f]) return TsvError(i + 1, "field " + std::to_string(f + 1) + ": " + error);
      }
    }
    set.rows.push_back(std::move(row));
  }
  FoldAskTable(set);
  return set;
}

}  // namespace cairn::sparql::results_internal
