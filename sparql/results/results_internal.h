// Shared plumbing of the result formats: the buffered writer base and the per-format entry
// points that solution_writer.cpp and result_reader.cpp dispatch to. Private to sparql/results.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "sparql/results/result_reader.h"
#include "sparql/results/solution_writer.h"

namespace cairn::sparql::results_internal {

inline constexpr std::size_t kFlushBytes = 1 << 16;

// Checks call order and row width once, buffers output and hands ~64 KiB blocks to the sink.
// Formats implement the Do* hooks, which append to out_.
class BufferedWriter : public SolutionWriter {
 public:
  explicit BufferedWriter(ByteSink sink) : sink_(std::move(sink)) { out_.reserve(kFlushBytes * 2); }

  Status Begin(std::span<const std::string> variables) final;
  Status Write(std::span<const std::optional<Term>> row) final;
  Status Finish() final;

 protected:
  virtual Status DoBegin(std::span<const std::string> variables) = 0;
  virtual Status DoWrite(std::span<const std::optional<Term>> row) = 0;
  virtual Status DoFinish() = 0;
  std::string out_;

 private:
  Status Flush();
  Status Fail(Status st) {
    status_ = st;
    return st;
  }
  enum class State { kNew, kRows, kDone };
  ByteSink sink_;
  Status status_;
  State state_ = State::kNew;
  std::size_t width_ = 0;
};

std::unique_ptr<SolutionWriter> MakeJsonWriter(ByteSink sink);
std::unique_ptr<SolutionWriter> MakeXmlWriter(ByteSink sink);
std::unique_ptr<SolutionWriter> MakeCsvWriter(ByteSink sink);
std::unique_ptr<SolutionWriter> MakeTsvWriter(ByteSink sink);

void AppendJsonBoolean(bool value, std::string& out);
void AppendXmlBoolean(bool value, std::string& out);
void AppendCsvBoolean(bool value, std::string& out);
void AppendTsvBoolean(bool value, std::string& out);

Result<SolutionSet> ReadJson(std::string_view text);
Result<SolutionSet> ReadXml(std::string_view text);
Result<SolutionSet> ReadCsv(std::string_view text);
Result<SolutionSet> ReadTsv(std::string_view text);

// The column name CSV and TSV use for an ASK result (as Jena does).
inline constexpr std::string_view kAskColumn = "_askResult";
// Turns a one-column _askResult table holding one true/false literal into a boolean result.
void FoldAskTable(SolutionSet& set);

// Appends the UTF-8 encoding of a code point (REQUIRES: a valid scalar value).
void AppendUtf8(char32_t cp, std::string& out);
// Is s a Turtle INTEGER, DECIMAL or DOUBLE token? (Used to write and read bare TSV numbers.)
bool IsTurtleInteger(std::string_view s);
bool IsTurtleDecimal(std::string_view s);
bool IsTurtleDouble(std::string_view s);
// "line L, column C" of a byte offset in text (columns count bytes, from 1).
std::string Where(std::string_view text, std::size_t offset);

}  // namespace cairn::sparql::results_internal
