#!/usr/bin/env python3
"""SPARQL 1.1 Protocol benchmark client for tests/bench/query_bench.sh (Python 3 stdlib only).

Subcommands:

  bsbm    replay the BSBM explore mixes (explore-mixes.tsv): an untimed warm-up over the selected
          mixes, then timed passes with 1 client and with 2 concurrent clients; checks every
          result count against expected-counts-all50.tsv (Q9 DESCRIBE: reported only).
  watdiv  run the WatDiv query files: 1 untimed pass, then N timed passes (default 5), with a
          per-query timeout (default 60 s); checks counts against expected-counts.tsv.
  report  turn the JSON results of the two commands above (one file per engine and dataset)
          plus a key/value metadata file into the Markdown report.

Method (see /work/shared/bench/README.md section 3): one HTTP/1.1 keep-alive connection per
client (http.client), POST application/x-www-form-urlencoded `query=...` (plus
`default-graph-uri=...` when given), Accept application/sparql-results+json for SELECT and
application/n-triples for CONSTRUCT/DESCRIBE. Latency is client-side: from just before the
request is written until the last byte of the response has been read. Counting rows (JSON:
len(results.bindings); N-Triples: distinct non-empty lines) happens outside the timed interval.
Two concurrent clients are two processes (no shared interpreter lock), released together.
"""

import argparse
import http.client
import io
import json
import math
import multiprocessing as mp
import os
import re
import socket
import statistics
import sys
import time
import urllib.parse

ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples",
    "DESCRIBE": "application/n-triples",
}
BSBM_QUERIES = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]
REPORT_ONLY_QUERIES = {9}  # BSBM Q9 (DESCRIBE): content is implementation-defined
WATDIV_TEMPLATES = (["L%d" % i for i in range(1, 6)] + ["S%d" % i for i in range(1, 8)]
                    + ["F%d" % i for i in range(1, 6)] + ["C%d" % i for i in range(1, 4)])
WATDIV_CLASSES = [("L", "linear"), ("S", "star"), ("F", "snowflake"), ("C", "complex")]
TARGET_MAX_SLOWDOWN = 3.0
ACK_MODES = ["delayed", "quick"]
ACK_MODES_DOC = {
    "delayed": "standard client (kernel-default delayed ACKs, what curl or any ordinary client sees)",
    "quick": "TCP_QUICKACK client (no delayed ACKs: hides the ~40 ms stall a server without "
             "TCP_NODELAY suffers when it writes a response in pieces)",
}


def log(msg):
    print("[sparql_bench_client %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------- HTTP
class _QuickAckRaw(io.RawIOBase):
    """Socket reader that sets TCP_QUICKACK after every recv: Linux then sends any delayed ACK at
    once. Defeats the server-Nagle / client-delayed-ACK stall (~40 ms) that a server without
    TCP_NODELAY causes when it writes a response in pieces (see --quickack)."""

    def __init__(self, sock):
        super().__init__()
        self._sock = sock

    def readable(self):
        return True

    def readinto(self, b):
        n = self._sock.recv_into(b)
        try:
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        except OSError:
            pass
        return n


class _QuickAckSocket:
    def __init__(self, sock):
        self._sock = sock

    def makefile(self, mode="rb", *args, **kwargs):
        assert "r" in mode and "b" in mode
        return io.BufferedReader(_QuickAckRaw(self._sock))

    def __getattr__(self, name):
        return getattr(self._sock, name)


class Client:
    """One keep-alive connection to a SPARQL endpoint."""

    def __init__(self, url, default_graph=None, timeout=60.0, quickack=False):
        u = urllib.parse.urlsplit(url)
        if u.scheme != "http":
            raise SystemExit("only http:// endpoints are supported: %s" % url)
        self.host = u.hostname
        self.port = u.port or 80
        self.path = u.path or "/"
        self.default_graph = default_graph
        self.timeout = timeout
        self.quickack = quickack and hasattr(socket, "TCP_QUICKACK")
        self.conn = None
        self.reconnects = 0

    def connect(self):
        self.close()
        # socket timeout a little above the query timeout, so that a server's own timeout answer
        # (cairn serve --timeout) arrives; anything slower than the query timeout is a timeout
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout + 5)
        self.conn.connect()  # http.client sets TCP_NODELAY on the client socket
        if self.quickack:
            self.conn.sock = _QuickAckSocket(self.conn.sock)

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None

    def body(self, text):
        fields = [("query", text)]
        if self.default_graph:
            fields.append(("default-graph-uri", self.default_graph))
        return urllib.parse.urlencode(fields).encode("utf-8")

    def query(self, text, form):
        """-> dict(status, latency (s), body (bytes or None), error)."""
        payload = self.body(text)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": ACCEPT[form],
            "Connection": "keep-alive",
        }
        for attempt in (0, 1):
            if self.conn is None:
                self.connect()
            t0 = time.perf_counter()
            try:
                self.conn.request("POST", self.path, body=payload, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()  # to the last byte (Content-Length or chunked end)
                t1 = time.perf_counter()
            except (socket.timeout, TimeoutError):
                self.close()
                return {"status": "timeout", "latency": time.perf_counter() - t0, "body": None,
                        "error": "no response within %g s" % (self.timeout + 5)}
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                    http.client.CannotSendRequest, http.client.BadStatusLine) as e:
                # The server closed an idle keep-alive connection: reconnect and resend once
                # (the timer restarts; connection set-up is not timed).
                self.close()
                if attempt == 0:
                    self.reconnects += 1
                    continue
                return {"status": "error", "latency": time.perf_counter() - t0, "body": None,
                        "error": "%s: %s" % (type(e).__name__, e)}
            except OSError as e:
                self.close()
                return {"status": "error", "latency": time.perf_counter() - t0, "body": None,
                        "error": "%s: %s" % (type(e).__name__, e)}
            if resp.will_close:  # the server does not keep the connection: count it
                self.close()
                self.reconnects += 1
            latency = t1 - t0
            if resp.status != 200 and latency >= 0.9 * self.timeout:
                snippet = data[:200].decode("utf-8", "replace").replace("\n", " ")
                return {"status": "timeout", "latency": latency, "body": None,
                        "error": "HTTP %d after %.1f s: %s" % (resp.status, latency, snippet)}
            if resp.status != 200:
                snippet = data[:300].decode("utf-8", "replace").replace("\n", " ")
                return {"status": "http-%d" % resp.status, "latency": latency, "body": None,
                        "error": snippet}
            if latency > self.timeout:
                return {"status": "timeout", "latency": latency, "body": None,
                        "error": "took %.1f s > %g s" % (latency, self.timeout)}
            return {"status": "ok", "latency": latency, "body": data, "error": None}
        raise AssertionError("unreachable")


def count_results(body, form):
    """Solutions for SELECT (JSON), distinct non-empty N-Triples lines for CONSTRUCT/DESCRIBE."""
    if form in ("SELECT", "ASK"):
        doc = json.loads(body.decode("utf-8"))
        if "boolean" in doc:
            return 1 if doc["boolean"] else 0
        return len(doc["results"]["bindings"])
    lines = set()
    for line in body.decode("utf-8").split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            lines.add(line)
    return len(lines)


# ------------------------------------------------------------------------------------- stats
def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    v = sorted(values)
    k = max(1, math.ceil(p / 100.0 * len(v)))
    return v[k - 1]


def geomean(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return math.exp(sum(math.log(max(v, 1e-9)) for v in values) / len(values))


# ------------------------------------------------------------------------------------- BSBM
_ESC = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def unescape(s):
    """Undo the explore-mixes.tsv escapes (\\n \\t \\r \\\\) in one left-to-right pass."""
    return re.sub(r"\\(.)", lambda m: _ESC.get(m.group(1), m.group(0)), s)


def load_mixes(path):
    mixes = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:4] != ["mix", "pos", "query", "form"]:
            raise SystemExit("unexpected header in %s: %s" % (path, header))
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            mix, pos, q, form, text = line.split("\t", 4)
            mixes.setdefault(int(mix), []).append(
                {"mix": int(mix), "pos": int(pos), "query": int(q), "form": form, "text": unescape(text)})
    for m in mixes.values():
        m.sort(key=lambda r: r["pos"])
    return mixes


def load_bsbm_expected(path):
    exp = {}
    with open(path, encoding="utf-8") as f:
        cols = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip():
                continue
            r = dict(zip(cols, line.rstrip("\n").split("\t")))
            exp[(int(r["mix"]), int(r["pos"]))] = (int(r["count"]), int(r.get("count_virtuoso") or -1))
    return exp


def run_mixes(client, mixes, order, phase, client_name, run):
    """Run mixes in `order` on one connection. Returns (samples, t_start, t_end, bodies)."""
    samples, bodies = [], []
    t_start = time.perf_counter()
    for m in order:
        for q in mixes[m]:
            r = client.query(q["text"], q["form"])
            samples.append({"phase": phase, "client": client_name, "run": run, "mix": m,
                            "pos": q["pos"], "query": q["query"], "form": q["form"],
                            "latency_ms": r["latency"] * 1000.0, "status": r["status"],
                            "error": r["error"], "bytes": len(r["body"]) if r["body"] is not None else None})
            bodies.append(r["body"])
    t_end = time.perf_counter()
    return samples, t_start, t_end, bodies


def check_bsbm(samples, bodies, expected):
    """Fill in count / expected / verdict (outside the timed interval)."""
    for s, b in zip(samples, bodies):
        exp = expected.get((s["mix"], s["pos"]))
        s["expected"] = exp[0] if exp else None
        s["expected_virtuoso"] = exp[1] if exp else None
        s["count"] = None
        if s["status"] != "ok":
            s["verdict"] = s["status"]
            continue
        try:
            s["count"] = count_results(b, s["form"])
        except (ValueError, KeyError, UnicodeDecodeError) as e:
            s["verdict"] = "unparsable"
            s["error"] = "%s: %s" % (type(e).__name__, e)
            continue
        if s["query"] in REPORT_ONLY_QUERIES:
            s["verdict"] = "report-only"
        elif exp is None:
            s["verdict"] = "no-expected"
        else:
            s["verdict"] = "ok" if s["count"] == exp[0] else "MISMATCH"
    return samples


def _bsbm_child(args, mixes, expected, order, name, run, barrier, queue):
    try:
        c = Client(args.endpoint, args.default_graph, args.timeout, args.quickack)
        c.connect()
        barrier.wait()
        samples, t0, t1, bodies = run_mixes(c, mixes, order, "2clients", name, run)
        c.close()
        check_bsbm(samples, bodies, expected)  # after this client's timed pass
        queue.put((name, samples, t0, t1, c.reconnects, None))
    except BaseException as e:  # report, never hang the parent
        queue.put((name, [], 0.0, 0.0, 0, "%s: %s" % (type(e).__name__, e)))


def loud_mismatches(samples, engine):
    bad = [s for s in samples if s["verdict"] not in ("ok", "report-only")]
    for s in bad[:50]:
        log("COUNT MISMATCH / ERROR (%s %s run %s client %s mix %s pos %s Q%s): got %s, expected %s, "
            "status %s %s" % (engine, s["phase"], s["run"], s["client"], s["mix"], s["pos"], s["query"],
                              s["count"], s["expected"], s["status"], s["error"] or ""))
    if len(bad) > 50:
        log("... and %d more" % (len(bad) - 50))
    return len(bad)


def cmd_bsbm(args):
    mixes = load_mixes(args.mixes_file)
    expected = load_bsbm_expected(args.expected)
    n = args.mixes
    if n < 1 or any(m not in mixes for m in range(1, n + 1)):
        raise SystemExit("--mixes %d: the file has mixes %d..%d" % (n, min(mixes), max(mixes)))
    order_a = list(range(1, n + 1))
    half = n // 2
    order_b = list(range(half + 1, n + 1)) + list(range(1, half + 1))
    result = {"dataset": "bsbm", "engine": args.engine, "ack": "quick" if args.quickack else "delayed",
              "endpoint": args.endpoint,
              "default_graph": args.default_graph, "mixes": n, "runs": args.runs,
              "queries_per_mix": len(mixes[1]), "order_b": [order_b[0], order_b[-1]],
              "qmph": {"1": [], "2": []}, "elapsed_s": {"1": [], "2": []}, "samples": [],
              "reconnects": 0, "errors": []}

    c = Client(args.endpoint, args.default_graph, args.timeout, args.quickack)
    c.connect()
    if args.warmup:
        log("%s: BSBM warm-up, mixes 1..%d (untimed)" % (args.engine, n))
        s, t0, t1, b = run_mixes(c, mixes, order_a, "warmup", "A", 0)
        result["samples"] += check_bsbm(s, b, expected)
        result["warmup_s"] = t1 - t0
        log("%s: warm-up took %.1f s" % (args.engine, t1 - t0))
    for run in range(1, args.runs + 1):
        c.connect()
        s, t0, t1, b = run_mixes(c, mixes, order_a, "1client", "A", run)
        result["samples"] += check_bsbm(s, b, expected)
        qmph = n * 3600.0 / (t1 - t0)
        result["qmph"]["1"].append(qmph)
        result["elapsed_s"]["1"].append(t1 - t0)
        log("%s: 1 client, run %d: %d mixes in %.2f s = %.0f QMpH" % (args.engine, run, n, t1 - t0, qmph))
    result["reconnects"] += c.reconnects
    c.close()

    ctx = mp.get_context("fork")
    for run in range(1, args.runs + 1):
        barrier = ctx.Barrier(2)
        queue = ctx.Queue()
        procs = [ctx.Process(target=_bsbm_child,
                             args=(args, mixes, expected, order, name, run, barrier, queue))
                 for name, order in (("A", order_a), ("B", order_b))]
        for p in procs:
            p.start()
        got = [queue.get() for _ in procs]  # before join: the queue must be drained
        for p in procs:
            p.join()
        errs = [g[5] for g in got if g[5]]
        if errs:
            result["errors"] += errs
            log("%s: 2-client run %d failed: %s" % (args.engine, run, errs))
            continue
        t0 = min(g[2] for g in got)
        t1 = max(g[3] for g in got)
        for name, s, _, _, rc, _ in sorted(got, key=lambda g: g[0]):
            result["samples"] += s
            result["reconnects"] += rc
        qmph = 2 * n * 3600.0 / (t1 - t0)
        result["qmph"]["2"].append(qmph)
        result["elapsed_s"]["2"].append(t1 - t0)
        log("%s: 2 clients, run %d: %d mixes in %.2f s wall = %.0f QMpH" % (args.engine, run, 2 * n, t1 - t0, qmph))

    result["invalid"] = loud_mismatches(result["samples"], args.engine)
    if result["errors"]:
        result["invalid"] += len(result["errors"])
    write_outputs(result, args)
    if result["invalid"]:
        log("%s: BSBM RUN INVALID: %d mismatching or failed queries" % (args.engine, result["invalid"]))
    return 0


# ------------------------------------------------------------------------------------- WatDiv
def load_watdiv(qdir, expected_path):
    exp = {}
    with open(expected_path, encoding="utf-8") as f:
        cols = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                r = dict(zip(cols, line.rstrip("\n").split("\t")))
                exp[r["file"]] = (r["template"], int(r["count"]))
    files = []
    for t in WATDIV_TEMPLATES:
        for i in range(1, 6):
            name = "%s-%d.rq" % (t, i)
            with open(os.path.join(qdir, name), encoding="utf-8") as f:
                text = f.read()
            if name not in exp:
                raise SystemExit("no expected count for %s" % name)
            files.append({"file": name, "template": t, "text": text, "expected": exp[name][1]})
    return files


def cmd_watdiv(args):
    files = load_watdiv(args.queries, args.expected)
    result = {"dataset": "watdiv", "engine": args.engine, "ack": "quick" if args.quickack else "delayed",
              "endpoint": args.endpoint,
              "default_graph": args.default_graph, "passes": args.passes, "timeout_s": args.timeout,
              "samples": [], "reconnects": 0, "errors": []}
    c = Client(args.endpoint, args.default_graph, args.timeout, args.quickack)
    c.connect()
    for p in range(0, args.passes + 1):
        phase = "warmup" if p == 0 else "timed"
        t0 = time.perf_counter()
        for q in files:
            r = c.query(q["text"], "SELECT")
            s = {"phase": phase, "pass": p, "file": q["file"], "template": q["template"],
                 "latency_ms": r["latency"] * 1000.0, "status": r["status"], "error": r["error"],
                 "bytes": len(r["body"]) if r["body"] is not None else None,
                 "expected": q["expected"], "count": None}
            if r["status"] == "ok":
                try:
                    s["count"] = count_results(r["body"], "SELECT")
                    s["verdict"] = "ok" if s["count"] == q["expected"] else "MISMATCH"
                except (ValueError, KeyError, UnicodeDecodeError) as e:
                    s["verdict"] = "unparsable"
                    s["error"] = "%s: %s" % (type(e).__name__, e)
            else:
                s["verdict"] = r["status"]
            if s["verdict"] != "ok":
                log("%s WatDiv pass %d %s: %s (count %s, expected %s) %s" % (
                    args.engine, p, q["file"], s["verdict"].upper(), s["count"], q["expected"], s["error"] or ""))
            result["samples"].append(s)
        log("%s: WatDiv %s pass %d: %.1f s" % (args.engine, phase, p, time.perf_counter() - t0))
    result["reconnects"] = c.reconnects
    c.close()
    # timeouts are reported as such, not as a wrong count; everything else invalidates the run
    result["invalid"] = sum(1 for s in result["samples"] if s["verdict"] not in ("ok", "timeout"))
    result["timeouts"] = sum(1 for s in result["samples"] if s["verdict"] == "timeout")
    write_outputs(result, args)
    if result["invalid"]:
        log("%s: WATDIV RUN INVALID: %d mismatching or failed queries" % (args.engine, result["invalid"]))
    return 0


def write_outputs(result, args):
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    if args.tsv:
        keys = [k for k in result["samples"][0].keys()] if result["samples"] else []
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write("engine\t" + "\t".join(keys) + "\n")
            for s in result["samples"]:
                f.write(result["engine"] + "\t" + "\t".join(
                    "" if s.get(k) is None else (("%.3f" % s[k]) if isinstance(s[k], float) else
                                                 str(s[k]).replace("\t", " ").replace("\n", " "))
                    for k in keys) + "\n")


# ------------------------------------------------------------------------------------- report
def fmt_ms(v):
    if v is None:
        return "–"
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return "%.2f" % (a / b)


def fmt_int(v):
    return "–" if v is None else "{:,.0f}".format(v)


def met(ok):
    if ok is None:
        return "n/a"
    return "**yes**" if ok else "**NO**"


def bsbm_latency(res, phase):
    """query number -> (n, p50, p95, p99) over the timed samples of `phase` (ok samples only)."""
    out = {}
    if res is None:
        return out
    for q in BSBM_QUERIES:
        v = [s["latency_ms"] for s in res["samples"] if s["phase"] == phase and s["query"] == q
             and s["status"] == "ok"]
        if v:
            out[q] = (len(v), percentile(v, 50), percentile(v, 95), percentile(v, 99))
    return out


def watdiv_medians(res):
    """template -> (median ms over timed executions, timeouts, n). A timeout counts as its
    latency (>= the timeout), so a median that is a timeout is a lower bound."""
    out = {}
    if res is None:
        return out
    for t in WATDIV_TEMPLATES:
        v = [s["latency_ms"] for s in res["samples"] if s["phase"] == "timed" and s["template"] == t
             and s["status"] in ("ok", "timeout")]
        to = sum(1 for s in res["samples"] if s["phase"] == "timed" and s["template"] == t
                 and s["status"] == "timeout")
        out[t] = (statistics.median(v) if v else None, to, len(v))
    return out


def render_sections(res):
    """BSBM, WatDiv and targets sections for results {(dataset, engine): result} of one ACK mode."""
    V, C = "virtuoso", "cairn"
    out = []
    w = out.append
    targets = []  # (description, value, target, ok)

    # ---------------- BSBM
    rv, rc = res.get(("bsbm", V)), res.get(("bsbm", C))
    if rv or rc:
        any_r = rv or rc
        n = any_r["mixes"]
        w("## BSBM 1M explore (%d mixes of %d queries per client pass)" % (n, any_r["queries_per_mix"]))
        w("")
        w("Warm-up: mixes 1..%d once, untimed, on the same connection. 1 client: mixes 1..%d in order, "
          "QMpH = %d × 3600 ÷ elapsed s. 2 clients: two connections (two processes) released together, "
          "A runs 1..%d, B runs %d..%d then 1..%d; QMpH = %d × 3600 ÷ wall s until both finish. "
          "Timed passes per configuration: %d (QMpH: median)." % (
              n, n, n, n, any_r["order_b"][0], n, any_r["order_b"][-1], 2 * n, any_r["runs"]))
        w("")
        w("### Throughput (QMpH, higher is better)")
        w("")
        w("| clients | Virtuoso QMpH | cairn QMpH | cairn ÷ Virtuoso | Virtuoso elapsed s | cairn elapsed s |")
        w("|--:|--:|--:|--:|--:|--:|")
        q = {}
        for k in ("1", "2"):
            qv = statistics.median(rv["qmph"][k]) if rv and rv["qmph"][k] else None
            qc = statistics.median(rc["qmph"][k]) if rc and rc["qmph"][k] else None
            ev = statistics.median(rv["elapsed_s"][k]) if rv and rv["elapsed_s"][k] else None
            ec = statistics.median(rc["elapsed_s"][k]) if rc and rc["elapsed_s"][k] else None
            q[k] = (qv, qc)
            w("| %s | %s | %s | %s | %s | %s |" % (k, fmt_int(qv), fmt_int(qc), fmt_ratio(qc, qv),
                                                 "–" if ev is None else "%.2f" % ev,
                                                 "–" if ec is None else "%.2f" % ec))
            if qv is not None and qc is not None:
                targets.append(("BSBM QMpH, %s client%s: cairn ≥ Virtuoso" % (k, "" if k == "1" else "s"),
                                "%s ÷ %s = %.2f" % (fmt_int(qc), fmt_int(qv), qc / qv), "ratio ≥ 1", qc >= qv))
            else:
                targets.append(("BSBM QMpH, %s client%s: cairn ≥ Virtuoso" % (k, "" if k == "1" else "s"),
                                "cairn %s, Virtuoso %s" % (fmt_int(qc), fmt_int(qv)), "ratio ≥ 1", None))
        w("")
        for phase, label in (("1client", "1 client"), ("2clients", "2 concurrent clients")):
            lv, lc = bsbm_latency(rv, phase), bsbm_latency(rc, phase)
            w("### Latency per query, %s (ms, client-side; lower is better)" % label)
            w("")
            w("Nearest-rank percentiles over all timed executions of the query number; ratio = cairn ÷ Virtuoso.")
            w("")
            w("| query | form | samples | V p50 | V p95 | V p99 | C p50 | C p95 | C p99 | ratio p50 | ratio p95 | ratio p99 |")
            w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
            worst = None
            for qn in BSBM_QUERIES:
                a, b = lv.get(qn), lc.get(qn)
                if not a and not b:
                    continue
                form = "DESCRIBE" if qn == 9 else "CONSTRUCT" if qn == 12 else "SELECT"
                ns = (a or b)[0]
                w("| Q%d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    qn, form, ns,
                    *(fmt_ms(a[i]) if a else "–" for i in (1, 2, 3)),
                    *(fmt_ms(b[i]) if b else "–" for i in (1, 2, 3)),
                    *(fmt_ratio(b[i], a[i]) if a and b else "–" for i in (1, 2, 3))))
                if a and b:
                    r = b[1] / a[1]
                    if worst is None or r > worst[1]:
                        worst = (qn, r)
            w("")
            if worst:
                targets.append(("BSBM p50 per query number, %s: no query > %g× Virtuoso" % (label, TARGET_MAX_SLOWDOWN),
                                "worst Q%d: %.2f×" % worst, "≤ %g" % TARGET_MAX_SLOWDOWN,
                                worst[1] <= TARGET_MAX_SLOWDOWN))
            elif rv or rc:
                targets.append(("BSBM p50 per query number, %s: no query > %g× Virtuoso" % (label, TARGET_MAX_SLOWDOWN),
                                "needs both engines", "≤ %g" % TARGET_MAX_SLOWDOWN, None))
        w("### Correctness (BSBM)")
        w("")
        w("Expected = `count` of expected-counts-all50.tsv (oxigraph; equals Virtuoso's for every query but Q9).")
        w("")
        w("| engine | executions (warm-up + timed) | count ok | Q9 report-only | mismatches | errors / timeouts | reconnects | Q9 DESCRIBE triples (min–max) |")
        w("|---|--:|--:|--:|--:|--:|--:|---|")
        for eng, r in ((V, rv), (C, rc)):
            if not r:
                w("| %s | skipped | | | | | | |" % eng)
                continue
            ss = r["samples"]
            q9 = [s["count"] for s in ss if s["query"] == 9 and s["count"] is not None]
            w("| %s | %d | %d | %d | %s | %s | %d | %s |" % (
                eng, len(ss), sum(s["verdict"] == "ok" for s in ss),
                sum(s["verdict"] == "report-only" for s in ss),
                bold_nz(sum(s["verdict"] in ("MISMATCH", "unparsable", "no-expected") for s in ss)),
                bold_nz(sum(s["status"] != "ok" for s in ss) + len(r["errors"])), r["reconnects"],
                ("%d–%d" % (min(q9), max(q9))) if q9 else "–"))
        w("")
        w("Q9 (DESCRIBE) reference: oxigraph returns 6 triples per reviewer, Virtuoso 13–42 (it adds the "
          "incoming rev:reviewer triples); SPARQL leaves DESCRIBE content to the implementation.")
        w("")
        bad = [(eng, s) for eng, r in ((V, rv), (C, rc)) if r for s in r["samples"]
               if s["verdict"] not in ("ok", "report-only")]
        if bad:
            w("**Failing executions (first 30):**")
            w("")
            w("| engine | phase | run | client | mix | pos | query | count | expected | status |")
            w("|---|---|--:|---|--:|--:|---|--:|--:|---|")
            for eng, s in bad[:30]:
                w("| %s | %s | %s | %s | %s | %s | Q%s | %s | %s | %s %s |" % (
                    eng, s["phase"], s["run"], s["client"], s["mix"], s["pos"], s["query"], s["count"],
                    s["expected"], s["verdict"], (s["error"] or "")[:80].replace("|", "\\|")))
            w("")

    # ---------------- WatDiv
    wv, wc = res.get(("watdiv", V)), res.get(("watdiv", C))
    if wv or wc:
        any_r = wv or wc
        w("## WatDiv SF10 (20 templates × 5 instances)")
        w("")
        w("1 untimed pass over the 100 files, then %d timed passes; each template's **median** over its "
          "%d timed executions (ms, client-side; lower is better). Per-query timeout %g s; a timeout counts "
          "as its elapsed time, so a median marked ≥ is a lower bound. Ratio = cairn ÷ Virtuoso." % (
              any_r["passes"], 5 * any_r["passes"], any_r["timeout_s"]))
        w("")
        mv, mc = watdiv_medians(wv), watdiv_medians(wc)
        w("| template | expected counts n=1..5 | Virtuoso median | cairn median | cairn ÷ Virtuoso | V timeouts | C timeouts |")
        w("|---|---|--:|--:|--:|--:|--:|")
        exp_by_t = {}
        for s in any_r["samples"]:
            if s["phase"] == "warmup":
                exp_by_t.setdefault(s["template"], []).append(str(s["expected"]))
        worst = None
        for t in WATDIV_TEMPLATES:
            a, b = mv.get(t, (None, 0, 0)), mc.get(t, (None, 0, 0))
            fa = ("≥ " if a[1] * 2 > a[2] and a[2] else "") + fmt_ms(a[0]) if wv else "–"
            fb = ("≥ " if b[1] * 2 > b[2] and b[2] else "") + fmt_ms(b[0]) if wc else "–"
            w("| %s | %s | %s | %s | %s | %s | %s |" % (
                t, " ".join(exp_by_t.get(t, [])), fa, fb, fmt_ratio(b[0], a[0]),
                bold_nz(a[1]) if wv else "–", bold_nz(b[1]) if wc else "–"))
            if a[0] and b[0]:
                r = b[0] / a[0]
                if worst is None or r > worst[1]:
                    worst = (t, r)
        gv = geomean([mv[t][0] for t in WATDIV_TEMPLATES]) if wv else None
        gc = geomean([mc[t][0] for t in WATDIV_TEMPLATES]) if wc else None
        w("| **geometric mean (20)** | | **%s** | **%s** | **%s** | | |" % (fmt_ms(gv), fmt_ms(gc), fmt_ratio(gc, gv)))
        w("")
        w("Per template class (geometric mean of the class's template medians, ms):")
        w("")
        w("| class | templates | Virtuoso | cairn | cairn ÷ Virtuoso |")
        w("|---|---|--:|--:|--:|")
        for prefix, name in WATDIV_CLASSES:
            ts = [t for t in WATDIV_TEMPLATES if t.startswith(prefix)]
            cv = geomean([mv[t][0] for t in ts]) if wv else None
            cc = geomean([mc[t][0] for t in ts]) if wc else None
            w("| %s (%s) | %s–%s | %s | %s | %s |" % (prefix, name, ts[0], ts[-1], fmt_ms(cv), fmt_ms(cc),
                                                    fmt_ratio(cc, cv)))
            targets.append(("WatDiv class %s (%s) geomean: cairn ≤ Virtuoso" % (prefix, name),
                            ("%s ÷ %s = %s" % (fmt_ms(cc), fmt_ms(cv), fmt_ratio(cc, cv))) if cv and cc
                            else "needs both engines", "ratio ≤ 1",
                            (cc <= cv) if cv and cc else None))
        if worst:
            targets.append(("WatDiv template medians: no template > %g× Virtuoso" % TARGET_MAX_SLOWDOWN,
                            "worst %s: %.2f×" % worst, "≤ %g" % TARGET_MAX_SLOWDOWN, worst[1] <= TARGET_MAX_SLOWDOWN))
        else:
            targets.append(("WatDiv template medians: no template > %g× Virtuoso" % TARGET_MAX_SLOWDOWN,
                            "needs both engines", "≤ %g" % TARGET_MAX_SLOWDOWN, None))
        w("")
        w("### Correctness (WatDiv)")
        w("")
        w("| engine | executions (untimed + timed) | count ok | mismatches | errors | timeouts | reconnects |")
        w("|---|--:|--:|--:|--:|--:|--:|")
        for eng, r in ((V, wv), (C, wc)):
            if not r:
                w("| %s | skipped | | | | | |" % eng)
                continue
            ss = r["samples"]
            w("| %s | %d | %d | %s | %s | %s | %d |" % (
                eng, len(ss), sum(s["verdict"] == "ok" for s in ss),
                bold_nz(sum(s["verdict"] in ("MISMATCH", "unparsable") for s in ss)),
                bold_nz(sum(s["status"] not in ("ok", "timeout") for s in ss)),
                bold_nz(sum(s["status"] == "timeout" for s in ss)), r["reconnects"]))
        w("")
        bad = [(eng, s) for eng, r in ((V, wv), (C, wc)) if r for s in r["samples"] if s["verdict"] != "ok"]
        if bad:
            w("**Failing executions (first 30):**")
            w("")
            w("| engine | pass | file | count | expected | status |")
            w("|---|--:|---|--:|--:|---|")
            for eng, s in bad[:30]:
                w("| %s | %s | %s | %s | %s | %s %s |" % (eng, s["pass"], s["file"], s["count"], s["expected"],
                                                      s["verdict"], (s["error"] or "")[:80].replace("|", "\\|")))
            w("")

    # ---------------- targets
    w("## Targets (cairn vs Virtuoso)")
    w("")
    w("| target | value | goal | met |")
    w("|---|---|---|---|")
    for d, v, g, ok in targets:
        w("| %s | %s | %s | %s |" % (d, v, g, met(ok)))
    w("")
    return out


def cmd_report(args):
    meta = []
    with open(args.meta, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                meta.append(line.split("\t", 1))
    res = {}
    for path in args.result:
        with open(path, encoding="utf-8") as f:
            r = json.load(f)
        res[(r["dataset"], r["engine"], r.get("ack", "delayed"))] = r
    V, C = "virtuoso", "cairn"
    out = []
    w = out.append
    w("# Query benchmark (%s)" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    w("")
    if args.title_note:
        w("> %s" % args.title_note)
        w("")
    w("| | |")
    w("|---|---|")
    for k, v in meta:
        w("| %s | %s |" % (k, v))
    w("")
    invalid = [(k, r["invalid"]) for k, r in sorted(res.items()) if r.get("invalid")]
    if invalid:
        w("## **RUN INVALID: wrong result counts or failed queries**")
        w("")
        for (ds, eng, mode), n in invalid:
            w("- **%s / %s / %s ACKs: %d query executions with a wrong count or an error** (see the correctness "
              "sections and the TSV files)" % (ds, eng, mode, n))
        w("")
    else:
        w("All checked result counts match the expected counts (BSBM Q9 DESCRIBE: reported only).")
        w("")
    modes = sorted({k[2] for k in res}, key=lambda m: ACK_MODES.index(m))
    for mode in modes:
        sub = {(k[0], k[1]): r for k, r in res.items() if k[2] == mode}
        lines = render_sections(sub)
        if len(modes) > 1:
            w("## Client mode: %s" % ACK_MODES_DOC[mode])
            w("")
            lines = [("#" + l) if l.startswith("##") else l for l in lines]
        out.extend(lines)
    w("## Notes")
    w("")
    w("- Latency = client-side time from writing the request to reading the last response byte, over one "
      "HTTP/1.1 keep-alive connection per client to 127.0.0.1 (POST form `query=`; Accept "
      "application/sparql-results+json for SELECT, application/n-triples for CONSTRUCT/DESCRIBE). "
      "Result counting (JSON bindings; distinct non-empty N-Triples lines) is done outside the timing.")
    w("- Client modes: *standard* leaves the kernel's delayed ACKs on, as curl or any ordinary client "
      "does. Virtuoso 7.2 does not set TCP_NODELAY and writes larger responses as header + body, so on a "
      "reused keep-alive connection its body waits (Nagle) for the client's delayed ACK of the header "
      "segment: about 40 ms added to every such response (BSBM Q2 in particular). *TCP_QUICKACK* makes the "
      "client ACK every segment at once, which removes that stall and isolates the engines' own work. "
      "The same applies to cairn if its server does not set TCP_NODELAY.")
    w("- reconnects = times the server closed the keep-alive connection (or it dropped); the new "
      "connection's set-up is not timed, so a non-zero count means the figures flatter that server.")
    w("- The client is Python (`tests/bench/sparql_bench_client.py`) running on the same 2 cores as the "
      "server, so very short latencies include a constant client overhead that is the same for both engines.")
    w("- Percentiles are nearest-rank. With 50 samples (Q1, Q3, Q4, Q11, Q12 per 50 mixes) p99 is the "
      "maximum; with fewer mixes the percentiles are coarse.")
    w("- Figures from one run on one machine; compare within a report only.")
    text = "\n".join(out) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    sys.stdout.write(text)
    return 3 if invalid else 0


def bold_nz(n):
    return ("**%d**" % n) if n else "0"


# ------------------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p):
        p.add_argument("--endpoint", required=True, help="e.g. http://127.0.0.1:18890/sparql")
        p.add_argument("--default-graph", default=None, help="send default-graph-uri=IRI with every query")
        p.add_argument("--engine", required=True, help="label: virtuoso or cairn")
        p.add_argument("--out", required=True, help="JSON result file")
        p.add_argument("--tsv", default=None, help="also write every sample as TSV")
        p.add_argument("--quickack", action="store_true",
                       help="set TCP_QUICKACK after every recv (no delayed ACKs from the client)")

    p = sub.add_parser("bsbm")
    common(p)
    p.add_argument("--mixes-file", required=True)
    p.add_argument("--expected", required=True, help="expected-counts-all50.tsv")
    p.add_argument("--mixes", type=int, default=50)
    p.add_argument("--runs", type=int, default=1, help="timed passes per client configuration")
    p.add_argument("--no-warmup", dest="warmup", action="store_false")
    p.add_argument("--timeout", type=float, default=60.0, help="per-query timeout, s")
    p.set_defaults(func=cmd_bsbm)

    p = sub.add_parser("watdiv")
    common(p)
    p.add_argument("--queries", required=True, help="directory with <T>-<n>.rq")
    p.add_argument("--expected", required=True, help="expected-counts.tsv")
    p.add_argument("--passes", type=int, default=5, help="timed passes (after 1 untimed pass)")
    p.add_argument("--timeout", type=float, default=60.0, help="per-query timeout, s")
    p.set_defaults(func=cmd_watdiv)

    p = sub.add_parser("report")
    p.add_argument("--meta", required=True, help="TSV of key<TAB>value lines for the header table")
    p.add_argument("--result", action="append", default=[], help="JSON from bsbm/watdiv (repeatable)")
    p.add_argument("--out", default=None, help="Markdown file (also printed to stdout)")
    p.add_argument("--title-note", default=None)
    p.set_defaults(func=cmd_report)

    args = ap.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
