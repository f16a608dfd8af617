// SPARQL 1.1 Query Results CSV Format (RFC 4180): lossy by design, every term as a plain string.
#include "sparql/results/results_internal.h"
#include "vocab/vocab.h"

namespace cairn::sparql::results_internal {
namespace {

// Quotes a field that holds a quote, comma, CR or LF, doubling the quotes. An empty string
// literal is written "" so that it stays apart from an unbound value (an empty field).
void AppendCsvField(std::string_view s, bool force_quotes, std::string& out) {
  if (!force_quotes && s.find_first_of("\",\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

class CsvWriter final : public BufferedWriter {
 public:
  using BufferedWriter::BufferedWriter;

 private:
  Status DoBegin(std::span<const std::string> variables) override {
    for (std::size_t i = 0; i < variables.size(); ++i) {
      if (i) out_ += ',';
      AppendCsvField(variables[i], false, out_);
    }
    out_ += "\r\n";
    return Status::OK();
  }
  Status DoWrite(std::span<const std::optional<Term>> row) override {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out_ += ',';
      if (!row[i]) continue;
      const Term& t = *row[i];
      if (t.is_blank()) {
        out_ += "_:";
        AppendCsvField(t.value, false, out_);
      } else {
        AppendCsvField(t.value, t.is_literal() && t.value.empty(), out_);
      }
    }
    out_ += "\r\n";
    return Status::OK();
  }
  Status DoFinish() override { return Status::OK(); }
};

// ---- Reader ----------------------------------------------------------------------------------

struct CsvField {
  std::string text;
  bool quoted = false;
};

// RFC 4180 records; accepts LF as well as CRLF line ends. Returns false (with error) on a
// malformed quoted field.
bool ParseCsv(std::string_view text, std::vector<std::vector<CsvField>>& records, std::string& error) {
  std::size_t pos = 0, line = 1;
  while (pos < text.size()) {
    std::vector<CsvField> record;
    for (;;) {
      CsvField field;
      if (pos < text.size() && text[pos] == '"') {
        field.quoted = true;
        std::size_t start_line = line;
        ++pos;
        for (;;) {
          if (pos >= text.size()) {
            error = "line " + std::to_string(start_line) + ": unterminated quoted field";
            return false;
          }
          char c = text[pos++];
          if (c == '"') {
            if (pos < text.size() && text[pos] == '"') {
              field.text += '"';
              ++pos;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field.text += c;
        }
        if (pos < text.size() && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') {
          error = "line " + std::to_string(line) + ": text after a closing quote";
          return false;
        }
      } else {
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') {
          if (text[pos] == '"') {
            error = "line " + std::to_string(line) + ": quote inside an unquoted field";
            return false;
          }
          field.text += text[pos++];
        }
      }
      record.push_back(std::move(field));
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      break;
    }
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    ++line;
    records.push_back(std::move(record));
  }
  return true;
}

// Absolute IRI by shape: scheme ":" and no characters an IRI cannot hold.
bool LooksLikeIri(std::string_view s) {
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '^' ||
        c == '`')
      return false;
  }
  return true;
}

std::optional<Term> CsvTerm(const CsvField& f) {
  if (f.text.empty()) return f.quoted ? std::optional<Term>(Term::Literal("", "")) : std::nullopt;
  if (f.text.starts_with("_:") && f.text.size() > 2) return Term::BlankNode(f.text.substr(2));
  if (LooksLikeIri(f.text)) return Term::Iri(f.text);
  return Term::Literal(f.text, "");
}

}  // namespace

std::unique_ptr<SolutionWriter> MakeCsvWriter(ByteSink sink) { return std::make_unique<CsvWriter>(std::move(sink)); }

void AppendCsvBoolean(bool value, std::string& out) {
  out += kAskColumn;
  out += value ? "\r\ntrue\r\n" : "\r\nfalse\r\n";
}

Result<SolutionSet> ReadCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  std::vector<std::vector<CsvField>> records;
  std::string error;
  if (!ParseCsv(text, records, error)) return Status::Syntax("CSV results: " + error);
  if (records.empty()) return Status::Syntax("CSV results: line 1: missing header line");
  SolutionSet set;
  bool no_variables = records[0].size() == 1 && records[0][0].text.empty() && !records[0][0].quoted;
  if (!no_variables) {
    for (const CsvField& f : records[0]) {
      std::string name = f.text.starts_with('?') ? f.text.substr(1) : f.text;
      if (name.empty()) return Status::Syntax("CSV results: line 1: empty variable name");
      for (const std::string& v : set.variables) {
        if (v == name) return Status::Syntax("CSV results: line 1: variable '" + name + "' listed twice");
      }
      set.variables.push_back(std::move(name));
    }
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    const std::vector<CsvField>& record = records[r];
    std::vector<std::optional<Term>> row(set.variables.size());
    if (no_variables) {
      if (record.size() != 1 || !record[0].text.empty()) {
        return Status::Syntax("CSV results: record " + std::to_string(r + 1) + ": values in a result without variables");
      }
    } else {
      if (record.size() != set.variables.size()) {
        return Status::Syntax("CSV results: record " + std::to_string(r + 1) + ": " + std::to_string(record.size()) +
                              " fields for " + std::to_string(set.variables.size()) + " variables");
      }
      for (std::size_t f = 0; f < record.size(); ++f) row[f] = CsvTerm(record[f]);
    }
    set.rows.push_back(std::move(row));
  }
  FoldAskTable(set);
  return set;
}

}  // namespace cairn::sparql::results_internal
