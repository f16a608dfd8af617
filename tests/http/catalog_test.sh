#!/usr/bin/env bash
# End to end, as a crawler would: publish two real datasets (org-data, bathing-water), serve them
# on 127.0.0.1, then check that
#   - every dcat:downloadURL downloads with Content-Length = dcat:byteSize, the same number of
#     bytes and the SHA-256 of spdx:checksum, and parses to void:triples triples;
#   - /.well-known/void's counts and partitions equal SPARQL COUNT queries on /sparql;
#   - rapper parses /catalog in Turtle, N-Triples, RDF/XML, N-Quads and TriG (rdflib: JSON-LD),
#     always to the same number of triples; the catalogue graph is queryable with SPARQL;
#   - the HTML page lists the datasets and their downloads (also as headless Chromium renders
#     it); HEAD and If-None-Match work;
#   - a change to a dataset's graph through /update moves dct:modified and regenerates its dumps;
#   - cairn publish refuses bad declarations with exit 2 (command line) or 1 (unknown graph).
# Usage: catalog_test.sh CAIRN REPO_ROOT SHARED_DIR
set -uo pipefail
CAIRN=$1
ROOT=$2
SHARED=$3
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3
. "$ROOT/tests/http/publish_fixture.sh"
TMP=$(mktemp -d)
SERVE_PID=
cleanup() {
  [[ -n $SERVE_PID ]] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
passed=0
failed=0
check() {  # check NAME COMMAND...: one named expectation
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}

publish_fixture "$CAIRN" "$SHARED" "$TMP" || { echo "FAIL: publishing the fixture"; exit 1; }
STORE=$TMP/store

# --- cairn publish refuses bad declarations --------------------------------------------------
expect_exit() {  # expect_exit CODE MESSAGE-PART ARGS...
  local code=$1 part=$2; shift 2
  local err
  err=$("$CAIRN" publish -l "$STORE" "$@" 2>&1 >/dev/null); local rc=$?
  [[ $rc == "$code" && $err == *"$part"* ]] || { echo "  publish $*: exit $rc, '$err'"; return 1; }
}
common=(--title T --description D --publisher http://example.org/p)
check "dataset without a graph" expect_exit 2 "has no --graph" --dataset x "${common[@]}"
check "unknown graph" expect_exit 1 "has no graph <http://example.org/nope>" --dataset x --graph http://example.org/nope "${common[@]}"
check "publisher not an IRI" expect_exit 2 "must be an IRI" --dataset x --graph $GRAPH_BASE/org --title T --description D --publisher "Cabinet Office"
check "bad dataset id" expect_exit 2 "not a dataset id" --dataset "a b" --graph $GRAPH_BASE/org "${common[@]}"
check "config without identifier" bash -c "printf '[] a <http://www.w3.org/ns/dcat#Dataset> .\n' > '$TMP/bad.ttl'; '$CAIRN' publish -l '$STORE' --config '$TMP/bad.ttl' 2>&1 | grep -q 'no dct:identifier'"

TOKEN_FILE=$TMP/token
echo "catalog-test-token-0123456789" > "$TOKEN_FILE"
chmod 600 "$TOKEN_FILE"
start_serve "$CAIRN" "$STORE" --update-token-file "$TOKEN_FILE" || exit 1

# --- the checks that need parsing are in Python (stdlib; rdflib only for JSON-LD) -------------
BASE=$BASE TMP=$TMP TOKEN="$(cat "$TOKEN_FILE")" GRAPH_BASE=$GRAPH_BASE $PY - <<'PYTHON'
import gzip, hashlib, json, os, re, subprocess, sys, urllib.parse, urllib.request

BASE, TMP, TOKEN, GB = os.environ["BASE"], os.environ["TMP"], os.environ["TOKEN"], os.environ["GRAPH_BASE"]
DCAT, DCT, SPDX, VOID = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/", "http://spdx.org/rdf/terms#", "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GRAPHS = {"org": [GB + "/org", GB + "/org-vocab"], "bathing-water": [GB + "/bathing-water", GB + "/bathing-water-vocab"]}
passed = failed = 0

def check(name, ok, detail=""):
    global passed, failed
    if ok: passed += 1
    else:
        failed += 1
        print(f"FAIL: {name} {detail}")

def get(path, accept=None, method="GET", headers=None, data=None):
    req = urllib.request.Request(path if path.startswith("http") else BASE + path, method=method, data=data)
    if accept: req.add_header("Accept", accept)
    for k, v in (headers or {}).items(): req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, dict((k.lower(), v) for k, v in r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict((k.lower(), v) for k, v in e.headers.items()), e.read()

TERM = r'(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[\w-]+)?)'
LINE = re.compile(r'^' + TERM + r'\s+' + TERM + r'\s+' + TERM + r'\s*\.\s*$')
def ntriples(text):
    out = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m: out.append(m.groups())
    return out

def value(term):
    if term.startswith("<"): return term[1:-1]
    if term.startswith('"'): return json.loads(term[:term.rindex('"') + 1])
    return term

def rapper(data, syntax, base):
    p = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples", "-", base], input=data, capture_output=True)
    return p.returncode, p.stdout.decode()

def sparql_count(query):
    status, _, body = get("/sparql?query=" + urllib.parse.quote(query), accept="text/csv")
    if status != 200: return f"HTTP {status}: {body[:200]!r}"
    return int(body.decode().splitlines()[1])

def values(graphs): return "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }"

# The catalogue as Turtle, through rapper.
status, headers, body = get("/catalog", accept="text/turtle")
check("/catalog 200 Turtle", status == 200 and headers.get("content-type", "").startswith("text/turtle"), f"{status} {headers}")
rc, nt = rapper(body, "turtle", BASE + "/catalog")
catalog = ntriples(nt)
check("rapper parses /catalog as Turtle", rc == 0 and len(catalog) > 100, f"rc={rc} triples={len(catalog)}")
for accept, syntax in [("application/n-triples", "ntriples"), ("application/rdf+xml", "rdfxml"),
                       ("application/n-quads", "nquads"), ("application/trig", "trig")]:
    status, headers, data = get("/catalog", accept=accept)
    rc, out = rapper(data, syntax, BASE + "/catalog")
    check(f"rapper parses /catalog as {syntax}", status == 200 and rc == 0 and len(ntriples(out)) == len(catalog),
          f"status={status} rc={rc} triples={len(ntriples(out))} vs {len(catalog)}")
try:
    import rdflib
    status, headers, data = get("/catalog", accept="application/ld+json")
    g = rdflib.Graph().parse(data=data, format="json-ld")
    check("rdflib parses /catalog as JSON-LD", status == 200 and len(g) == len(catalog), f"{len(g)} vs {len(catalog)}")
except ImportError:
    print("note: no rdflib, JSON-LD catalogue not parsed")

# Distributions: download each, compare size and checksum.
by_subject = {}
for s, p, o in catalog: by_subject.setdefault(s, []).append((value(p), o))
def objects(s, p): return [o for pp, o in by_subject.get(s, []) if pp == p]
datasets = {value(objects(s, DCT + "identifier")[0]): s for s, pos in by_subject.items()
            if (RDF_TYPE, f"<{DCAT}Dataset>") in pos}
check("two datasets in the catalogue", sorted(datasets) == ["bathing-water", "org"], str(sorted(datasets)))
expected_type = {"nt.gz": "application/gzip", "ttl": "text/turtle", "jsonld": "application/ld+json"}
dumps = {}
for id_, ds in datasets.items():
    for dist in objects(ds, DCAT + "distribution"):
        url = value(objects(dist, DCAT + "downloadURL")[0])
        size = int(value(objects(dist, DCAT + "byteSize")[0]))
        checksum = value(objects(objects(dist, SPDX + "checksum")[0], SPDX + "checksumValue")[0])
        status, headers, data = get(url)
        ext = url.split("/")[-1].split(".", 1)[1]
        dumps[(id_, ext)] = (url, size, checksum, data)
        check(f"{url} downloads", status == 200, str(status))
        check(f"{url} Content-Length = dcat:byteSize", headers.get("content-length") == str(size), f"{headers.get('content-length')} vs {size}")
        check(f"{url} size", len(data) == size, f"{len(data)} vs {size}")
        check(f"{url} sha256 = spdx:checksum", hashlib.sha256(data).hexdigest() == checksum)
        check(f"{url} Content-Type", headers.get("content-type", "").startswith(expected_type[ext]), headers.get("content-type"))
        check(f"{url} ETag", headers.get("etag") == f'"{checksum}"', headers.get("etag"))
    check(f"{id_} has three distributions", len(objects(ds, DCAT + "distribution")) == 3)

# HEAD and conditional GET on a dump.
url, size, checksum, _ = dumps[("org", "ttl")]
status, headers, data = get(url, method="HEAD")
check("HEAD dump", status == 200 and headers.get("content-length") == str(size) and data == b"", f"{status} {headers.get('content-length')}")
status, headers, data = get(url, headers={"If-None-Match": f'"{checksum}"'})
check("If-None-Match dump -> 304", status == 304, str(status))
check("unknown dump -> 404", get("/dumps/nothing.ttl")[0] == 404)

# VoID counts against SPARQL COUNT queries.
status, headers, body = get("/.well-known/void", accept="application/n-triples")
void = ntriples(body.decode())
check("/.well-known/void", status == 200 and len(void) > 100, f"{status} {len(void)}")
vs = {}
for s, p, o in void: vs.setdefault(s, []).append((value(p), o))
def vobj(s, p): return [o for pp, o in vs.get(s, []) if pp == p]
for id_, graphs in GRAPHS.items():
    node = f"<{BASE}/id/dataset/{id_}>"
    def stat(name): return int(value(vobj(node, VOID + name)[0]))
    v = values(graphs)
    queries = {
        "triples": f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {v} }} }}",
        "distinctSubjects": f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {v} }}",
        "entities": f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {v} FILTER(isIRI(?s)) }}",
        "properties": f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {v} }}",
        "distinctObjects": f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {v} }}",
        "classes": f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?o }} {v} }}",
    }
    for name, q in queries.items():
        expected = sparql_count(q)
        check(f"{id_} void:{name} = SPARQL COUNT", stat(name) == expected, f"{stat(name)} vs {expected}")
    print(f"{id_}: " + ", ".join(f"{n} {stat(n)}" for n in queries))
    # Every class partition, and every property partition's three counts.
    status, _, body = get("/sparql?query=" + urllib.parse.quote(
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }} {v} }} GROUP BY ?c"), accept="text/csv")
    expected = {row.split(",")[0]: int(row.rsplit(",", 1)[1]) for row in body.decode().splitlines()[1:] if row}
    got = {}
    for part in vobj(node, VOID + "classPartition"):
        got[value(vobj(part, VOID + "class")[0])] = int(value(vobj(part, VOID + "entities")[0]))
    check(f"{id_} class partitions = SPARQL", got == expected and len(got) == stat("classes"), f"{len(got)} vs {len(expected)}")
    status, _, body = get("/sparql?query=" + urllib.parse.quote(
        f"SELECT ?p (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?ds) (COUNT(DISTINCT ?o) AS ?do) WHERE {{ "
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {v} }} }} GROUP BY ?p"), accept="text/csv")
    expected = {}
    for row in body.decode().splitlines()[1:]:
        if row:
            p, t, ds, do = row.rsplit(",", 3)
            expected[p] = (int(t), int(ds), int(do))
    got = {}
    for part in vobj(node, VOID + "propertyPartition"):
        got[value(vobj(part, VOID + "property")[0])] = tuple(int(value(vobj(part, VOID + k)[0])) for k in ("triples", "distinctSubjects", "distinctObjects"))
    check(f"{id_} property partitions = SPARQL", got == expected, f"{len(got)} vs {len(expected)}")
    # Linksets to the other dataset: triples whose object is described there and not here.
    for ls in vobj(node, VOID + "subset"):
        target = vobj(ls, VOID + "objectsTarget")[0]
        if not target.startswith("<"): continue
        other = value(target).rsplit("/", 1)[1]
        pred = vobj(ls, VOID + "linkPredicate")[0]
        q = (f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s {pred} ?o }} {v} FILTER(isIRI(?o)) "
             f"FILTER EXISTS {{ GRAPH ?h {{ ?o ?x ?y }} VALUES ?h {{ {' '.join(f'<{g}>' for g in GRAPHS[other])} }} }} "
             f"FILTER NOT EXISTS {{ GRAPH ?k {{ ?o ?x2 ?y2 }} VALUES ?k {{ {' '.join(f'<{g}>' for g in graphs)} }} }} }} }}")
        n = int(value(vobj(ls, VOID + "triples")[0]))
        check(f"{id_} linkset {pred} -> {other} = SPARQL", n == sparql_count(q), f"{n}")
    # The dumps hold exactly void:triples triples.
    _, _, _, nt_gz = dumps[(id_, "nt.gz")]
    rc, out = rapper(gzip.decompress(nt_gz), "ntriples", "http://example.org/")
    check(f"{id_}.nt.gz parses to void:triples", rc == 0 and len(ntriples(out)) == stat("triples"), f"{len(ntriples(out))}")
    rc, out = rapper(dumps[(id_, "ttl")][3], "turtle", "http://example.org/")
    check(f"{id_}.ttl parses to void:triples", rc == 0 and len(ntriples(out)) == stat("triples"), f"{len(ntriples(out))}")
    if "rdflib" in sys.modules:
        g = rdflib.Graph().parse(data=dumps[(id_, "jsonld")][3], format="json-ld")
        check(f"{id_}.jsonld parses to void:triples", len(g) == stat("triples"), f"{len(g)}")

# The catalogue graph is in the store.
n = sparql_count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:cairn:catalog> { ?d a <http://www.w3.org/ns/dcat#Dataset> } }")
check("SPARQL sees the catalogue graph", n == 2, str(n))

# The HTML page.
status, headers, body = get("/catalog", accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
page = body.decode()
check("HTML catalogue", status == 200 and headers.get("content-type", "").startswith("text/html")
      and "Organograms of UK central government" in page and "Bathing water quality" in page
      and 'href="/dumps/org.nt.gz"' in page and "Open Government Licence" in page, f"{status}")

# A change to a dataset's graph: dct:modified moves on, its dumps are regenerated.
def modified_of(id_):
    _, _, body = get("/catalog", accept="application/n-triples")
    for s, p, o in ntriples(body.decode()):
        if s == f"<{BASE}/id/dataset/{id_}>" and value(p) == DCT + "modified": return value(o)
before = modified_of("bathing-water"), modified_of("org")
update = f"INSERT DATA {{ GRAPH <{GB}/bathing-water> {{ <http://example.org/new> <http://www.w3.org/2000/01/rdf-schema#label> \"new\" }} }}"
status, _, body = get("/update", method="POST", headers={"Authorization": "Bearer " + TOKEN,
                      "Content-Type": "application/sparql-update"}, data=update.encode())
check("update accepted", status in (200, 204), f"{status} {body[:200]!r}")
after = modified_of("bathing-water"), modified_of("org")
check("dct:modified of the changed dataset moves on", after[0] > before[0], f"{before[0]} -> {after[0]}")
check("dct:modified of the other dataset stays", after[1] == before[1], f"{before[1]} -> {after[1]}")
_, _, body = get("/catalog", accept="application/n-triples")
cat2 = ntriples(body.decode())
by2 = {}
for s, p, o in cat2: by2.setdefault(s, []).append((value(p), o))
dist = f"<{BASE}/id/dataset/bathing-water/distribution/ttl>"
size2 = int(value([o for p, o in by2[dist] if p == DCAT + "byteSize"][0]))
status, headers, data = get(BASE + "/dumps/bathing-water.ttl")
check("regenerated dump: new size, served size", size2 != dumps[("bathing-water", "ttl")][1] and len(data) == size2, f"{size2}")
check("regenerated dump holds the new triple", b"http://example.org/new" in data)

print(f"python checks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PYTHON
py=$?
[[ $py == 0 ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: the HTTP checks above"; }

# --- a browser: headless Chromium gets the HTML catalogue (its own Accept header) ------------
if command -v chromium >/dev/null; then
  timeout 60 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --dump-dom "$BASE/catalog" \
    >"$TMP/catalog.dom" 2>/dev/null
  has() { grep -qF -- "$2" "$TMP/catalog.dom" || { echo "  missing: $2"; return 1; }; }
  check "browser: catalogue title" has title '<h1>Example department linked data</h1>'
  check "browser: a dataset section" has section '<h2 id="title-org">Organograms of UK central government, 31 March 2014</h2>'
  check "browser: download links" has downloads 'href="/dumps/bathing-water.ttl"'
  check "browser: licence and attribution" has licence 'Contains public sector information licensed under the Open Government Licence v3.0.'
else
  echo "SKIP: chromium is not installed (scripts/install-deps.sh installs it)"
fi
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
