"""Benchmark: critical chains, loops and line of sight on generated organisations.

Times ``orggraph.analysis.chains.chains(G)`` (everything: all front-line chains, the top chains
with their weakest links and supply, circular dependencies, line of sight for every unit) on
generated organisations of 10k and 100k people. The organisation and graph are built once per
size and are not timed. Prints a markdown table: median of ``--repeat`` runs.

Run:  .venv/bin/python bench/bench_chains.py [--sizes 10000 100000] [--repeat 5]
Targets (2-core machine): under 1 s at 10k people, under 10 s at 100k.

Organisations come from ``orggraph.generate.generate_org`` (seeded: departments, spans of 5-10,
about 10% front line, about five dependencies a person, hub providers, a few deliberate loops).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time

from orggraph import build_graph
from orggraph.analysis.chains import chains
from orggraph.generate import generate_org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rows = []
    for people in args.sizes:
        G = build_graph(generate_org(people, seed=args.seed))
        gc.collect()  # settle the garbage of building the graph so the first run does not pay for it
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            report = chains(G)
            times.append(time.perf_counter() - start)
        loops = report.cycles
        rows.append(
            f"| {people:,} | {G.number_of_nodes():,} | {G.number_of_edges():,} | {len(report.front_line):,} "
            f"| {len(loops)} (largest {max((len(c.members) for c in loops), default=0):,}) "
            f"| {report.critical[0].total_hours if report.critical else 0:g} h "
            f"| {statistics.median(times):.2f} s | {min(times):.2f} s |"
        )
    print(f"Command: {' '.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}")  # noqa: T201
    python = f"{platform.python_implementation()} {platform.python_version()}"
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, {python}"
    print(f"Machine: {machine}")  # noqa: T201
    print(f"Organisations: generate_org(N, seed={args.seed}); median of {args.repeat} runs of chains(G)\n")  # noqa: T201
    print("| people | units | edges | front line | loops | top chain | median | best |")  # noqa: T201
    print("|---:|---:|---:|---:|---|---:|---:|---:|")  # noqa: T201
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
