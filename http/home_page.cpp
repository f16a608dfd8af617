#include "http/home_page.h"

namespace cairn::http {

Response HomePage() {
  Response response;
  response.SetHeader("Content-Type", "text/html; charset=utf-8");
  response.body = R"(<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Cairn SPARQL endpoint</title></head>
<body>
<h1>Cairn</h1>
<p>This is a <a href="https://www.w3.org/TR/sparql11-protocol/">SPARQL 1.1 Protocol</a> endpoint
serving linked open data. Send queries to <a href="/sparql">/sparql</a>
(<code>GET /sparql?query=...</code>, or <code>POST</code> a form or an <code>application/sparql-query</code> body).
<code>GET /sparql</code> without a query describes the service.</p>
<form action="/sparql" method="get">
<textarea name="query" rows="8" cols="80">SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br>
<button type="submit">Run query</button>
</form>
</body>
</html>
)";
  return response;
}

}  // namespace cairn::http
