#include <catch2/catch.hpp>

#include "http/form.h"

namespace cairn::http {
namespace {

TEST_CASE("form: decoding, repeats and order", "[http]") {
  Params params;
  REQUIRE(ParseForm("query=SELECT+*%20WHERE%7B%7D&default-graph-uri=a&&default-graph-uri=b&flag", params).ok());
  REQUIRE(params.size() == 4);
  CHECK(params[0] == std::pair<std::string, std::string>("query", "SELECT * WHERE{}"));
  CHECK(ParamValues(params, "default-graph-uri") == std::vector<std::string>{"a", "b"});
  CHECK(params[3] == std::pair<std::string, std::string>("flag", ""));
}

TEST_CASE("form: malformed escapes are errors", "[http]") {
  Params params;
  CHECK_FALSE(ParseForm("query=%zz", params).ok());
  CHECK_FALSE(ParseForm("query=%4", params).ok());
  CHECK(PercentDecode("a+b", false).value() == "a+b");
}

}  // namespace
}  // namespace cairn::http
