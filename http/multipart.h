// multipart/form-data bodies (RFC 7578 on RFC 2046's multipart syntax), as the Graph Store
// Protocol allows for POSTing several RDF documents at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"

namespace cairn::http {

struct BodyPart {
  std::string content_type;  // as sent, parameters included; "" when absent
  std::string filename;      // from Content-Disposition, "" when absent
  std::string body;
};

// Splits `body` by the boundary named in `content_type` ("multipart/form-data; boundary=...").
// InvalidArgument when the boundary is missing or the body is not well formed.
Result<std::vector<BodyPart>> ParseMultipart(std::string_view body, std::string_view content_type);

}  // namespace cairn::http
