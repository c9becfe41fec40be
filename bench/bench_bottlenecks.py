"""Benchmark: the whole bottleneck analysis on generated organisations, against plain networkx.

Times ``orggraph.analysis.bottlenecks.bottlenecks(G)`` (everything: exact reach and weighted reach,
exact single-point-of-failure cascades for every sole provider, dominators, articulation points,
betweenness, load, ranking and every entry's sentence; ``top=None`` so all entries are built) on
organisations from ``orggraph.generate.generate_org`` of 10k and 100k people, and the same with
exact betweenness. Beside it, the time of plain ``networkx.betweenness_centrality(G)`` (exact,
unweighted) on the same graph: what a user writing it by hand would wait. That takes minutes at
100k; ``--skip-networkx-above N`` skips it above N people (the table says so). The organisation
and graph are built once per size and are not timed. Prints a markdown table: median of
``--repeat`` runs in this process.

On graphs of 200,000 nodes plus edges or more (about 20,000 people) the reach closure and the
betweenness estimate run compiled (numba). ``--level team`` or ``department`` times the analysis
of the rolled-up graph instead. ``--fresh`` also times the first
analysis in a new Python process, twice: with an empty numba cache (the first run on a machine,
which compiles the kernel) and then with that cache (any later new process: numba's import and
the cached machine code).

Run:  .venv/bin/python bench/bench_bottlenecks.py [--sizes 10000 100000] [--repeat 3]
          [--skip-networkx-above 20000] [--skip-exact-above 20000] [--fresh] [--level person]
Targets (2-core machine): whole analysis under 2 s at 10k (exact betweenness under 10 s) and
under 10 s at 100k.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import networkx as nx

from orggraph import build_graph
from orggraph.analysis.bottlenecks import bottlenecks
from orggraph.generate import generate_org

FRESH_RUN = """
import sys, time
from orggraph import build_graph
from orggraph.analysis.bottlenecks import bottlenecks
from orggraph.generate import generate_org
from orggraph.generate import generate_org
G = build_graph(generate_org(people=int(sys.argv[1]), seed=int(sys.argv[2])))
start = time.perf_counter()
bottlenecks(G, level=sys.argv[3])
print(time.perf_counter() - start)
"""


def fresh_runs(people: int, seed: int, level: str) -> tuple[float, float]:
    """The first analysis in a new process: with an empty numba cache, then with that cache."""
    times = []
    with tempfile.TemporaryDirectory() as cache:
        for _ in range(2):
            done = subprocess.run(
                [sys.executable, "-c", FRESH_RUN, str(people), str(seed), level],
                env={**os.environ, "NUMBA_CACHE_DIR": cache},
                capture_output=True,
                text=True,
                check=True,
            )
            times.append(float(done.stdout))
    return times[0], times[1]


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--skip-networkx-above",
        type=int,
        default=20_000,
        help="skip plain networkx exact betweenness above this many people",
    )
    parser.add_argument(
        "--skip-exact-above",
        type=int,
        default=20_000,
        help="skip our analysis with exact betweenness above this many people",
    )
    parser.add_argument("--level", choices=("person", "team", "department"), default="person")
    parser.add_argument("--fresh", action="store_true", help="also time the first run in new processes")
    args = parser.parse_args()

    rows = []
    for people in args.sizes:
        G = build_graph(generate_org(people=people, seed=args.seed))
        whole, report = timed(lambda G=G: bottlenecks(G, level=args.level), args.repeat)
        exact = "skipped"
        if people <= args.skip_exact_above:
            t, _ = timed(lambda G=G: bottlenecks(G, level=args.level, betweenness_samples="exact"), 1)
            exact = f"{t:.2f} s"
        plain = "skipped"
        if people <= args.skip_networkx_above:
            t, _ = timed(lambda G=G: nx.betweenness_centrality(G), 1)
            plain = f"{t:.1f} s"
        fresh = "-"
        if args.fresh:
            compiling, cached = fresh_runs(people, args.seed, args.level)
            fresh = f"{compiling:.2f} s / {cached:.2f} s"
        top = report.entries[0]
        rows.append(
            f"| {people:,} | {report.units:,} | {G.number_of_edges():,} | {whole:.2f} s "
            f"| {fresh} | {report.betweenness.samples or 'exact'} | {exact} | {plain} "
            f"| {top.id} ({top.failed_if_lost:,} fail if lost) |"
        )
    print(f"Command: {' '.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}")  # noqa: T201
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")  # noqa: T201
    runs = f"median of {args.repeat} runs of bottlenecks(G, level={args.level!r})"
    print(f"Organisations: generate_org(seed={args.seed}); {runs}\n")  # noqa: T201
    header = (
        "| people | nodes analysed | unit edges | whole analysis | new process: empty / warm numba cache "
        "| betweenness samples | with exact betweenness "
        "| plain networkx exact betweenness | top bottleneck |"
    )
    print(header)  # noqa: T201
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")  # noqa: T201
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
