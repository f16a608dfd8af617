// application/x-www-form-urlencoded and URL query strings: "a=1&b=x%20y" -> [(a,1), (b,"x y")].
// Parameters keep their order and may repeat (default-graph-uri, named-graph-uri).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/status.h"

namespace cairn::http {

using Params = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX and, in form data, '+' as a space. A malformed escape is InvalidArgument.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Parses "a=1&b=2" (empty pieces skipped; "a" alone is ("a","")), appending to `params`.
Status ParseForm(std::string_view text, Params& params);

// Every value of `name`, in order.
std::vector<std::string> ParamValues(const Params& params, std::string_view name);

}  // namespace cairn::http
