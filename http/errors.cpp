#include "http/errors.h"

namespace cairn::http {

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk: return 200;
    case Status::Code::kSyntax:
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kUnauthorized: return 401;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kTimeout:
    case Status::Code::kBusy: return 503;
    case Status::Code::kCancelled:
    case Status::Code::kCorruption:
    case Status::Code::kIOError: return 500;
  }
  return 500;
}

Response TextResponse(int status, std::string message) {
  Response response;
  response.status = status;
  if (message.empty() || message.back() != '\n') message += '\n';
  response.body = std::move(message);
  response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  return response;
}

Response ErrorResponse(const Status& status) {
  std::string message = status.message();
  if (status.IsSyntax()) message = "syntax error: " + message;
  return TextResponse(HttpStatusFor(status), std::move(message));
}

}  // namespace cairn::http
