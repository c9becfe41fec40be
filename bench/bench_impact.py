"""Benchmark reorg impact analysis on generated organisations (orggraph.generate.generate_org).

A scenario touching a handful of units (a sole provider leaves, a backup is added elsewhere, a
person moves department and manager, two people merge, a dependency is added and one removed, a
capacity is cut) is applied end to end with :func:`orggraph.analysis.impact.impact`. Two figures
per size:

* **baseline**: the before-side figures, computed once per loaded organisation (the API keeps it);
* **impact**: one scenario with that baseline passed in: what a user waits for per scenario.

Targets (issue 7): impact under 1 s at 10k people, under 15 s at 100k. Prints a markdown table:
median of ``--runs`` runs (each impact run on the same baseline), the command line, the machine.

Usage: .venv/bin/python bench/bench_impact.py [--sizes 10000 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

from orggraph.analysis.impact import impact, impact_baseline
from orggraph.generate import generate_org
from orggraph.model import Org
from orggraph.scenario import Scenario, parse_scenario


def bench_scenario(org: Org) -> Scenario:
    """A handful of operations on ids picked deterministically from the generated organisation."""
    consumers: dict[str, int] = {}
    for dep in org.dependencies:
        consumers[dep.capability_id] = consumers.get(dep.capability_id, 0) + 1
    sole = sorted(
        (c for c in org.capabilities if len(c.providers) == 1 and c.id in consumers),
        key=lambda c: (-consumers[c.id], c.id),
    )
    leaver = sole[0].providers[0]
    backup_cap = sole[1]
    people = [u for u in org.units if u.kind == "person" and u.manager and u.id != leaver]
    mover, a, b = people[len(people) // 3], people[len(people) // 2], people[len(people) // 2 + 1]
    manager = next(
        u for u in org.units if u.department != mover.department and u.kind == "person" and u.manager
    )
    helper = next(u.id for u in people if u.id not in backup_cap.providers and u.id != mover.id)
    dep = next(
        d for d in org.dependencies if d.consumer not in (leaver, mover.id, a.id, b.id) and d.capability
    )
    needed = {d.capability_id for d in org.dependencies if d.consumer == dep.consumer}
    new_cap = next(
        c.id
        for c in org.capabilities
        if c.id not in needed and dep.consumer not in c.providers and leaver not in c.providers
    )
    return parse_scenario(
        {
            "name": "bench: a handful of units",
            "operations": [
                {"op": "add_backup", "capability": backup_cap.id, "unit": helper},
                {"op": "remove", "unit": leaver},
                {"op": "move", "unit": mover.id, "department": manager.department, "manager": manager.id},
                {"op": "merge", "source": a.id, "target": b.id},
                {"op": "remove_dependency", "consumer": dep.consumer, "capability": dep.capability},
                {
                    "op": "add_dependency",
                    "consumer": dep.consumer,
                    "capability": new_cap,
                    "criticality": "high",
                },
                {"op": "set", "unit": helper, "fte": 0.5},
            ],
        }
    )


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = []
    for people in args.sizes:
        org = generate_org(people, seed=args.seed)
        scenario = bench_scenario(org)
        base_s, base = timed(impact_baseline, org)
        runs = []
        report = None
        for _ in range(args.runs):
            seconds, report = timed(impact, org, scenario, baseline=base)
            runs.append(seconds)
        assert report is not None
        target = 1.0 if people <= 10_000 else 15.0
        med = statistics.median(runs)
        rows.append(
            f"| {people:,} | {len(org.units):,} | {len(org.dependencies):,} | {base_s:.2f} | {med:.2f} "
            f"| {min(runs):.2f} | {target:g} | {'yes' if med < target else 'NO'} "
            f"| {len(report.breaks.failed):,} failed, {report.people_affected:,} people affected |"
        )
        sys.stderr.write(f"done {people:,}\n")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    out = [
        f"Command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}`",
        f"Machine: {machine}, load average {os.getloadavg()[0]:.1f} (shared machine: CPU time is contested)",
        "",
        "| people | units | dependencies | baseline s (once) | impact s (median) | impact s (min) "
        "| target s | met | headline |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        *rows,
    ]
    print("\n".join(out))  # noqa: T201


if __name__ == "__main__":
    main()
