#!/usr/bin/python3
"""`cairn serve` through a real SPARQL client: Python's SPARQLWrapper (Debian python3-sparqlwrapper).

The sample department dataset in data/ is loaded into a fresh store (one named graph per file, as
scripts/run-sample.sh does) and served on 127.0.0.1 (port 0, the log says which). Checked:
  * SELECT as JSON, XML, CSV and TSV (GET, POST form, POST direct), ASK as JSON and XML,
    CONSTRUCT and DESCRIBE as Turtle and N-Triples, and as RDF/XML and JSON-LD when the server
    offers them (a 406 there is reported as a skip, not a failure);
  * both ways SPARQLWrapper asks for a format: its default (Accept plus format=/output=/results=
    parameters, which real users send) and content negotiation only;
  * SPARQL Update at /update with the bearer token (form and direct POST), without it (401 and
    `WWW-Authenticate: Bearer`), with a wrong one (401), and a malformed update (400);
  * a malformed query: 400 whose message has the line and column;
  * --timeout 1 and a query that cannot finish: 503;
  * a client that gives up (SPARQLWrapper's own timeout closes the socket mid-query): the access
    log says 499 and the server goes on answering.
Every server started is stopped on any exit (try/finally; the kernel kills it if this runner dies).

Usage: sparqlwrapper_test.py path/to/cairn repo-root [--verbose]
Prints `FAIL name: why` per failure, `SKIP name: why` per skip, then `N passed, N failed, N skipped`.
"""

import csv
import ctypes
import gc
import http.client
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import warnings

try:
    import rdflib
    from SPARQLWrapper import (CSV, GET, JSON, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE,
                               URLENCODED, XML, SPARQLWrapper)
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized
except ImportError as e:  # pragma: no cover
    sys.stderr.write(f"sparqlwrapper_test: {e} (scripts/install-deps.sh installs python3-sparqlwrapper)\n")
    sys.exit(2)

G = "http://data.example.gov.uk/graph"
GRAPHS = ["organisation", "service-performance", "catalogue"]
COUNTS = {"catalogue": 77, "organisation": 184, "service-performance": 8569}
# The format checks look at the loaded graphs only; "only the loaded graphs" checks the rest once.
OURS = f'FILTER(STRSTARTS(STR(?g), "{G}/"))'
ALL = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}"
PER_GRAPH = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }} GROUP BY ?g ORDER BY ?g"
GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G}/catalogue> {{ ?s ?p ?o }} }}"
DESCRIBE = f"DESCRIBE <http://data.example.gov.uk/id/organisation/ddps> FROM <{G}/organisation>"
HEAVY = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 } "
         "GRAPH ?c { ?s3 ?p3 ?o3 } }")
TOKEN = "sparqlwrapper-test-token"
TEST_GRAPH = "urn:cairn-test:sparqlwrapper"

passed = failed = skipped = 0
verbose = "--verbose" in sys.argv


def ok(name):
    global passed
    passed += 1
    if verbose:
        print(f"PASS {name}")


def fail(name, why):
    global failed
    failed += 1
    print(f"FAIL {name}: {why}")


def skip(name, why):
    global skipped
    skipped += 1
    print(f"SKIP {name}: {why}")


def check(name, cond, why=""):
    if cond:
        ok(name)
    else:
        fail(name, why)


def _die_with_parent():
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Server:
    def __init__(self, cairn, store, log_path, args):
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [cairn, "serve", "--location", store, "--bind", "127.0.0.1:0"] + args,
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 20
        self.port = None
        while time.monotonic() < deadline:
            m = re.search(r"cairn: listening on http://127\.0\.0\.1:(\d+)/", self.text())
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if self.port is None:
            text = self.text()
            self.stop()
            raise RuntimeError("server did not start: " + text[-500:])
        self.base = f"http://127.0.0.1:{self.port}"

    def text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

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


def client(server, query, fmt=JSON, method=GET, request_method=URLENCODED, only_conneg=False,
           token=None, accept=None, timeout=30):
    s = SPARQLWrapper(server.base + "/sparql", updateEndpoint=server.base + "/update")
    s.setQuery(query)
    s.setReturnFormat(fmt)
    s.setMethod(method)
    s.setRequestMethod(request_method)
    s.setOnlyConneg(only_conneg)
    s.setTimeout(timeout)
    if token is not None:
        s.addCustomHttpHeader("Authorization", "Bearer " + token)
    if accept is not None:
        s.addCustomHttpHeader("Accept", accept)
    return s


def run(name, s):
    """query() and convert(); SPARQLWrapper's format warnings count as failures.
    Returns (result, converted) or None after reporting the failure."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = s.query()
            ctype = res.info().get("content-type", "")
            converted = res.convert()
        except urllib.error.HTTPError as e:
            fail(name, f"HTTP {e.code}: {e.read()[:300]!r}")
            return None
        except Exception as e:  # noqa: BLE001 - whatever the client raised is the finding
            fail(name, f"{type(e).__name__}: {str(e)[:300]}")
            return None
    for w in caught:
        if issubclass(w.category, RuntimeWarning):
            fail(name, f"SPARQLWrapper warned: {w.message}")
            return None
    return ctype, converted


def run_update(name, s):
    """An update through SPARQLWrapper: query() only, as its users do (what a successful update
    answers with is up to the service, SPARQL 1.1 Protocol 2.2.4, so there is nothing to convert)."""
    try:
        res = s.query()
        code = res.response.getcode()
        res.response.read()
    except urllib.error.HTTPError as e:
        fail(name, f"HTTP {e.code}: {e.read()[:300]!r}")
        return False
    except Exception as e:  # noqa: BLE001
        fail(name, f"{type(e).__name__}: {str(e)[:300]}")
        return False
    check(name, 200 <= code < 300, f"status {code}")
    return 200 <= code < 300


def error_of(s):
    """Runs a request expected to fail: (status, body text) or (None, what happened instead)."""
    try:
        s.query().convert()
    except QueryBadFormed as e:
        return 400, str(e)
    except Unauthorized as e:
        return 401, str(e)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except Exception as e:  # noqa: BLE001
        return None, f"{type(e).__name__}: {e}"
    return None, "the request succeeded"


# ---------------------------------------------------------------- the checks

def json_rows(doc):
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def xml_rows(dom):
    rows = []
    for r in dom.getElementsByTagName("result"):
        row = {}
        for b in r.getElementsByTagName("binding"):
            value = b.firstChild
            while value is not None and value.nodeType != value.ELEMENT_NODE:
                value = value.nextSibling
            row[b.getAttribute("name")] = "".join(t.data for t in value.childNodes if t.nodeType == t.TEXT_NODE)
        rows.append(row)
    return rows


def expected_per_graph():
    return [{"g": f"{G}/{name}", "n": str(COUNTS[name])} for name in sorted(COUNTS)]


def tsv_value(term):
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    m = re.fullmatch(r'"(.*)"(\^\^<[^>]*>)?', term)
    return m.group(1) if m else term


def select_checks(server):
    want = expected_per_graph()
    for conneg in (False, True):
        mode = "conneg only" if conneg else "default params"
        for method, rmethod, how in ((GET, URLENCODED, "GET"), (POST, URLENCODED, "POST form"),
                                     (POST, POSTDIRECTLY, "POST direct")):
            tag = f"{how}, {mode}"
            r = run(f"SELECT JSON ({tag})", client(server, PER_GRAPH, JSON, method, rmethod, conneg))
            if r:
                ctype, doc = r
                check(f"SELECT JSON ({tag}) Content-Type", ctype.startswith("application/sparql-results+json"), ctype)
                check(f"SELECT JSON ({tag}) vars", doc.get("head", {}).get("vars") == ["g", "n"], doc.get("head"))
                check(f"SELECT JSON ({tag}) rows", json_rows(doc) == want, json_rows(doc))
        r = run(f"SELECT XML ({mode})", client(server, PER_GRAPH, XML, only_conneg=conneg))
        if r:
            ctype, dom = r
            check(f"SELECT XML ({mode}) Content-Type", ctype.startswith("application/sparql-results+xml"), ctype)
            check(f"SELECT XML ({mode}) rows", xml_rows(dom) == want, xml_rows(dom))
        r = run(f"SELECT CSV ({mode})", client(server, PER_GRAPH, CSV, only_conneg=conneg))
        if r:
            ctype, body = r
            rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
            check(f"SELECT CSV ({mode}) Content-Type", ctype.startswith("text/csv"), ctype)
            check(f"SELECT CSV ({mode}) rows", rows == [["g", "n"]] + [[w["g"], w["n"]] for w in want], rows)
        for method, how in ((GET, "GET"), (POST, "POST form")):
            r = run(f"SELECT TSV ({how}, {mode})", client(server, PER_GRAPH, TSV, method, only_conneg=conneg))
            if r:
                ctype, body = r
                rows = [line.split("\t") for line in body.decode("utf-8").splitlines()]
                check(f"SELECT TSV ({how}, {mode}) Content-Type", ctype.startswith("text/tab-separated-values"), ctype)
                got = [rows[0]] + [[tsv_value(t) for t in row] for row in rows[1:]] if rows else rows
                check(f"SELECT TSV ({how}, {mode}) rows", got == [["?g", "?n"]] + [[w["g"], w["n"]] for w in want],
                      rows)
    r = run("SELECT JSON total", client(server, ALL, JSON))
    if r:
        check("SELECT JSON total is 8830", json_rows(r[1]) == [{"n": "8830"}], json_rows(r[1]))
    r = run("only the loaded graphs", client(server, GRAPH_NAMES, JSON))
    if r:
        check("only the loaded graphs", json_rows(r[1]) == [{"g": f"{G}/{n}"} for n in sorted(COUNTS)],
              f"the dataset's named graphs are {[row.get('g') for row in json_rows(r[1])]}")


def ask_checks(server):
    for fmt, name in ((JSON, "JSON"), (XML, "XML")):
        for query, want in (("ASK { GRAPH ?g { ?s a ?c } }", True), ("ASK { <urn:x> <urn:y> <urn:z> }", False)):
            r = run(f"ASK {name} {want}", client(server, query, fmt))
            if not r:
                continue
            ctype, res = r
            if fmt == JSON:
                got = res.get("boolean")
            else:
                b = res.getElementsByTagName("boolean")
                got = {"true": True, "false": False}.get(b[0].firstChild.data.strip()) if b else None
            check(f"ASK {name} {want}", got is want, f"{got!r} ({ctype})")


def graph_of(name, ctype, data, parser):
    g = rdflib.Graph()
    try:
        g.parse(data=data, format=parser, publicID="http://base.example/")
    except Exception as e:  # noqa: BLE001
        fail(name, f"{ctype} body does not parse as {parser}: {e}")
        return None
    return g


def graph_checks(server):
    # name, SPARQLWrapper format, Accept override, Content-Type wanted, rdflib parser, optional.
    # SPARQLWrapper 1.8.5 has no N-Triples format of its own (N3 asks for Turtle, N3 or N-Triples),
    # and offers JSON-LD only with the rdflib-jsonld package, which Debian 12 lacks (rdflib 6 has it
    # built in): those two are asked for with an Accept header, JSON-LD by content negotiation
    # only, and the body is parsed with rdflib.
    cases = [
        ("Turtle", TURTLE, None, "text/turtle", "turtle", False),
        ("N3", N3, None, ("text/turtle", "application/turtle", "application/n-triples"), None, False),
        ("N-Triples", N3, "application/n-triples", "application/n-triples", "nt", False),
        ("RDF/XML", RDFXML, None, "application/rdf+xml", "xml", True),
        ("JSON-LD", JSON, "application/ld+json", "application/ld+json", "json-ld", True),
    ]
    for label, fmt, accept, want_ct, parser, optional in cases:
        for form, query, count in (("CONSTRUCT", CONSTRUCT, COUNTS["catalogue"]), ("DESCRIBE", DESCRIBE, None)):
            if optional:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    status, _ = probe(client(server, query, fmt, accept=accept, only_conneg=True))
                if status == 406:
                    skip(f"{form} {label}", f"the server offers no {want_ct} yet (406)")
                    continue
            # An Accept override with format=/output= parameters asking for something else would
            # be a request no one sends: those cases run by content negotiation only.
            for conneg in ((True,) if accept else (False, True)):
                name = f"{form} {label} ({'conneg only' if conneg else 'default params'})"
                s = client(server, query, fmt, accept=accept, only_conneg=conneg)
                if label == "JSON-LD":
                    try:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")  # "Sending Accept */*": overridden
                            res = s.query()
                        ctype, body = res.info().get("content-type", ""), res.response.read()
                    except Exception as e:  # noqa: BLE001
                        fail(name, f"{type(e).__name__}: {str(e)[:300]}")
                        continue
                else:
                    r = run(name, s)
                    if not r:
                        continue
                    ctype, body = r
                if not ctype.startswith(want_ct):
                    fail(name, f"Content-Type {ctype}, want {want_ct}")
                    continue
                # SPARQLWrapper's N3 accepts Turtle, N-Triples or N3: parse what came.
                syntax = parser or ("nt" if "n-triples" in ctype else "turtle")
                g = body if isinstance(body, rdflib.Graph) else graph_of(name, ctype, body, syntax)
                if g is None:
                    continue
                if count is not None:
                    check(name, len(g) == count, f"{len(g)} triples, want {count}")
                else:
                    # What a description holds is up to the service (SPARQL 1.1 section 16.4), so an
                    # empty one is noted, not failed.
                    ok(name)
                    ddps = rdflib.URIRef("http://data.example.gov.uk/id/organisation/ddps")
                    if (ddps, None, None) not in g:
                        print(f"NOTE {name}: the description of <{ddps}> FROM <{G}/organisation> is empty")


def probe(s):
    try:
        s.query().response.read()
        return 200, ""
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except Exception as e:  # noqa: BLE001
        return None, str(e)


def raw_post(server, path, body, headers):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("POST", path, body=body.encode("utf-8"), headers=headers)
        resp = conn.getresponse()
        return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def ask(server, query):
    r = run("ASK after update", client(server, query, JSON))
    return r[1].get("boolean") if r else None


def update_checks(server, have_token):
    triple = f"GRAPH <{TEST_GRAPH}> {{ <urn:s> <urn:p> "
    probe_q = lambda n: f"ASK {{ {triple}{n} }} }}"  # noqa: E731
    if not have_token:
        fail("update", "this cairn serve has no --update-token-file: the update checks cannot run")
        return
    for n, (rmethod, how) in enumerate(((URLENCODED, "form"), (POSTDIRECTLY, "direct")), 1):
        s = client(server, f"INSERT DATA {{ {triple}{n} }} }}", method=POST, request_method=rmethod, token=TOKEN)
        if run_update(f"update with the token ({how})", s):
            check(f"update with the token ({how}) is visible", ask(server, probe_q(n)) is True,
                  "the inserted triple is not there")
    # No token, a wrong token: 401, nothing written.
    for token, what in ((None, "without a token"), ("not-" + TOKEN, "with a wrong token")):
        s = client(server, f"INSERT DATA {{ {triple}99 }} }}", method=POST, token=token)
        status, text = error_of(s)
        check(f"update {what} is 401", status == 401, f"got {status}: {text[:200]}")
    check("refused updates wrote nothing", ask(server, probe_q(99)) is False, "the triple of a refused update is there")
    status, headers, _ = raw_post(server, "/update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                  {"Content-Type": "application/sparql-update"})
    check("401 has WWW-Authenticate: Bearer", status == 401 and headers.get("www-authenticate", "").startswith("Bearer"),
          f"status {status}, WWW-Authenticate {headers.get('www-authenticate')!r}")
    # A malformed update: 400 with the position.
    s = client(server, "INSERT DATA { <urn:s> <urn:p> }", method=POST, token=TOKEN)
    status, text = error_of(s)
    check("malformed update is 400", status == 400, f"got {status}: {text[:200]}")
    check("malformed update message has line and column", re.search(r"line \d+, column \d+", text) is not None,
          text[:300])
    # DELETE through SPARQLWrapper (its query-type detection must route it to the update endpoint).
    s = client(server, f"DELETE DATA {{ {triple}1 }} }}", method=POST, token=TOKEN)
    if run_update("DELETE DATA with the token", s):
        check("DELETE DATA with the token", ask(server, probe_q(1)) is False, "the triple is still there")


def bad_query_checks(server):
    for method, how in ((GET, "GET"), (POST, "POST")):
        status, text = error_of(client(server, "SELECT * WHERE { ?s ?p }", JSON, method))
        check(f"bad query is 400 ({how})", status == 400, f"got {status}: {text[:200]}")
        check(f"bad query message has line and column ({how})",
              re.search(r"line 1, column \d+", text) is not None, text[:300])
    status, text = error_of(client(server, "SELECT ?x\nWHERE {\n  ?x ?y\n}", JSON))
    check("bad query on line 4 says line 4", re.search(r"line 4, column \d+", text) is not None, text[:300])


def timeout_checks(server):
    t0 = time.monotonic()
    status, text = error_of(client(server, HEAVY, JSON))
    took = time.monotonic() - t0
    check("slow query with --timeout 1 is 503", status == 503, f"got {status}: {text[:200]}")
    check("503 says the query timed out", "timed out" in text, text[:300])
    check("503 comes soon after the 1 s timeout", took < 10, f"took {took:.1f} s")
    r = run("server answers after a timeout", client(server, ALL, JSON))
    if r:
        ok("server answers after a timeout")


def cancel_checks(cairn, store, work):
    server = Server(cairn, store, os.path.join(work, "cancel.log"), ["--timeout", "120", "--threads", "2"])
    try:
        t0 = time.monotonic()
        s = client(server, HEAVY, JSON, timeout=1)  # SPARQLWrapper gives up after 1 s and drops the socket
        status, text = error_of(s)
        gc.collect()  # the abandoned response holds the socket until it is collected
        check("client-side timeout raises in the client", status is None and "timed out" in text.lower(),
              f"got {status}: {text[:200]}")
        logged = False
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if re.search(r'"GET /sparql[^"]*" 499 ', server.text()):
                logged = True
                break
            time.sleep(0.1)
        check("cancelled query is logged as 499", logged,
              "no 499 line in the access log:\n" + "\n".join(server.text().splitlines()[-5:]))
        check("cancellation is prompt", time.monotonic() - t0 < 20, "the query ran on")
        r = run("server answers after a cancelled query", client(server, ALL, JSON))
        if r:
            rows = json_rows(r[1])  # 8830 and what the update checks left in their graph
            check("server answers after a cancelled query", len(rows) == 1 and rows[0].get("n", "").isdigit(), r[1])
        check("server still running after a cancelled query", server.alive(), "it exited")
    finally:
        server.stop()


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    cairn = os.path.abspath(sys.argv[1])
    root = os.path.abspath(sys.argv[2])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = tempfile.mkdtemp(prefix="cairn-sparqlwrapper-")
    server = None
    try:
        store = os.path.join(work, "store")
        for name in GRAPHS:
            p = subprocess.run([cairn, "load", "--location", store, "--graph", f"{G}/{name}",
                                os.path.join(root, "data", name + ".ttl")], capture_output=True, text=True)
            if p.returncode != 0:
                print(f"FAIL load {name}: {p.stderr.strip()}")
                return 1
        help_text = subprocess.run([cairn, "serve", "--help"], capture_output=True, text=True).stdout
        have_token = "--update-token-file" in help_text
        args = ["--timeout", "1", "--threads", "2"]
        if have_token:
            token_file = os.path.join(work, "token")
            with open(os.open(token_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
                f.write(TOKEN + "\n")
            args += ["--update-token-file", token_file]
        server = Server(cairn, store, os.path.join(work, "server.log"), args)
        select_checks(server)
        ask_checks(server)
        graph_checks(server)
        bad_query_checks(server)
        timeout_checks(server)
        update_checks(server, have_token)
        check("server still running", server.alive(), "it exited")
        server.stop()
        if verbose:
            print(open(os.path.join(work, "server.log")).read())
        server = None
        cancel_checks(cairn, store, work)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
