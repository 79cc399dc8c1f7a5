#!/usr/bin/env python3
"""Draws docs/benchmarks.svg from the committed results (Python standard library only).

    python3 jwt-extended-bench/scripts/chart.py [results-dir] [out.svg]

Reads results-dir/jmh.json (JMH -rf json), and when present results-dir/ratios.json
(InterleavedRatios) and results-dir/http.json (HttpLoad). Panels: HS256 verify throughput per
library, first sight and repeated (JMH); the interleaved ratios to the JDK floor with the targets;
asymmetric verification (JMH); HTTP requests per second per route and the protected routes' ratios
to the open route with the targets (wrk).
"""
import json
import math
import os
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "results")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "..", "docs", "benchmarks.svg")

WIDTH = 1000
BAR_H = 16
GAP = 5
LEFT = 300
RIGHT = 300
COLORS = {"first-sight": "#4c72b0", "repeated": "#dd8452", "": "#55a868"}


def load(name):
    path = os.path.join(RESULTS, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def alloc(entry):
    sec = entry.get("secondaryMetrics", {})
    for key in ("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm"):
        if key in sec:
            return sec[key]["score"]
    return None


def panel(title, rows, unit, y, marks=(), log=False):
    """rows: (label, value, colour, note); marks: (value, label) vertical lines; log: log10 axis."""
    out = ['<text x="10" y="%d" font-size="15" font-weight="bold">%s</text>' % (y + 16, escape(title))]
    y += 28
    top = y
    span = WIDTH - LEFT - RIGHT
    values = [r[1] for r in rows if r[1] > 0] + [m[0] for m in marks]
    if log:
        lo = 10 ** math.floor(math.log10(min(values)))
        hi = max(values) * 1.5

        def pos(v):
            return span * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        unit += " (log scale, axis from %g)" % lo
    else:
        vmax = max(values) * 1.05 or 1

        def pos(v):
            return span * v / vmax
    for label, value, colour, note in rows:
        w = max(1, pos(value))
        out.append('<text x="%d" y="%d" font-size="12" text-anchor="end">%s</text>' % (LEFT - 6, y + 12, escape(label)))
        out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (LEFT, y, w, BAR_H, colour))
        out.append('<text x="%.1f" y="%d" font-size="11">%s</text>' % (LEFT + w + 4, y + 12, escape(note)))
        y += BAR_H + GAP
    for value, label in marks:
        x = LEFT + pos(value)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#c44e52" stroke-dasharray="4,3"/>' % (x, top - 4, x, y))
        out.append('<text x="%.1f" y="%d" font-size="10" fill="#c44e52">%s</text>' % (x + 2, y + 10, escape(label)))
    out.append('<text x="%d" y="%d" font-size="10" fill="#666">%s</text>' % (LEFT, y + (22 if marks else 10), escape(unit)))
    return out, y + (36 if marks else 24)


def short(name):
    return name.rsplit(".", 2)[-2].replace("Benchmark", "") + "." + name.rsplit(".", 1)[-1]


def main():
    jmh = load("jmh.json") or []
    ratios = load("ratios.json")
    http = load("http.json")
    parts = []
    y = 10

    verify = [e for e in jmh if ".Hs256VerifyBenchmark." in e["benchmark"]]
    order = ["jdkFloor", "jwtExtended", "auth0", "jjwt", "nimbus"]
    rows = []
    for mode in ("first-sight", "repeated"):
        for lib in order:
            for e in verify:
                if e["benchmark"].endswith("." + lib) and e["params"].get("tokens") == mode:
                    a = alloc(e)
                    rows.append(("%s, %s" % (lib, mode), e["primaryMetric"]["score"], COLORS[mode],
                                 "%.0f ops/s%s" % (e["primaryMetric"]["score"], "" if a is None else ", %.0f B/op" % a)))
    if rows:
        p, y = panel("HS256 verify with claims (JMH, one fork, higher is better)", rows, "operations per second", y, log=True)
        parts += p

    if ratios:
        rows = [(r["name"], r["ratioToFloor"], COLORS["repeated" if "repeated" in r["name"] else "first-sight"],
                 "%.2fx (%.2f-%.2f)" % (r["ratioToFloor"], r["ratioP25"], r["ratioP75"])) for r in ratios["results"]]
        p, y = panel("HS256 verify, interleaved rounds: throughput / JDK floor first-sight (median, 25th-75th)",
                     rows, "ratio to the JDK floor (first sight) in the same round", y,
                     marks=((0.75, "0.75x target"), (2.0, "2x target (repeated)")), log=True)
        parts += p

    asym = [e for e in jmh if ".AsymmetricVerifyBenchmark." in e["benchmark"]]
    if asym:
        rows = [("%s, %s" % (e["params"]["alg"], e["params"]["tokens"]), e["primaryMetric"]["score"],
                 COLORS[e["params"]["tokens"]], "%.0f ops/s" % e["primaryMetric"]["score"]) for e in asym]
        p, y = panel("jwt-extended verify, public-key algorithms (JMH)", rows, "operations per second", y, log=True)
        parts += p

    create = [e for e in jmh if ".Hs256CreateBenchmark." in e["benchmark"]]
    if create:
        rows = [(short(e["benchmark"]), e["primaryMetric"]["score"], COLORS[""], "%.0f ops/s" % e["primaryMetric"]["score"])
                for e in create]
        p, y = panel("HS256 create (JMH)", rows, "operations per second", y)
        parts += p

    if http:
        def label(r):
            server = r["server"].replace("revocation store, ", "").replace(" (default)", "").replace(", in-memory store", "")
            request = r["request"].replace(" with the same Authorization header", " + same header")
            return "%s: %s" % (server, request)

        rows = [(label(r), r["requestsPerSecond"],
                 COLORS[""] if "(open)" in r["request"] else COLORS["first-sight"],
                 "%d req/s, p50 %.2f ms, p99 %.2f ms, %.2fx open" % (r["requestsPerSecond"], r["p50Millis"], r["p99Millis"], r["ratioToOpen"]))
                for r in http["results"]]
        p, y = panel("Example server over loopback (wrk, median of rounds)", rows, "requests per second", y)
        parts += p
        rows = [(label(r), r["ratioToOpen"], COLORS["first-sight"], "%.2fx" % r["ratioToOpen"])
                for r in http["results"] if "/protected" in r["request"]]
        p, y = panel("Protected route / open route of the same server (median of per-round ratios)", rows,
                     "ratio to GET /ping in the same round", y, marks=((0.85, "0.85x (Redis near cache)"), (0.9, "0.9x target")))
        parts += p

    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">' % (WIDTH, y + 10),
           '<rect width="100%" height="100%" fill="white"/>'] + parts + ["</svg>"]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")
    print("wrote", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
