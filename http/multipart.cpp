#include "http/multipart.h"

#include <strings.h>

namespace cairn::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The value of parameter `name` in a header value ("a; name=value" or name="value").
std::string Parameter(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    std::string_view rest = Trim(header.substr(++pos));
    if (rest.size() > name.size() && strncasecmp(rest.data(), name.data(), name.size()) == 0 && rest[name.size()] == '=') {
      std::string_view value = rest.substr(name.size() + 1);
      if (!value.empty() && value.front() == '"') {
        std::size_t end = value.find('"', 1);
        return std::string(value.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1));
      }
      return std::string(Trim(value.substr(0, value.find(';'))));
    }
  }
  return "";
}

}  // namespace

Result<std::vector<BodyPart>> ParseMultipart(std::string_view body, std::string_view content_type) {
  std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) return Status::InvalidArgument("multipart body without a valid boundary parameter");
  const std::string delimiter = "--" + boundary;
  std::vector<BodyPart> parts;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return Status::InvalidArgument("multipart body without its boundary");
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the close delimiter
    std::size_t line_end = body.find('\n', pos);
    if (line_end == std::string_view::npos) return Status::InvalidArgument("multipart body ends inside a boundary line");
    pos = line_end + 1;
    BodyPart part;
    for (;;) {  // part headers, up to an empty line
      line_end = body.find('\n', pos);
      if (line_end == std::string_view::npos) return Status::InvalidArgument("multipart part ends inside its headers");
      std::string_view line = Trim(body.substr(pos, line_end - pos));
      pos = line_end + 1;
      if (line.empty()) break;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Status::InvalidArgument("malformed multipart part header");
      std::string_view name = Trim(line.substr(0, colon)), value = Trim(line.substr(colon + 1));
      if (strncasecmp(name.data(), "content-type", name.size()) == 0 && name.size() == 12) part.content_type = value;
      if (strncasecmp(name.data(), "content-disposition", name.size()) == 0 && name.size() == 19) {
        part.filename = Parameter(value, "filename");
      }
    }
    std::size_t next = body.find("\n" + delimiter, pos);
    if (next == std::string_view::npos) return Status::InvalidArgument("multipart body without its close delimiter");
    std::size_t end = next;
    if (end > pos && body[end - 1] == '\r') --end;  // the CRLF before a delimiter belongs to it
    part.body = std::string(body.substr(pos, end - pos));
    parts.push_back(std::move(part));
    pos = next + 1;
  }
}

}  // namespace cairn::http
