#!/usr/bin/env python3
"""Every full run in bench/results/ as one Markdown table, oldest first: `python3 bench/runs.py [N]`.

Reads the results files run.sh wrote (N customers, default 1000000) and prints, per run, the figures the targets of
issue 4 judge. The commit is the one each file names: the repository's HEAD when the run started (some runs measured
changes not yet committed; their notes say so). A figure a file does not have is "–".
"""
import glob
import os
import re
import sys

SCENARIOS = {
    "first": "(a) list, first page",
    "deep": "(a) list, deep page",
    "search": "(b) fuzzy search",
    "get": "(c) get by id",
    "create": "(d) create",
    "import": "(e) CSV import",
    "export": "(f) CSV export",
    "rss": "API peak RSS",
}


def cells(text, label):
    for line in text.splitlines():
        if line.startswith("| " + label):
            return [c.strip() for c in line.strip().strip("|").split("|")]
    return None


def at(row, i):
    return row[i] if row and len(row) > i and row[i] else "–"


def p95(row):
    parts = at(row, 2).split("/")
    return parts[1].strip() if len(parts) == 3 else "–"


def first(pattern, text):
    m = re.search(pattern, text)
    return m.group(1) if m else "–"


def main():
    n = sys.argv[1] if len(sys.argv) > 1 else "1000000"
    here = os.path.dirname(os.path.abspath(__file__))
    files = sorted(f for f in glob.glob(os.path.join(here, "results", f"*-{n}.md")) if "explain" not in f)
    print("| run (UTC) | commit | CPU | list first: req/s (ratio) | deep (ratio) | search p95 ms | "
          "get: req/s (ratio) | create: req/s / pgbench tps (ratio) | import | export rows/s | peak RSS |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for path in files:
        text = open(path, encoding="utf-8").read()
        r = {k: cells(text, v) for k, v in SCENARIOS.items()}
        name = os.path.basename(path)
        run = first(r"(?m)^Run (\S+) UTC", text)
        cpu = first(r"2 cores \((Intel|AMD)", text)
        imp = at(r["import"], 2)
        imp = first(r"([\d.]+ s)", imp) + " (" + first(r"(\d+) rows/s", imp) + " rows/s)" if imp != "–" else "–"
        export = first(r"(\d+) rows/s", at(r["export"], 2))
        rss = first(r"(\d+ MB)", r["rss"][-1]) if r["rss"] else "–"
        print(f"| [{run}](results/{name}) | `{first(r'commit `([0-9a-f]+)`', text)}` | {cpu} "
              f"| {at(r['first'], 1)} ({at(r['first'], 5)}) | {at(r['deep'], 1)} ({at(r['deep'], 5)}) | {p95(r['search'])} "
              f"| {at(r['get'], 1)} ({at(r['get'], 5)}) | {at(r['create'], 1)} / {at(r['create'], 3)} ({at(r['create'], 5)}) "
              f"| {imp} | {export} | {rss} |")


if __name__ == "__main__":
    main()
