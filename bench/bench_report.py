"""Benchmark: the organisation health report, from graph to HTML page, on generated organisations.

Times, separately, the analyses behind the report (``orggraph.report.run_analyses``: bottlenecks,
chains, silos), condensing them (``health_report`` with the analyses given), the Graphviz diagrams
(``viz.report.report_diagrams``) and the page (``render_report_html``). The organisation and graph
are built once per size and are not timed. Prints a markdown table: median of ``--repeat`` runs.

Run:  .venv/bin/python bench/bench_report.py [--sizes 1000 10000] [--repeat 3]
Target (2-core machine): the whole report under 30 s at 10k people (it is a batch job).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time

import networkx as nx

from orggraph import build_graph
from orggraph.generate import generate_org
from orggraph.report import health_report, run_analyses
from viz.report import render_report_html, report_diagrams


def _run_once(G: nx.DiGraph, seed: int) -> dict[str, float]:
    """Seconds taken by each step of one report."""
    times = {}
    start = time.perf_counter()
    analyses = run_analyses(G, seed=seed)
    times["analyses"], start = time.perf_counter() - start, time.perf_counter()
    report = health_report(G, analyses=analyses)
    times["report"], start = time.perf_counter() - start, time.perf_counter()
    diagrams = report_diagrams(G, report)
    times["diagrams"], start = time.perf_counter() - start, time.perf_counter()
    render_report_html(report, diagrams=diagrams)
    times["page"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rows = []
    for people in args.sizes:
        G = build_graph(generate_org(people, seed=args.seed))
        gc.collect()
        runs = [_run_once(G, args.seed) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        total = statistics.median(sum(r.values()) for r in runs)
        rows.append(
            f"| {people:,} | {G.number_of_nodes():,} | {G.number_of_edges():,} | {med['analyses']:.2f} s "
            f"| {med['report']:.3f} s | {med['diagrams']:.2f} s | {med['page']:.3f} s | {total:.2f} s |"
        )
    print(f"Command: {' '.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}")  # noqa: T201
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {python}")  # noqa: T201
    print(f"Organisations: generate_org(N, seed={args.seed}); median of {args.repeat} runs\n")  # noqa: T201
    print("| people | units | edges | analyses | report | diagrams | page | total |")  # noqa: T201
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")  # noqa: T201
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
