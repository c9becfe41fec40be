"""Benchmark: critical chains, loops and line of sight on generated organisations.

Times ``orggraph.analysis.chains.chains(G)`` (everything: all front-line chains, the top chains
with their weakest links and supply, circular dependencies, line of sight for every unit) on
generated organisations of 10k and 100k people. The organisation and graph are built once per
size and are not timed. Prints a markdown table: median of ``--repeat`` runs.

Run:  .venv/bin/python bench/bench_chains.py [--sizes 10000 100000] [--repeat 5]
Targets (2-core machine): under 1 s at 10k people, under 10 s at 100k.

Uses ``orggraph.generate.generate_org`` when it exists; until then a stand-in generator below
with the same broad shape (departments, teams of about 8 under a manager, about 10% front line,
five dependencies a person, hub providers such as payroll and the IT desk, loops inside departments).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time

from orggraph import Capability, Dependency, Org, Unit, build_graph
from orggraph.analysis.chains import chains

CADENCES = ("daily", "weekly", "weekly", "monthly", "monthly", "quarterly")
CRITICALITY = ("low", "medium", "medium", "high", "critical")
LEADS = (None, 1.0, 4.0, 8.0, 24.0, 48.0, 72.0, 168.0)


def standin_org(people: int, seed: int = 0) -> Org:
    """A seeded organisation of ``people`` units shaped like a real one (stand-in for generate_org)."""
    rng = random.Random(seed)
    n_dept = max(10, people // 800)
    dept_of = [i % n_dept for i in range(people)]
    members: list[list[int]] = [[] for _ in range(n_dept)]
    for i, d in enumerate(dept_of):
        members[d].append(i)
    front = set(members[0]) | set(members[1])  # stores and contact centre
    uid = [f"p{i:06d}" for i in range(people)]
    units = []
    for d in range(n_dept):
        ms = members[d]
        for k, i in enumerate(ms):
            manager = ms[(k // 8) * 8] if k % 8 else (ms[((k // 8) // 8) * 8] if k else None)
            units.append(
                Unit(
                    id=uid[i],
                    name=f"Person {i}",
                    department=f"dept-{d:03d}",
                    manager=uid[manager] if manager is not None and manager != i else None,
                    front_line=i in front,
                )
            )
    hubs = [
        Capability(id="payroll-run", name="Payroll run", providers=(uid[members[2][0]],), lead_time_hours=48),
        Capability(
            id="it-desk",
            name="IT service desk",
            providers=(uid[members[3][0]], uid[members[3][1]]),
            lead_time_hours=8,
        ),
    ]
    deps = []
    for i in range(people):
        d = dept_of[i]
        ms = members[d]
        targets = {rng.choice(ms) for _ in range(3)}
        other = members[rng.randrange(n_dept)]
        targets.add(rng.choice(other))
        targets.discard(i)
        for t in sorted(targets):
            deps.append(
                Dependency(
                    consumer=uid[i],
                    provider=uid[t],
                    cadence=rng.choice(CADENCES),
                    criticality=rng.choice(CRITICALITY),
                    lead_time_hours=rng.choice(LEADS),
                )
            )
        deps.append(
            Dependency(consumer=uid[i], capability=rng.choice(("payroll-run", "it-desk")), cadence="monthly")
        )
    return Org(units=units, capabilities=hubs, dependencies=deps)


def make_org(people: int, seed: int) -> tuple[Org, str]:
    try:
        from orggraph.generate import generate_org
    except ImportError:
        return standin_org(people, seed), "stand-in generator in bench/bench_chains.py"
    return generate_org(people=people, seed=seed), "orggraph.generate.generate_org"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rows = []
    source = ""
    for people in args.sizes:
        org, source = make_org(people, args.seed)
        G = build_graph(org)
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
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")  # noqa: T201
    print(f"Organisations: {source}, seed {args.seed}; median of {args.repeat} runs of chains(G)\n")  # noqa: T201
    print("| people | units | edges | front line | loops | top chain | median | best |")  # noqa: T201
    print("|---:|---:|---:|---:|---|---:|---:|---:|")  # noqa: T201
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    main()
