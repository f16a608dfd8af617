#!/usr/bin/env python3
"""Markdown report for tests/bench/update_bench.sh: reads its meta and per-step TSV files."""
import argparse
import csv
import statistics
import sys

p = argparse.ArgumentParser()
p.add_argument("--meta", required=True)
p.add_argument("--tsv", required=True)
p.add_argument("--out", required=True)
p.add_argument("--invalid", default="0")
a = p.parse_args()

with open(a.meta, encoding="utf-8") as f:
    meta = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
with open(a.tsv, encoding="utf-8") as f:
    rows = list(csv.DictReader(f, delimiter="\t"))

STEPS = [
    ("one", "INSERT DATA, 100,000 triples in one request", 100000),
    ("gsp", "Graph Store POST of the same 100,000 triples (text/turtle, one request)", 100000),
    ("chunks", "INSERT DATA, the same 100,000 triples as 100 requests of 1,000", 100000),
    ("delete", "DELETE WHERE of a 100,000-triple pattern", 100000),
    ("drop", "DROP GRAPH of the 1,023,143-triple BSBM graph", 1023143),
]
engines = [e for e in ("cairn", "virtuoso") if any(r["engine"] == e for r in rows)]
runs = sorted({int(r["run"]) for r in rows})


def pick(eng, step):
    return [r for r in rows if r["engine"] == eng and r["step"] == step]


def med(vals):
    return statistics.median(vals) if vals else None


def summary(eng, step):
    rs = pick(eng, step)
    if not rs:
        return None
    ok = [r for r in rs if int(r["failed"]) == 0]
    return {
        "n": len(rs),
        "ok": len(ok),
        "wall": med([float(r["wall_s"]) for r in ok]),
        "hwm": med([int(r["hwm_kb"]) / 1024 for r in rs]),
        "delta": med([(int(r["hwm_kb"]) - int(r["rss_before_kb"])) / 1024 for r in rs]),
        "cpu": med([float(r["server_cpu_s"]) for r in ok]),
        "p50": med([float(r["req_p50_s"]) for r in ok]),
        "statuses": ",".join(sorted({r["statuses"] for r in rs})),
        "error": next((r["first_error"] for r in rs if r["first_error"]), ""),
    }


def f_s(v):
    return "—" if v is None else (f"{v:.3f}" if v < 10 else f"{v:.1f}")


def ratio(x, y):
    return "n/a" if x is None or y in (None, 0) else f"{x / y:.2f}"


out = []
w = out.append
w("# Update benchmark: cairn serve vs Virtuoso 7.2 through their HTTP endpoints\n")
if a.invalid != "0":
    w("**RUN INVALID: a store held the wrong number of triples after a step (see the per-run table).**\n")
if len(engines) < 2:
    w("**Not a comparison: one engine was skipped.**\n")
w("| | |\n|---|---|")
for k, v in meta:
    w(f"| {k} | {v} |")
w("")
w(f"Medians over {len(runs)} run(s), each on fresh stores holding BSBM 1M in a named graph. *wall s*: client-side, "
  "first request byte to last response byte (for the 100 requests: all of them, one after the other); lower is "
  "better. *peak RSS*: the server's VmHWM during the step (reset before it); *Δ RSS*: that peak minus the RSS "
  "just before the step; lower is better. *server CPU s*: the server's user + system CPU during the step. A "
  "step whose request was refused has no time; its error is shown.\n")
w("| step | engine | ok runs | wall s | triples/s | peak RSS MiB | Δ RSS MiB | server CPU s | HTTP status | error |")
w("|---|---|--:|--:|--:|--:|--:|--:|---|---|")
for step, label, n in STEPS:
    for e in engines:
        s = summary(e, step)
        if not s:
            continue
        rate = f"{n / s['wall']:,.0f}" if s["wall"] else "—"
        w(f"| {step}: {label} | {e} | {s['ok']}/{s['n']} | {f_s(s['wall'])} | {rate} | {s['hwm']:.0f} | "
          f"{s['delta']:.0f} | {f_s(s['cpu'])} | {s['statuses']} | {s['error']} |")
w("")
if len(engines) == 2:
    w("Ratios cairn ÷ Virtuoso (lower is better for all three):\n")
    w("| step | wall s | peak RSS | Δ RSS |")
    w("|---|--:|--:|--:|")
    for step, label, n in STEPS:
        c, v = summary("cairn", step), summary("virtuoso", step)
        if c and v and c["ok"] and v["ok"]:
            w(f"| {step} | {ratio(c['wall'], v['wall'])} | {ratio(c['hwm'], v['hwm'])} | {ratio(c['delta'], v['delta'])} |")
        elif c and v:
            who = " and ".join(e for e, s in (("cairn", c), ("Virtuoso", v)) if not s["ok"])
            w(f"| {step} | n/a: refused by {who} | | |")
    w("")
    w("For the 100 requests of 1,000 triples, the median request took "
      + "; ".join(f"{e} {1000 * summary(e, 'chunks')['p50']:.1f} ms" for e in engines
                  if summary(e, "chunks") and summary(e, "chunks")["p50"] is not None) + ".\n")
w("## Every run\n")
w("| run | engine | step | requests | refused | wall s | median request s | RSS before MiB | peak RSS MiB | RSS after MiB | server CPU s | load1 | triples after: bsbm / one / gsp / chunks |")
w("|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|")
for r in rows:
    w(f"| {r['run']} | {r['engine']} | {r['step']} | {r['requests']} | {r['failed']} | {r['wall_s']} | {r['req_p50_s']} | "
      f"{int(r['rss_before_kb']) / 1024:.0f} | {int(r['hwm_kb']) / 1024:.0f} | {int(r['rss_after_kb']) / 1024:.0f} | "
      f"{r['server_cpu_s']} | {r['load1']} | {r['count_bsbm']} / {r['count_one']} / {r['count_gsp']} / {r['count_chunks']} |")
w("")
with open(a.out, "w", encoding="utf-8") as f:
    f.write("\n".join(out))
sys.stdout.write("\n".join(out))
