// HTML text: the one escaping function every page uses.
#pragma once

#include <string>
#include <string_view>

namespace cairn::http {

// Text made safe for HTML element content and quoted attribute values (& < > " ').
std::string HtmlEscape(std::string_view text);

}  // namespace cairn::http
