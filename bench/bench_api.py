"""Benchmark: the web API under load from a second process on loopback.

Starts ``orggraph serve DATA`` (uvicorn, one process, open local mode on 127.0.0.1, a free port)
in a subprocess, then drives it from this process with a small asyncio HTTP/1.1 keep-alive load
generator: ``--concurrency`` connections, each sending its next request as soon as the previous
answer is read, for ``--duration`` seconds (and at most ``--max-requests``), so the run stops by
itself. Measures requests per second and the 50th/99th percentile latency of

* ``ask``: ``GET /api/ask?q=...`` cycling through typical questions (typos included);
* unit detail: ``GET /api/units/{id}`` cycling through the first 100 unit ids;

on the bundled sample organisation and on a generated one (``--people``, default 10,000). The
first second of each run is a warm-up and is not counted (the search index and the unit details
are built on first use and then cached per loaded data set). Prints a markdown table.

Run:     .venv/bin/python bench/bench_api.py [--people 10000] [--duration 10] [--concurrency 8]
Target:  ask on the sample organisation >= 500 requests/s with p99 < 50 ms (2-core machine).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample-org.yaml"
QUESTIONS = [
    "who pays my salary",
    "payroll",
    "laptop setup",
    "tiemcards",
    "who handles freight invoices",
    "new starter",
    "my payslip is wrong",
    "post parcels",
    "system access",
    "expense claims",
    "store replenishment",
    "contract sign-off",
]


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(data: Path, port: int) -> Iterator[str]:
    """``orggraph serve DATA`` on 127.0.0.1:port; yields the base URL once /api/health answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}  # open local mode
    cmd = [
        sys.executable,
        "-c",
        "from orggraph.cli import main; main()",
        "serve",
        str(data),
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start within 120 s") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def _connection(port: int, paths: list[str], start: int, until: float, counted_from: float,
                      budget: list[int], run: Run) -> None:  # fmt: skip
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = start
    try:
        while time.perf_counter() < until and budget[0] > 0:
            budget[0] -= 1
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)
            if t0 >= counted_from:
                run.latencies.append(time.perf_counter() - t0)
                if head[9:12] != b"200":
                    run.errors += 1
    finally:
        writer.close()


async def load(port: int, paths: list[str], duration: float, concurrency: int, max_requests: int) -> Run:
    run = Run()
    begin = time.perf_counter()
    counted_from, until = begin + 1.0, begin + 1.0 + duration
    budget = [max_requests]
    await asyncio.gather(
        *(_connection(port, paths, c * 7, until, counted_from, budget, run) for c in range(concurrency))
    )
    run.elapsed = time.perf_counter() - counted_from
    return run


def get_json(url: str) -> dict:
    import json

    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def generated(people: int, folder: Path) -> Path:
    from orggraph.generate import generate_org
    from orggraph.io import save_org

    path = folder / f"generated-{people}.yaml"
    save_org(generate_org(people, seed=0), path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000, help="generated organisation size (0: skip)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="open connections")
    parser.add_argument("--max-requests", type=int, default=200_000, help="hard cap per endpoint")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        datasets = [("sample", SAMPLE)]
        if args.people:
            datasets.append((f"generated {args.people:,}", generated(args.people, Path(tmp))))
        for label, data in datasets:
            port = free_port()
            with server(data, port) as base:
                units = [u["id"] for u in get_json(f"{base}/api/units?limit=100")["items"]]
                total = get_json(f"{base}/api/org")["units"]
                endpoints = {
                    "ask": [f"/api/ask?q={urllib.parse.quote(q)}" for q in QUESTIONS],
                    "unit detail": [f"/api/units/{urllib.parse.quote(u)}" for u in units],
                }
                for name, paths in endpoints.items():
                    run = asyncio.run(load(port, paths, args.duration, args.concurrency, args.max_requests))
                    lat = sorted(run.latencies)
                    q = statistics.quantiles(lat, n=100) if len(lat) >= 100 else [float("nan")] * 99
                    rows.append(
                        (f"{label} ({total:,} units)", name, len(lat), len(lat) / run.elapsed,
                         q[49] * 1000, q[98] * 1000, run.errors)
                    )  # fmt: skip
    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"uvicorn, one process; {args.concurrency} keep-alive connections; {args.duration:g} s per row "
        "after a 1 s warm-up"
    )
    lines = [f"Command: `{' '.join([Path(sys.executable).name, *sys.argv])}`  ", header, ""]
    lines += [
        "| data | endpoint | requests | req/s | p50 ms | p99 ms | non-200 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {d} | {n} | {c:,} | {r:,.0f} | {p50:.1f} | {p99:.1f} | {e} |" for d, n, c, r, p50, p99, e in rows
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
