"""Benchmark: the whole bottleneck analysis on generated organisations, against plain networkx.

Times ``orggraph.analysis.bottlenecks.bottlenecks(G)`` (everything: exact reach and weighted reach,
exact single-point-of-failure cascades for every sole provider, dominators, articulation points,
betweenness, load, ranking and every entry's sentence; ``top=None`` so all entries are built) on
generated organisations of 10k and 100k people, and the same with exact betweenness. Beside it,
the time of plain ``networkx.betweenness_centrality(G)`` (exact, unweighted) on the same graph:
what a user writing it by hand would wait. That takes minutes at 100k; ``--skip-networkx-above N``
skips it above N people (the table says so). The organisation and graph are built once per size
and are not timed. Prints a markdown table: median of ``--repeat`` runs.

Run:  .venv/bin/python bench/bench_bottlenecks.py [--sizes 10000 100000] [--repeat 3]
          [--skip-networkx-above 20000] [--skip-exact-above 20000]
Targets (2-core machine): whole analysis under 2 s at 10k (exact betweenness under 10 s) and
under 10 s at 100k.

Uses ``orggraph.generate.generate_org`` when it exists; until then a stand-in generator below
(departments, teams of about 8 under a manager, about 10% front line, five dependencies a
person, capabilities with and without backups, hub providers such as payroll and the IT desk).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time

import networkx as nx

from orggraph import Capability, Dependency, Org, Unit, build_graph
from orggraph.analysis.bottlenecks import bottlenecks

CADENCES = ("daily", "weekly", "weekly", "monthly", "monthly", "quarterly")
CRITICALITY = ("low", "medium", "medium", "high", "critical")


def standin_org(people: int, seed: int = 0) -> Org:
    """A seeded organisation of ``people`` units (stand-in for generate_org)."""
    rng = random.Random(seed)
    n_dept = max(10, people // 800)
    uid = [f"p{i:06d}" for i in range(people)]
    members: list[list[int]] = [[] for _ in range(n_dept)]
    for i in range(people):
        members[i % n_dept].append(i)
    front = set(members[0]) | set(members[1])
    units = []
    for d, ms in enumerate(members):
        for k, i in enumerate(ms):
            boss = ms[(k // 8) * 8] if k % 8 else (ms[((k // 8) // 8) * 8] if k else None)
            units.append(
                Unit(
                    id=uid[i],
                    name=f"Person {i}",
                    department=f"dept-{d:03d}",
                    manager=uid[boss] if boss is not None and boss != i else None,
                    front_line=i in front,
                )
            )
    caps = [
        Capability(id="payroll-run", name="Payroll run", providers=(uid[members[2][0]],)),
        Capability(id="it-desk", name="IT service desk", providers=(uid[members[3][0]], uid[members[3][1]])),
    ]
    dept_caps: list[list[str]] = [[] for _ in range(n_dept)]
    for d, ms in enumerate(members):
        for j in range(0, len(ms), 10):  # one capability per ten people, a third with backups
            providers = tuple(dict.fromkeys(rng.sample(ms, 1 if rng.random() < 0.67 else 2)))
            cid = f"cap-{d:03d}-{j:05d}"
            caps.append(
                Capability(id=cid, name=f"Capability {d}-{j}", providers=tuple(uid[p] for p in providers))
            )
            dept_caps[d].append(cid)
    deps = []
    for i in range(people):
        d = i % n_dept
        ms = members[d]
        for t in sorted({rng.choice(ms) for _ in range(2)} - {i}):
            deps.append(
                Dependency(
                    consumer=uid[i],
                    provider=uid[t],
                    cadence=rng.choice(CADENCES),
                    criticality=rng.choice(CRITICALITY),
                )
            )
        for cid in sorted({rng.choice(dept_caps[d]), rng.choice(dept_caps[rng.randrange(n_dept)])}):
            deps.append(
                Dependency(
                    consumer=uid[i],
                    capability=cid,
                    cadence=rng.choice(CADENCES),
                    criticality=rng.choice(CRITICALITY),
                )
            )
        hub = "payroll-run" if rng.random() < 0.5 else "it-desk"
        deps.append(Dependency(consumer=uid[i], capability=hub, cadence="monthly", criticality="medium"))
    return Org(units=units, capabilities=caps, dependencies=deps)


def make_org(people: int, seed: int) -> tuple[Org, str]:
    try:
        from orggraph.generate import generate_org
    except ImportError:
        return standin_org(people, seed), "stand-in generator in bench/bench_bottlenecks.py"
    return generate_org(people=people, seed=seed), "orggraph.generate.generate_org"


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
    args = parser.parse_args()

    rows, source = [], ""
    for people in args.sizes:
        org, source = make_org(people, args.seed)
        G = build_graph(org)
        whole, report = timed(lambda G=G: bottlenecks(G), args.repeat)
        exact = "skipped"
        if people <= args.skip_exact_above:
            t, _ = timed(lambda G=G: bottlenecks(G, betweenness_samples="exact"), 1)
            exact = f"{t:.2f} s"
        plain = "skipped"
        if people <= args.skip_networkx_above:
            t, _ = timed(lambda G=G: nx.betweenness_centrality(G), 1)
            plain = f"{t:.1f} s"
        top = report.entries[0]
        rows.append(
            f"| {people:,} | {G.number_of_nodes():,} | {G.number_of_edges():,} | {whole:.2f} s "
            f"| {report.betweenness.samples or 'exact'} | {exact} | {plain} "
            f"| {top.id} ({top.failed_if_lost:,} fail if lost) |"
        )
    print(f"Command: {' '.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}")  # noqa: T201
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")  # noqa: T201
    print(f"Organisations: {source}, seed {args.seed}; median of {args.repeat} runs of bottlenecks(G)\n")  # noqa: T201
    header = (
        "| people | units | edges | whole analysis | betweenness samples | with exact betweenness "
        "| plain networkx exact betweenness | top bottleneck |"
    )
    print(header)  # noqa: T201
    print("|---:|---:|---:|---:|---:|---:|---:|---|")  # noqa: T201
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
