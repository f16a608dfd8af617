#include "http/message.h"

#include <strings.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace cairn::http {
namespace {
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}
}  // namespace

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

std::optional<std::string> Request::Authority() const {
  std::string_view host = Header("host");
  if (host.empty()) return std::string("localhost");
  for (char ch : host) {
    bool ok = std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':' || ch == '[' || ch == ']';
    if (!ok) return std::nullopt;
  }
  return std::string(host);
}

std::string Request::BaseIri() const {
  return "http://" + Authority().value_or("localhost") + path;
}

Result<std::string> Request::BodyText() const {
  if (body_file.empty()) return body;
  std::ifstream in(body_file, std::ios::binary);
  if (!in.is_open()) return Status::IOError("cannot read the spooled request body");
  std::ostringstream text;
  text << in.rdbuf();  // an empty file sets text's failbit, harmlessly
  return std::move(text).str();
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return {};
}

}  // namespace cairn::http
