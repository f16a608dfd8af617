-- wrk script for tests/bench/http_bench.sh: POST one SPARQL query as a form body, print the
-- figures in a machine-readable form at the end.
--
--   wrk -t T -c C -d D --latency --timeout 30s -s http_bench.lua URL -- BODY_FILE ACCEPT
--
-- BODY_FILE holds the application/x-www-form-urlencoded body (query=...&default-graph-uri=...),
-- ACCEPT the Accept header. The request is built once per thread after init() and reused on
-- every keep-alive request (no per-request Lua work: no request() or response() function).

function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = args[2] or "application/sparql-results+json"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format("WRK lat_mean_us=%.1f lat_stdev_us=%.1f lat_max_us=%d lat_min_us=%d\n",
    latency.mean, latency.stdev, latency.max, latency.min))
  for _, p in ipairs({ 50, 75, 90, 99, 99.9 }) do
    io.write(string.format("WRK lat_p%s_us=%d\n", p, latency:percentile(p)))
  end
end
