#include "sparql/results/solution_writer.h"

#include "sparql/results/results_internal.h"

namespace cairn::sparql {
namespace results_internal {

Status BufferedWriter::Begin(std::span<const std::string> variables) {
  if (!status_.ok()) return status_;
  if (state_ != State::kNew) return Fail(Status::InvalidArgument("SolutionWriter::Begin called twice"));
  state_ = State::kRows;
  width_ = variables.size();
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].empty()) return Fail(Status::InvalidArgument("empty variable name"));
    for (std::size_t j = 0; j < i; ++j) {
      if (variables[j] == variables[i]) return Fail(Status::InvalidArgument("variable '" + variables[i] + "' listed twice"));
    }
  }
  if (Status st = DoBegin(variables); !st.ok()) return Fail(st);
  return out_.size() >= kFlushBytes ? Flush() : Status::OK();
}

Status BufferedWriter::Write(std::span<const std::optional<Term>> row) {
  if (!status_.ok()) return status_;
  if (state_ != State::kRows) return Fail(Status::InvalidArgument("SolutionWriter::Write outside Begin/Finish"));
  if (row.size() != width_) {
    return Fail(Status::InvalidArgument("solution has " + std::to_string(row.size()) + " values for " +
                                        std::to_string(width_) + " variables"));
  }
  for (const auto& term : row) {
    if (term && term->is_default_graph()) return Fail(Status::InvalidArgument("solution binds the default graph"));
  }
  if (Status st = DoWrite(row); !st.ok()) return Fail(st);
  return out_.size() >= kFlushBytes ? Flush() : Status::OK();
}

Status BufferedWriter::Finish() {
  if (!status_.ok()) return status_;
  if (state_ != State::kRows) return Fail(Status::InvalidArgument("SolutionWriter::Finish without Begin"));
  state_ = State::kDone;
  if (Status st = DoFinish(); !st.ok()) return Fail(st);
  return Flush();
}

Status BufferedWriter::Flush() {
  if (out_.empty()) return Status::OK();
  Status st = sink_(out_);
  out_.clear();
  if (!st.ok()) status_ = st;
  return st;
}

}  // namespace results_internal

using namespace results_internal;

std::unique_ptr<SolutionWriter> MakeSolutionWriter(ResultFormat format, ByteSink sink) {
  switch (format) {
    case ResultFormat::kJson: return MakeJsonWriter(std::move(sink));
    case ResultFormat::kXml: return MakeXmlWriter(std::move(sink));
    case ResultFormat::kCsv: return MakeCsvWriter(std::move(sink));
    case ResultFormat::kTsv: return MakeTsvWriter(std::move(sink));
  }
  return nullptr;
}

Status WriteBooleanResult(ResultFormat format, bool value, const ByteSink& sink) {
  std::string out;
  switch (format) {
    case ResultFormat::kJson: AppendJsonBoolean(value, out); break;
    case ResultFormat::kXml: AppendXmlBoolean(value, out); break;
    case ResultFormat::kCsv: AppendCsvBoolean(value, out); break;
    case ResultFormat::kTsv: AppendTsvBoolean(value, out); break;
  }
  return sink(out);
}

}  // namespace cairn::sparql
