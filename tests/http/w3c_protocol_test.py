#!/usr/bin/python3
"""Runs the W3C SPARQL 1.1 Protocol and Graph Store Protocol tests against `cairn serve`.

The tests are read from the manifests in shared/w3c/sparql/sparql11/{protocol,graph-store-protocol}
(nothing is copied by hand): each mf:ProtocolTest / mf:GraphStoreProtocolTest is an ht:Connection
holding a list of ht:Requests (method, absolute path, headers, body) with the ht:Response each must
get (mf:expectedStatus, mf:expectedFormat, mf:expectedBoolean, mf:expectedLocation, response
headers and an RDF body to compare by graph isomorphism).

For each test a fresh store is filled with the test's ut:graphData (`cairn load --graph LABEL`),
a fresh `cairn serve` is started on 127.0.0.1 (port 0, the log says which), the requests are
replayed in order on one keep-alive connection with http.client, and the server is stopped.

Path rewriting (the manifests say the runner must map their paths onto the endpoint's):
  * protocol: `/sparql/` becomes `/update` for an update request and `/sparql` otherwise. A
    request is a query if it says so (Content-Type application/sparql-query, a `query`
    parameter), an update if it says so (application/sparql-update, an `update`,
    `using-graph-uri` or `using-named-graph-uri` parameter), and otherwise goes by the test's
    name (the bad_update_* tests with a text/plain body).
  * graph-store-protocol: `/gsp` becomes `/store`, so `/gsp/person/1.ttl` is direct graph
    identification of `http://HOST/store/person/1.ttl` and `/gsp?graph=...` stays indirect.
The Host header is the test's ht:connectionAuthority ("www.example"), as the test was written.
Writes (every request to /update; PUT, POST and DELETE on /store) carry `Authorization: Bearer
TOKEN` when the server has `--update-token-file`, so a 4xx a bad_* test expects is never the
auth check's; a 401/403 to such a request fails the test. In the protocol suite a 404 fails too:
the manifest accepts any 4xx for bad requests, but "no such endpoint" would test nothing.

Why rdflib: the runner must judge Cairn from outside, so it reads the manifests, parses the RDF
the server returns and checks graph isomorphism with an independent implementation rather than
with Cairn's own parser (which is what is under test).

Usage: w3c_protocol_test.py --cairn build/cairn --shared ../shared --suite protocol
           [--suite graph-store-protocol] [--skips FILE] [--only NAME] [--verbose] [--run-skipped]
Prints `FAIL name: why` per failure, `SKIP name: reason` per skip, then per suite
`SUITE: N passed, N failed, N skipped`. Exit 1 when a test failed, 2 on a setup error.
"""

import argparse
import csv
import ctypes
import http.client
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

try:
    import rdflib
    from rdflib import RDF, RDFS, Literal, Namespace, URIRef
    from rdflib.collection import Collection
    from rdflib.compare import isomorphic
except ImportError:  # pragma: no cover
    sys.stderr.write("w3c_protocol_test: python3-rdflib is missing (scripts/install-deps.sh)\n")
    sys.exit(2)

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#"
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")

SUITES = {
    "protocol": "sparql/sparql11/protocol/manifest.ttl",
    "graph-store-protocol": "sparql/sparql11/graph-store-protocol/manifest.ttl",
}
TEST_TYPES = (MF.ProtocolTest, MF.GraphStoreProtocolTest)
NOT_RUN = (DAWGT.Deprecated, DAWGT.Withdrawn, DAWGT.Rejected)

# hts: status names (W3C "HTTP Vocabulary in RDF") -> a code, or a class written "2xx".
STATUS_NAMES = {
    "OK": 200, "Created": 201, "Accepted": 202, "NoContent": 204, "MovedPermanently": 301,
    "Found": 302, "SeeOther": 303, "NotModified": 304, "BadRequest": 400, "Unauthorized": 401,
    "Forbidden": 403, "NotFound": 404, "MethodNotAllowed": 405, "NotAcceptable": 406,
    "Conflict": 409, "PreconditionFailed": 412, "RequestEntityTooLarge": 413,
    "UnsupportedMediaType": 415, "InternalServerError": 500, "ServiceUnavailable": 503,
}

RDF_PARSERS = {  # media type -> rdflib parser
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "text/plain": "nt", "application/rdf+xml": "xml", "application/ld+json": "json-ld",
    "application/n-quads": "nquads", "application/trig": "trig", "text/n3": "n3",
}
TOKEN = "w3c-protocol-test-token"
REQUEST_TIMEOUT = 30  # seconds for each request (a hung server fails the test, then is killed)


class SetupError(Exception):
    pass


# ---------------------------------------------------------------- the server

def _die_with_parent():
    """Runs in the child before exec: the kernel kills the server if this runner dies (even by
    SIGKILL from a ctest timeout), so no server outlives the test."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def serve_flags(cairn):
    """The `cairn serve` options this binary has, so the runner works before and after a flag lands."""
    out = subprocess.run([cairn, "serve", "--help"], capture_output=True, text=True).stdout
    return set(re.findall(r"--[a-z][a-z-]*", out))


class Server:
    def __init__(self, cairn, store, workdir, extra_args=()):
        self.cairn = cairn
        self.store = store
        self.log_path = os.path.join(workdir, "server.log")
        self.args = list(extra_args)
        self.proc = None
        self.port = None

    def start(self):
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [self.cairn, "serve", "--location", self.store, "--bind", "127.0.0.1:0", "--threads", "2"]
            + self.args,
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            m = re.search(r"cairn: listening on http://127\.0\.0\.1:(\d+)/", self.log_text())
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        text = self.log_text()
        self.stop()
        raise SetupError("server did not start: " + text.strip()[-500:])

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        self.log.close()


# ---------------------------------------------------------------- the manifests

def rdf_list(g, head):
    return list(Collection(g, head)) if head is not None else []


def read_manifest(path, out):
    """Appends (test_node, graph, manifest_dir) for every entry of the manifest and its includes."""
    g = rdflib.Graph()
    g.parse(path, format="turtle", publicID="file://" + os.path.abspath(path))
    manifests = set(g.subjects(RDF.type, MF.Manifest)) | set(g.subjects(MF.entries, None))
    if not manifests:
        raise SetupError(f"{path}: no mf:Manifest")
    for m in manifests:
        for inc in rdf_list(g, g.value(m, MF.include)):
            read_manifest(file_path(inc), out)
        for entry in rdf_list(g, g.value(m, MF.entries)):
            out.append((entry, g, os.path.dirname(path)))


def file_path(iri):
    u = urllib.parse.urlparse(str(iri))
    if u.scheme != "file":
        raise SetupError(f"not a local file: {iri}")
    return urllib.parse.unquote(u.path)


def local_name(iri):
    s = str(iri)
    return re.split(r"[#/]", s)[-1]


class Req:
    pass


def read_test(g, node):
    """One test as plain values: name, type, approval, graph data, and its requests."""
    t = {"iri": str(node), "name": local_name(node), "title": str(g.value(node, MF.name) or ""),
         "type": g.value(node, RDF.type), "approval": g.value(node, DAWGT.approval),
         "requires": [local_name(r) for r in g.objects(node, MF.requires)], "graphs": [],
         "requests": []}
    for gd in g.objects(node, UT.graphData):
        t["graphs"].append((file_path(g.value(gd, UT.graph)), str(g.value(gd, RDFS.label))))
    t["graphs"].sort(key=lambda x: x[1])
    action = g.value(node, MF.action)
    t["authority"] = str(g.value(action, HT.connectionAuthority) or "localhost")
    for rn in rdf_list(g, g.value(action, HT.requests)):
        r = Req()
        r.method = str(g.value(rn, HT.methodName))
        r.path = str(g.value(rn, HT.absolutePath))
        r.headers = read_headers(g, g.value(rn, HT.headers))
        r.body = None
        body = g.value(rn, HT.body)
        if body is not None:
            r.body = str(g.value(body, CNT.chars))
            r.encoding = str(g.value(body, CNT.characterEncoding) or "UTF-8")
        resp = g.value(rn, HT.resp)
        r.statuses = [status_of(s) for s in g.objects(resp, MF.expectedStatus)]
        fmt = g.value(resp, MF.expectedFormat)
        r.format = str(fmt) if fmt is not None else None
        b = g.value(resp, MF.expectedBoolean)
        r.boolean = b.toPython() if b is not None else None
        loc = g.value(resp, MF.expectedLocation)
        r.location_var = str(loc) if loc is not None else None
        r.resp_headers = read_headers(g, g.value(resp, HT.headers))
        rb = g.value(resp, HT.body)
        r.resp_body = str(g.value(rb, CNT.chars)) if rb is not None else None
        t["requests"].append(r)
    if not t["requests"]:
        raise SetupError(f"{t['name']}: no ht:requests")
    return t


def read_headers(g, head):
    return [(str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue))) for h in rdf_list(g, head)]


def status_of(node):
    name = str(node)
    if not name.startswith(HTS):
        raise SetupError(f"unknown status {name}")
    name = name[len(HTS):]
    m = re.fullmatch(r"StatusCode([1-5])xx", name)
    if m:
        return m.group(1) + "xx"
    if name not in STATUS_NAMES:
        raise SetupError(f"unknown status hts:{name}")
    return STATUS_NAMES[name]


def status_matches(code, expected):
    return any(code == e if isinstance(e, int) else str(code)[0] == e[0] for e in expected)


def describe_statuses(expected):
    return " or ".join(str(e) for e in expected)


# ---------------------------------------------------------------- the requests

def media_type(value):
    return (value or "").split(";")[0].strip().lower()


def media_params(value):
    params = {}
    for p in (value or "").split(";")[1:]:
        if "=" in p:
            k, v = p.split("=", 1)
            params[k.strip().lower()] = v.strip().strip('"')
    return params


def header(headers, name):
    for k, v in headers:
        if k.lower() == name:
            return v
    return None


def form_keys(text):
    try:
        return {k for k, _ in urllib.parse.parse_qsl(text, keep_blank_values=True)}
    except ValueError:
        return set()


def is_update(test_name, req):
    """Whether a /sparql/ request of the protocol suite belongs to the update endpoint."""
    ctype = media_type(header(req.headers, "content-type"))
    query_string = req.path.split("?", 1)[1] if "?" in req.path else ""
    keys = form_keys(query_string)
    if req.body is not None and ctype in ("", "application/x-www-form-urlencoded"):
        keys |= form_keys(req.body)
    if ctype == "application/sparql-query" or "query" in keys:
        return False
    if ctype == "application/sparql-update" or keys & {"update", "using-graph-uri", "using-named-graph-uri"}:
        return True
    return "update" in test_name


def rewrite(suite, test_name, req, path):
    """The manifest's path on Cairn's endpoints; returns (path, is_write)."""
    if suite == "protocol":
        if not path.startswith("/sparql/"):
            raise SetupError(f"{test_name}: path {path} does not start with /sparql/")
        update = is_update(test_name, req)
        return ("/update" if update else "/sparql") + path[len("/sparql/"):], update
    if not path.startswith("/gsp"):
        raise SetupError(f"{test_name}: path {path} does not start with /gsp")
    return "/store" + path[len("/gsp"):], req.method in ("PUT", "POST", "DELETE")


# ---------------------------------------------------------------- checking responses

def classify(ctype, body):
    """What the body is: ("boolean", value), ("tabular", rows), ("RDF", graph), or (None, why)."""
    mt = media_type(ctype)
    text = body.decode("utf-8", "strict") if body else ""
    if mt == "application/sparql-results+json":
        doc = json.loads(text)
        if "boolean" in doc:
            if not isinstance(doc["boolean"], bool):
                return None, f"JSON boolean is {doc['boolean']!r}"
            return "boolean", doc["boolean"]
        if isinstance(doc.get("head", {}).get("vars"), list) and isinstance(
                doc.get("results", {}).get("bindings"), list):
            return "tabular", len(doc["results"]["bindings"])
        return None, "JSON that is neither a boolean nor a result table"
    if mt == "application/sparql-results+xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        root = ET.fromstring(body)
        if root.tag != ns + "sparql":
            return None, f"XML root {root.tag}"
        b = root.find(ns + "boolean")
        if b is not None:
            if b.text.strip() not in ("true", "false"):
                return None, f"XML boolean {b.text!r}"
            return "boolean", b.text.strip() == "true"
        res = root.find(ns + "results")
        if root.find(ns + "head") is not None and res is not None:
            return "tabular", len(res.findall(ns + "result"))
        return None, "XML that is neither a boolean nor a result table"
    if mt in ("text/csv", "text/tab-separated-values"):
        rows = list(csv.reader(io.StringIO(text), delimiter="," if mt == "text/csv" else "\t"))
        if not rows or not rows[0]:
            return None, "CSV/TSV without a header line"
        if mt == "text/tab-separated-values" and not all(v.startswith("?") for v in rows[0]):
            return None, f"TSV header {rows[0]} (variables start with ?)"
        return "tabular", len(rows) - 1
    if mt in RDF_PARSERS:
        return "RDF", parse_rdf(body, mt, "http://www.example/")
    return None, f"unknown Content-Type {ctype!r}"


def parse_rdf(data, mt, base):
    if isinstance(data, str):
        data = data.encode("utf-8")
    fmt = RDF_PARSERS[mt]
    if fmt in ("nquads", "trig"):
        ds = rdflib.ConjunctiveGraph()
        ds.parse(data=data, format=fmt, publicID=base)
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        g = rdflib.Graph()
        g.parse(data=data, format=fmt, publicID=base)
    return normalise(g)


def normalise(g):
    """RDF 1.1: a simple literal and an xsd:string literal are the same term."""
    out = rdflib.Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD_STRING:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def show(g):
    return "\n".join(sorted("      " + " ".join(t.n3() for t in tr) for tr in g))


def check_response(suite, req, resp, body, authorised):
    """Returns None when the response is what the manifest expects, else why not."""
    if not status_matches(resp.status, req.statuses):
        return f"status {resp.status}, want {describe_statuses(req.statuses)}" + excerpt(body)
    if authorised and resp.status in (401, 403):
        return f"status {resp.status} although the request carried the bearer token" + excerpt(body)
    if suite == "protocol" and resp.status == 404:
        # The manifest accepts any 4xx for the bad_* requests, but a 404 only says the endpoint is
        # not there, which would let those tests pass without testing anything.
        return "status 404: the endpoint is missing (a bad request must be refused by the endpoint)"
    ctype = resp.getheader("Content-Type")
    if req.format is not None or req.boolean is not None:
        try:
            kind, value = classify(ctype, body)
        except Exception as e:  # noqa: BLE001 - any parse error is the finding
            return f"Content-Type {ctype!r}: body does not parse: {e}" + excerpt(body)
        want = req.format or "boolean"
        if kind is None:
            return f"want {want}, got {value}" + excerpt(body)
        if kind != want:
            return f"want a {want} result, got {kind} ({ctype})" + excerpt(body)
        if req.boolean is not None and value != req.boolean:
            return f"boolean {str(value).lower()}, want {str(req.boolean).lower()}"
    for name, value in req.resp_headers:
        got = resp.getheader(name)
        if name.lower() == "content-type":
            if got is None or media_type(got) != media_type(value):
                return f"Content-Type {got!r}, want {value!r}"
            want_cs, got_cs = media_params(value).get("charset"), media_params(got).get("charset")
            if want_cs and got_cs and want_cs.lower() != got_cs.lower():
                return f"Content-Type {got!r}, want {value!r}"
        elif got != value:
            return f"header {name}: {got!r}, want {value!r}"
    if req.resp_body is not None:
        mt = media_type(header(req.resp_headers, "content-type") or "text/turtle")
        expected = parse_rdf(req.resp_body, mt, "http://www.example/")
        got_mt = media_type(ctype)
        if got_mt not in RDF_PARSERS:
            return f"want an RDF body, got Content-Type {ctype!r}" + excerpt(body)
        try:
            got = parse_rdf(body, got_mt, "http://www.example/")
        except Exception as e:  # noqa: BLE001
            return f"response body does not parse as {got_mt}: {e}" + excerpt(body)
        if not isomorphic(expected, got):
            return (f"graph differs from the expected one\n    want:\n{show(expected)}\n"
                    f"    got:\n{show(got)}")
    return None


def excerpt(body):
    if not body:
        return ""
    text = body[:300].decode("utf-8", "replace").replace("\n", "\n    | ")
    return f"\n    | {text}"


# ---------------------------------------------------------------- running a test

def run_test(args, suite, test, flags, workdir):
    """Returns None on success, else the failure message."""
    store = os.path.join(workdir, "store")
    for path, label in test["graphs"]:
        p = subprocess.run([args.cairn, "load", "--location", store, "--graph", label, path],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return f"cairn load {path} failed: {p.stderr.strip()}"
    extra = []
    auth = False
    if "--update-token-file" in flags:
        token_file = os.path.join(workdir, "token")
        with open(os.open(token_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write(TOKEN + "\n")
        extra += ["--update-token-file", token_file]
        auth = True
    server = Server(args.cairn, store, workdir, extra)
    try:
        server.start()
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT)
        try:
            return replay(args, suite, test, conn, auth, server)
        finally:
            conn.close()
    finally:
        server.stop()
        if args.verbose:
            sys.stdout.write("".join("    log: " + line + "\n" for line in server.log_text().splitlines()))


def replay(args, suite, test, conn, auth, server):
    variables = {}
    for i, req in enumerate(test["requests"], 1):
        path = req.path
        body = req.body
        for var, value in variables.items():
            path = path.replace(var, value)
            if body is not None:
                body = body.replace(var, value)
        target, write = rewrite(suite, test["name"], req, path)
        headers = {"Host": test["authority"]}
        for k, v in req.headers:
            headers[k] = v
        authorised = write and auth and not any(k.lower() == "authorization" for k in headers)
        if authorised:
            headers["Authorization"] = "Bearer " + TOKEN
        data = None
        if body is not None:
            enc = req.encoding.lower()
            data = body.encode("utf-16" if enc == "utf-16" else enc)
        what = f"request {i} ({req.method} {target})"
        try:
            conn.request(req.method, target, body=data, headers=headers)
            resp = conn.getresponse()
            resp_body = resp.read()
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            return f"{what}: {type(e).__name__}: {e}"
        if args.verbose:
            print(f"    {what} -> {resp.status} {resp.getheader('Content-Type')}")
        why = check_response(suite, req, resp, resp_body, authorised)
        if why is not None:
            return f"{what}: {why}"
        if req.location_var is not None:
            loc = resp.getheader("Location")
            if not loc:
                return f"{what}: no Location header (mf:expectedLocation)"
            # A relative Location is resolved against the request URL, as HTTP says.
            variables[req.location_var] = urllib.parse.urljoin(f"http://{test['authority']}{target}", loc)
    return None


def read_skips(path, suite):
    skips = {}
    if not path:
        return skips
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) < 2 or "/" not in parts[0]:
                raise SetupError(f"{path}:{n}: want 'suite/test-name reason'")
            s, name = parts[0].split("/", 1)
            if s == suite:
                skips[name] = parts[1]
    return skips


def run_suite(args, suite, flags):
    tests = []
    read_manifest(os.path.join(args.shared, "w3c", SUITES[suite]), tests)
    skips = read_skips(args.skips, suite)
    seen = set()
    passed = failed = skipped = 0
    for node, g, _ in tests:
        test = read_test(g, node)
        name = test["name"]
        seen.add(name)
        if test["type"] not in TEST_TYPES or test["approval"] in NOT_RUN:
            continue
        if args.only and name not in args.only:
            continue
        if name in skips and not args.run_skipped:
            print(f"SKIP {suite}/{name}: {skips[name]}")
            skipped += 1
            continue
        workdir = tempfile.mkdtemp(prefix="cairn-w3c-proto-")
        try:
            if args.verbose:
                print(f"RUN  {suite}/{name}: {test['title']}")
            why = run_test(args, suite, test, flags, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        if why is None:
            passed += 1
            if args.verbose:
                print(f"PASS {suite}/{name}")
        else:
            failed += 1
            print(f"FAIL {suite}/{name}: {why}")
    stale = sorted(set(skips) - seen)
    if stale:
        raise SetupError(f"skip list names tests the {suite} manifests do not list: {', '.join(stale)}")
    print(f"{suite}: {passed} passed, {failed} failed, {skipped} skipped")
    return failed


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cairn", required=True, help="the cairn binary")
    ap.add_argument("--shared", required=True, help="the shared/ folder (w3c/ in it)")
    ap.add_argument("--suite", action="append", choices=sorted(SUITES), help="default: both")
    ap.add_argument("--skips", default=os.path.join(here, "w3c-protocol-skips.txt"))
    ap.add_argument("--only", action="append", help="run only this test (local name); repeatable")
    ap.add_argument("--run-skipped", action="store_true", help="run the tests the skip list names")
    ap.add_argument("--verbose", action="store_true", help="PASS lines, each request, server logs")
    args = ap.parse_args()
    args.cairn = os.path.abspath(args.cairn)
    # SIGTERM (ctest stopping us) unwinds through the finally blocks that stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        flags = serve_flags(args.cairn)
        failures = sum(run_suite(args, s, flags) for s in (args.suite or sorted(SUITES)))
    except SetupError as e:
        print(f"w3c_protocol_test: {e}")
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
