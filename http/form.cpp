#include "http/form.h"

namespace cairn::http {
namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) return Status::InvalidArgument("malformed percent-encoding in the request");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Status ParseForm(std::string_view text, Params& params) {
  while (!text.empty()) {
    std::size_t amp = text.find('&');
    std::string_view piece = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    auto name = PercentDecode(piece.substr(0, eq), true);
    if (!name.ok()) return name.status();
    std::string value;
    if (eq != std::string_view::npos) {
      auto decoded = PercentDecode(piece.substr(eq + 1), true);
      if (!decoded.ok()) return decoded.status();
      value = std::move(*decoded);
    }
    params.emplace_back(std::move(*name), std::move(value));
  }
  return Status::OK();
}

std::vector<std::string> ParamValues(const Params& params, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [n, v] : params) {
    if (n == name) values.push_back(v);
  }
  return values;
}

}  // namespace cairn::http
