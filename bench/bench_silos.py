"""Benchmark: the whole silo analysis on generated organisations.

Times ``orggraph.analysis.silos.silos(G)`` (E-I indexes, boundary spanners and sole links,
reach of the customer, Louvain communities against departments with modularity and NMI,
Gould-Fernandez brokerage and Burt's constraint for every person, and the ranked findings) on
generated organisations of 10k and 100k people. The organisation and graph are built once per
size and are not timed. Prints a markdown table: median of ``--repeat`` runs.

Run:  .venv/bin/python bench/bench_silos.py [--sizes 10000 100000] [--repeat 5] [--level department]
Targets (2-core machine): under 2 s at 10k people, under 10 s at 100k.

Organisations come from ``orggraph.generate.generate_org`` (seed 0), as ``orggraph generate`` makes them.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time

from orggraph import build_graph
from orggraph.analysis.silos import silos
from orggraph.generate import generate_org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--level", choices=("department", "team"), default="department")
    parser.add_argument("--method", choices=("leiden", "louvain"), default="leiden")
    args = parser.parse_args()
    targets = {10_000: 2.0, 100_000: 10.0}
    rows = []
    for people in args.sizes:
        G = build_graph(generate_org(people, seed=0))
        times = []
        report = None
        for _ in range(args.repeat):
            start = time.perf_counter()
            report = silos(G, level=args.level, method=args.method)
            times.append(time.perf_counter() - start)
        assert report is not None
        target = targets.get(people)
        median = statistics.median(times)
        rows.append(
            f"| {people:,} | {G.number_of_edges():,} | {report.group_count} | {report.community_count} | "
            f"{report.nmi:.3f} | {median:.2f} s | {min(times):.2f} s | "
            f"{'under ' + str(target) + ' s: ' + ('yes' if median < target else 'NO') if target else '-'} |"
        )
    print(f"Command: `{' '.join([sys.executable.split('/')[-1], *sys.argv])}`  ")  # noqa: T201
    machine = f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    setup = f"level: {args.level}; communities: {args.method}; median of {args.repeat} runs"
    print(f"Machine: {machine}; data: orggraph.generate.generate_org(seed=0); {setup}\n")  # noqa: T201
    print("| people | ties | groups | communities | NMI | median | best | target |")  # noqa: T201
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")  # noqa: T201
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
