#include "http/home_page.h"

#include <string>

#include "http/errors.h"
#include "http/form.h"
#include "http/html.h"
#include "http/ui_assets.h"

namespace cairn::http {
namespace {

constexpr std::string_view kExampleQuery =
    "# The classes in this store and how many resources each has.\n"
    "SELECT ?class (COUNT(DISTINCT ?resource) AS ?resources)\n"
    "WHERE {\n"
    "  { ?resource a ?class } UNION { GRAPH ?g { ?resource a ?class } }\n"
    "}\n"
    "GROUP BY ?class\n"
    "ORDER BY DESC(?resources)\n"
    "LIMIT 25\n";

// The example query as a JavaScript string literal (inside a <script>: "</" must not appear).
std::string JsString(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    switch (ch) {
      case '\n': out += "\\n"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '<': out += "\\x3c"; break;
      default: out += ch;
    }
  }
  return out + "\"";
}

constexpr std::string_view kIntro = R"(<h1>Cairn</h1>
<p>A <a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1</a> endpoint serving linked open
data. Send queries to <a href="/sparql">/sparql</a> (<code>GET /sparql?query=...</code>, or
<code>POST</code> a form or an <code>application/sparql-query</code> body); <code>GET /sparql</code>
without a query describes the service. Graphs can be read at <code>/store?graph=IRI</code>.</p>
)";

}  // namespace

Response HomePage(const Request& request) {
  Params params;
  std::string example(kExampleQuery);
  if (ParseForm(request.query, params).ok()) {
    auto given = ParamValues(params, "query");
    if (!given.empty() && given[0].size() < 100000) example = given[0];
  }
  Response response;
  response.SetHeader("Content-Type", "text/html; charset=utf-8");
  std::string page = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cairn SPARQL endpoint</title>
)";
  if (!YasguiScriptPath().empty()) {
    page += "<link rel=\"stylesheet\" href=\"" + std::string(YasguiStylePath()) + "\">\n";
    page += "<script src=\"" + std::string(YasguiScriptPath()) + "\"></script>\n";
    page += R"(<style>body { font-family: sans-serif; margin: 1em 2em; } .yasqe .CodeMirror { min-height: 14em; }</style>
</head>
<body>
)";
    page += kIntro;
    page += R"(<div id="yasgui"></div>
<noscript><p>The query editor needs JavaScript; use <a href="/sparql">/sparql</a> directly.</p></noscript>
<script>
  const endpoint = new URL("/sparql", window.location.href).href;
  Yasgui.Yasqe.defaults.value = )" +
            JsString(kExampleQuery) + R"(;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: "cairn_" + window.location.host,
  });
  // /?query=... (the resource pages link here) opens that query in the current tab.
  const given = new URLSearchParams(window.location.search).get("query");
  if (given) yasgui.getTab().setQuery(given);
</script>
</body>
</html>
)";
  } else {
    page += "</head>\n<body>\n";
    page += kIntro;
    page += "<form action=\"/sparql\" method=\"get\">\n<textarea name=\"query\" rows=\"12\" cols=\"90\">" +
            HtmlEscape(example) + "</textarea><br>\n<button type=\"submit\">Run query</button>\n</form>\n</body>\n</html>\n";
  }
  response.body = std::move(page);
  return response;
}

Response ServeUiAsset(const Request& request) {
  auto asset = FindUiAsset(request.path);
  if (!asset) return TextResponse(404, "Not Found: " + request.path);
  Response response;
  response.SetHeader("Content-Type", std::string(asset->content_type));
  // The path names the version: the file at it never changes.
  response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  response.body = std::string(asset->body);
  return response;
}

}  // namespace cairn::http
