#include "storage/status.h"

namespace cairn {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kSyntax: name = "Syntax error"; break;
    case Code::kNotFound: name = "Not found"; break;
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kIOError: name = "I/O error"; break;
    case Code::kTimeout: name = "Timeout"; break;
    case Code::kCancelled: name = "Cancelled"; break;
    case Code::kUnauthorized: name = "Unauthorized"; break;
    case Code::kBusy: name = "Busy"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace cairn
