"""Benchmark: load (read + full validation) and build the graph for generated organisations.

Generates organisations of 10k and 100k people with about five dependencies each
(``orggraph.generate.generate_org``, seeded), writes them as native JSON with
``orggraph.io.save_org`` into a temporary folder (not timed), then for each run starts a fresh
Python process that times

* ``load_org(path)``: read the file, parse, validate every field and cross-reference;
* ``build_graph(org)``: the dependency graph;
* both together,

(wall clock, and the CPU time of the process, which a busy shared machine inflates less), and
reports its peak resident memory (``ru_maxrss``) after loading and after building, and the
memory of the bare interpreter with orggraph imported. A process per run keeps runs independent
(no warm caches, no memory left over). Prints a markdown table of medians.

Run:      .venv/bin/python bench/bench_load.py [--sizes 10000 100000] [--repeat 3]
Targets:  100k people loaded and built in under 10 s, peak memory under 2 GB (2-core machine).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0
TARGET_PEAK_MB = 2048.0
TARGET_PEOPLE = 100_000


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    Linux: ``VmHWM`` of the process's own memory. (``ru_maxrss`` would do on a fresh process, but
    on Linux a child started from a large parent inherits the parent's high-water mark.)
    Elsewhere ``ru_maxrss`` (kB on Linux, bytes on macOS).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child(path: str) -> None:
    """One measured run in a fresh process; prints its figures as JSON."""
    from orggraph import build_graph
    from orggraph.io import load_org

    base = _peak_mb()
    size = os.path.getsize(path)
    c0, t0 = time.process_time(), time.perf_counter()
    org = load_org(path, max_bytes=size + 1)  # the default 50 MB limit is a guard, not a target
    t1 = time.perf_counter()
    after_load = _peak_mb()
    G = build_graph(org)
    t2, c2 = time.perf_counter(), time.process_time()
    figures = {
        "cpu": c2 - c0,
        "load": t1 - t0,
        "build": t2 - t1,
        "total": t2 - t0,
        "base_mb": base,
        "load_mb": after_load,
        "peak_mb": _peak_mb(),
        "units": len(org.units),
        "deps": len(org.dependencies),
        "edges": G.number_of_edges(),
    }
    print(json.dumps(figures))  # noqa: T201


def write(people: int, seed: int, per_person: float, path: str) -> None:
    """Generate and save one organisation (in its own process, so that this one stays small)."""
    from orggraph.generate import generate_org
    from orggraph.io import save_org

    save_org(generate_org(people, seed=seed, deps_per_person=per_person), path)


def measure(path: Path, repeat: int) -> list[dict[str, float]]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path)], check=True, capture_output=True, text=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return runs


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu}, {os.cpu_count()} CPUs{memory}{load}; Python {platform.python_version()} "
        f"on {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 100_000], help="people per organisation"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (a fresh process each)")
    parser.add_argument("--deps-per-person", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--write", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.write:
        write(args.sizes[0], args.seed, args.deps_per_person, args.write)
        return

    rows = []
    with tempfile.TemporaryDirectory(prefix="orggraph-bench-") as tmp:
        for people in args.sizes:
            path = Path(tmp) / f"org-{people}.json"
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--sizes",
                    str(people),
                    "--seed",
                    str(args.seed),
                    "--deps-per-person",
                    str(args.deps_per_person),
                    "--write",
                    str(path),
                ],
                check=True,
            )
            runs = measure(path, args.repeat)
            rows.append((people, path.stat().st_size / 1e6, runs))
            path.unlink()

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    command = " ".join(["python", "bench/bench_load.py", *sys.argv[1:]])
    print(f"Command: `{command}`  ")  # noqa: T201
    print(f"Machine: {machine()}  ")  # noqa: T201
    print(  # noqa: T201
        f"Organisations: generate_org(N, seed={args.seed}, deps_per_person={args.deps_per_person}) "
        f"written as native JSON with save_org; median of {args.repeat} runs, each in a fresh process.\n"
    )
    print(  # noqa: T201
        "| people | units | dependencies | graph edges | JSON MB | load_org s | build_graph s | "
        "load + build s | CPU s | peak MB after load | peak MB after build | interpreter MB |"
    )
    print("|" + "---:|" * 12)  # noqa: T201
    verdicts = []
    for people, size_mb, runs in rows:
        first = runs[0]
        total, peak = med(runs, "total"), max(r["peak_mb"] for r in runs)
        print(  # noqa: T201
            f"| {people:,} | {int(first['units']):,} | {int(first['deps']):,} | {int(first['edges']):,} | "
            f"{size_mb:.1f} | {med(runs, 'load'):.2f} | {med(runs, 'build'):.2f} | {total:.2f} | "
            f"{med(runs, 'cpu'):.2f} | {med(runs, 'load_mb'):.0f} | {med(runs, 'peak_mb'):.0f} | "
            f"{med(runs, 'base_mb'):.0f} |"
        )
        if people == TARGET_PEOPLE:
            ok = total < TARGET_SECONDS and peak < TARGET_PEAK_MB
            verdicts.append(
                f"{'PASS' if ok else 'FAIL'}: {people:,} people loaded and built in {total:.2f} s "
                f"(target < {TARGET_SECONDS:.0f} s), peak {peak:.0f} MB (target < {TARGET_PEAK_MB:.0f} MB)."
            )
    for verdict in verdicts:
        print(f"\n{verdict}")  # noqa: T201


if __name__ == "__main__":
    main()
