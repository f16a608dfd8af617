#!/usr/bin/env python3
"""Markdown report for tests/bench/http_bench.sh: reads its meta and per-point TSV files."""
import argparse
import csv
import sys

p = argparse.ArgumentParser()
p.add_argument("--meta", required=True)
p.add_argument("--tsv", required=True)
p.add_argument("--out", required=True)
a = p.parse_args()

meta, queries = [], {}
with open(a.meta, encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if parts[0].startswith("query "):
            queries[parts[0][6:]] = parts[1:]
        else:
            meta.append((parts[0], "\t".join(parts[1:])))
with open(a.tsv, encoding="utf-8") as f:
    rows = list(csv.DictReader(f, delimiter="\t"))

engines = []
for r in rows:
    if r["engine"] not in engines:
        engines.append(r["engine"])
cairns = [e for e in engines if e != "virtuoso"]
has_virt = "virtuoso" in engines
pt = {(r["query"], int(r["conns"]), r["engine"]): r for r in rows}
conns = sorted({int(r["conns"]) for r in rows})


def rps(r):
    return int(r["requests"]) / (int(r["duration_us"]) / 1e6)


def ms(r, k):
    return int(r[k]) / 1000.0


def errs(r):
    return int(r["connect"]) + int(r["read"]) + int(r["write"]) + int(r["timeout"])


def ratio(x, y):
    return f"{x / y:.2f}" if y else "n/a"


def fmt_ms(v):
    return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 100 else f"{v:.0f}"


out = []
w = out.append
w("# HTTP benchmark: cairn serve vs Virtuoso /sparql under wrk (BSBM 1M)\n")
if not has_virt:
    w("**Not a comparison: Virtuoso was skipped.**\n")
w("| | |\n|---|---|")
for k, v in meta:
    w(f"| {k} | {v} |")
w("")
w("Requests/s: higher is better. Latency: client-side (wrk), request written to response read, lower is better.")
w("Errors: *non-2xx* is wrk's count of responses with status >= 400; *socket* is connect + read + write +")
w("timeout errors (a read error is a connection closed or reset before a complete response).")
w("*Peak RSS* is the server's VmHWM during the point (reset through /proc/PID/clear_refs before it).")
w("*Other CPU* is the machine's busy CPU during the point minus the server's and wrk's, as a share of")
w("all cores: work by other processes that disturbed the point.\n")

targets = []
for q, (label, nrows, text) in queries.items():
    w(f"## {label}: {nrows} rows\n")
    w("```sparql\n" + text.strip() + "\n```\n")
    w("| conns | engine | req/s | p50 ms | p99 ms | p99.9 ms | non-2xx | socket errors (c/r/w/t) | 499 in access log | peak RSS MiB | server CPU % | wrk CPU % | other CPU % | load1 |")
    w("|--:|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|")
    for c in conns:
        for e in engines:
            r = pt.get((q, c, e))
            if not r:
                continue
            sock = f"{errs(r)} ({r['connect']}/{r['read']}/{r['write']}/{r['timeout']})"
            aborted = "-" if e == "virtuoso" else r["aborted_499"]
            w(f"| {c} | {e} | {rps(r):,.0f} | {fmt_ms(ms(r, 'lat_p50_us'))} | {fmt_ms(ms(r, 'lat_p99_us'))} | "
              f"{fmt_ms(ms(r, 'lat_p999_us'))} | {r['status']} | {sock} | {aborted} | {int(r['hwm_kb']) / 1024:.0f} | "
              f"{r['server_cpu_pct']} | {r['wrk_cpu_pct']} | {r['other_cpu_pct']} | {r['load1']} |")
    w("")
    if has_virt:
        w("Ratios cairn ÷ Virtuoso (req/s: higher is better; latency: lower is better):\n")
        w("| conns | engine | req/s ratio | p50 ratio | p99 ratio |")
        w("|--:|---|--:|--:|--:|")
        for c in conns:
            v = pt.get((q, c, "virtuoso"))
            for e in cairns:
                r = pt.get((q, c, e))
                if not (r and v):
                    continue
                w(f"| {c} | {e} | {ratio(rps(r), rps(v))} | {ratio(ms(r, 'lat_p50_us'), ms(v, 'lat_p50_us'))} | "
                  f"{ratio(ms(r, 'lat_p99_us'), ms(v, 'lat_p99_us'))} |")
                targets.append((q, c, e, rps(r), rps(v)))
        w("")

w("## Targets (issue 5)\n")
w("| target | engine | result |")
w("|---|---|---|")
for e in cairns:
    if has_virt:
        mine = [t for t in targets if t[2] == e]
        behind = [f"{t[0]} at {t[1]}: {t[3] / t[4]:.2f}×" for t in mine if t[3] <= t[4]]
        verdict = "**met**" if mine and not behind else "**missed**: " + "; ".join(behind)
        w(f"| cairn ahead of Virtuoso in req/s at every concurrency, both queries | {e} | {verdict} |")
    top = max(conns)
    bad = []
    for q in queries:
        r = pt.get((q, top, e))
        if r and (int(r["status"]) or errs(r)):
            bad.append(f"{q}: {r['status']} non-2xx, {errs(r)} socket errors ({r['aborted_499']} logged 499)")
    w(f"| no errors at {top} connections | {e} | " + ("**met**" if not bad else "**missed**: " + "; ".join(bad)) + " |")
    peaks = [int(pt[(q, top, e)]["hwm_kb"]) / 1024 for q in queries if (q, top, e) in pt]
    if peaks:
        verdict = "**met**" if max(peaks) < 1024 else "**missed**"
        w(f"| bounded memory at {top} connections: peak RSS < 1 GiB | {e} | {verdict}: peak {max(peaks):.0f} MiB |")
w("")
with open(a.out, "w", encoding="utf-8") as f:
    f.write("\n".join(out))
sys.stdout.write("\n".join(out))
