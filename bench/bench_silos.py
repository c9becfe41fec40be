"""Benchmark: the whole silo analysis on generated organisations.

Times ``orggraph.analysis.silos.silos(G)`` (E-I indexes, boundary spanners and sole links,
reach of the customer, Louvain communities against departments with modularity and NMI,
Gould-Fernandez brokerage and Burt's constraint for every person, and the ranked findings) on
generated organisations of 10k and 100k people. The organisation and graph are built once per
size and are not timed. Prints a markdown table: median of ``--repeat`` runs.

Run:  .venv/bin/python bench/bench_silos.py [--sizes 10000 100000] [--repeat 5] [--level department]
Targets (2-core machine): under 2 s at 10k people, under 10 s at 100k.

Uses ``orggraph.generate.generate_org`` when it exists; until then a stand-in generator below
with the same broad shape (departments, teams of about 8 under a manager, about 10% front line,
five dependencies a person mostly inside the team and department, hub providers such as payroll
and the IT desk).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time

from orggraph import Capability, Dependency, Org, Unit, build_graph
from orggraph.analysis.silos import silos

CADENCES = ("daily", "weekly", "weekly", "monthly", "monthly", "quarterly")
CRITICALITY = ("low", "medium", "medium", "high", "critical")


def standin_org(people: int, seed: int = 0) -> Org:
    """A seeded organisation of ``people`` units shaped like a real one (stand-in for generate_org)."""
    rng = random.Random(seed)
    n_dept = max(10, people // 800)
    members: list[list[int]] = [[] for _ in range(n_dept)]
    for i in range(people):
        members[i % n_dept].append(i)
    dept_of = [i % n_dept for i in range(people)]
    front = set(members[0]) | set(members[1])
    uid = [f"p{i:06d}" for i in range(people)]
    team_of: dict[int, str] = {}
    units = []
    for d, ms in enumerate(members):
        for k, i in enumerate(ms):
            team_of[i] = f"dept-{d:03d}-team-{k // 8:04d}"
            units.append(
                Unit(
                    id=uid[i],
                    name=f"Person {i}",
                    department=f"dept-{d:03d}",
                    team=team_of[i],
                    manager=uid[ms[(k // 8) * 8]] if k % 8 else None,
                    front_line=i in front,
                )
            )
    hubs = [
        Capability(id="payroll-run", name="Payroll run", providers=(uid[members[2][0]],)),
        Capability(id="it-desk", name="IT service desk", providers=(uid[members[3][0]], uid[members[3][1]])),
    ]
    deps = []
    for ms in members:
        for k, i in enumerate(ms):
            team = ms[(k // 8) * 8 : (k // 8) * 8 + 8]
            targets = {rng.choice(team), rng.choice(team), rng.choice(ms)}
            if rng.random() < 0.5:
                targets.add(rng.choice(members[rng.randrange(n_dept)]))
            targets.discard(i)
            for t in sorted(targets):
                deps.append(
                    Dependency(
                        consumer=uid[i],
                        provider=uid[t],
                        cadence=rng.choice(CADENCES),
                        criticality=rng.choice(CRITICALITY),
                    )
                )
            if k % 8 == 0:  # managers submit timecards to payroll
                deps.append(
                    Dependency(
                        consumer=uid[i], capability="payroll-run", cadence="weekly", criticality="critical"
                    )
                )
            if rng.random() < 0.3:
                deps.append(Dependency(consumer=uid[i], capability="it-desk", cadence="weekly"))
    del dept_of
    return Org(units=tuple(units), capabilities=tuple(hubs), dependencies=tuple(deps))


def make_org(people: int) -> tuple[Org, str]:
    try:
        from orggraph.generate import generate_org  # type: ignore[import-not-found]
    except ImportError:
        return standin_org(people), "stand-in generator (bench/bench_silos.py)"
    return generate_org(people, seed=0), "orggraph.generate.generate_org(seed=0)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--level", choices=("department", "team"), default="department")
    parser.add_argument("--method", choices=("leiden", "louvain"), default="leiden")
    args = parser.parse_args()
    targets = {10_000: 2.0, 100_000: 10.0}
    rows = []
    source = ""
    for people in args.sizes:
        org, source = make_org(people)
        G = build_graph(org)
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
    print(f"Machine: {machine}; data: {source}; {setup}\n")  # noqa: T201
    print("| people | ties | groups | communities | NMI | median | best | target |")  # noqa: T201
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")  # noqa: T201
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
