"""Benchmark: "who do I ask" index build time and query latency on a large organisation.

Builds (untimed) a seeded organisation with about 10k capabilities whose names, descriptions and
keywords use realistic HR, IT, finance, logistics and facilities vocabulary, qualified by region
and site the way a large retailer's service catalogue is ("Laptop setup - North, Store 112"),
and about 5k people and teams with names and job titles. The project's generator gives people
and dependencies but not a varied service catalogue, so the catalogue is built here.

Times ``SearchIndex.build(org)`` (median of ``--repeat`` builds), then ``ask(index, q)`` for a
few hundred varied questions: exact names, plurals, reversed word order, typos, synonyms, "who
is the <title>" and a few with no match; once without and once with ``as_unit`` (which adds
the provider choice by team and the introduction path). Prints a markdown table.

Run:  .venv/bin/python bench/bench_search.py [--capabilities 10000] [--people 5000] [--queries 400]
Targets (2-core machine): build under 5 s; query median under 5 ms and p99 under 20 ms.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time

from orggraph import Capability, Channel, Org, SearchIndex, Unit, ask

CATALOGUE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # department: (services, job titles)
    "payroll": (
        (
            "Payroll run",
            "Payslip correction",
            "Overtime payment",
            "Salary advance",
            "Bonus payment",
            "Tax code change",
            "Pension contribution",
            "Final pay for leavers",
            "Timecard approval",
            "Shift allowance",
        ),
        ("Payroll Clerk", "Payroll Officer", "Payroll Manager", "Pensions Administrator"),
    ),
    "it": (
        (
            "Laptop setup",
            "Password reset",
            "VPN access",
            "Software licence",
            "Printer repair",
            "Mobile phone",
            "Email account",
            "Network access",
            "Till system support",
            "Data backup restore",
        ),
        ("Service Desk Analyst", "Field Engineer", "Network Engineer", "Systems Administrator"),
    ),
    "finance": (
        (
            "Supplier invoice payment",
            "Expense reimbursement",
            "Freight account payment",
            "Budget forecast",
            "Purchase order approval",
            "Credit note",
            "Month-end close",
            "Petty cash top-up",
            "Carrier creditor setup",
            "Bank reconciliation",
        ),
        ("Accounts Payable Clerk", "Management Accountant", "Finance Business Partner", "Credit Controller"),
    ),
    "hr": (
        (
            "Recruitment",
            "New starter onboarding",
            "Annual leave request",
            "Sick leave advice",
            "Training booking",
            "Contract change",
            "Reference letter",
            "Disciplinary advice",
            "Maternity leave",
            "Flexible working request",
        ),
        ("HR Advisor", "Recruiter", "HR Business Partner", "Learning Coordinator"),
    ),
    "logistics": (
        (
            "Store replenishment",
            "Carrier booking",
            "Returns collection",
            "Stock transfer",
            "Delivery slot change",
            "Damaged goods claim",
            "Pallet collection",
            "Cold chain check",
            "Route planning",
            "Urgent delivery",
        ),
        ("Transport Planner", "Warehouse Supervisor", "Logistics Coordinator", "Driver"),
    ),
    "facilities": (
        (
            "Desk booking",
            "Building access badge",
            "Mail delivery",
            "Cleaning request",
            "Maintenance repair",
            "Waste collection",
            "Meeting room setup",
            "Heating fault",
            "Key cutting",
            "Parking permit",
        ),
        ("Facilities Coordinator", "Mailroom Assistant", "Maintenance Technician", "Security Officer"),
    ),
    "marketing": (
        (
            "Campaign brief",
            "Price promotion",
            "Brand assets",
            "Store signage",
            "Social media post",
            "Customer survey",
            "Press release",
            "Loyalty offer",
            "Window display",
            "Product photography",
        ),
        ("Marketing Executive", "Brand Manager", "Graphic Designer", "Campaign Manager"),
    ),
    "procurement": (
        (
            "Supplier onboarding",
            "Contract tender",
            "Vendor due diligence",
            "Catalogue update",
            "Price negotiation",
            "Purchase card",
            "Framework agreement",
            "Supplier performance review",
            "Spend report",
            "Quote request",
        ),
        ("Buyer", "Procurement Specialist", "Category Manager", "Contracts Officer"),
    ),
}
KEYWORDS = {
    "payroll": ("pay", "salary", "wages", "payslip"),
    "it": ("computer", "login", "helpdesk", "equipment"),
    "finance": ("invoice", "bill", "accounts", "payment"),
    "hr": ("people", "holiday", "hiring", "staff"),
    "logistics": ("freight", "shipping", "stock", "transport"),
    "facilities": ("building", "office", "post", "repair"),
    "marketing": ("advertising", "promotion", "brand", "campaign"),
    "procurement": ("vendor", "purchasing", "supplier", "buy"),
}
REGIONS = ("North", "South", "East", "West", "Central", "Scotland", "Wales", "Midlands", "London", "Coast")
SITES = ("Store", "Warehouse", "Office", "Depot")
FIRST = (
    "Ana",
    "Lee",
    "Priya",
    "Dana",
    "Omar",
    "Sam",
    "Kim",
    "Maria",
    "John",
    "Aisha",
    "Tom",
    "Wei",
    "Lucy",
    "Raj",
    "Emma",
    "Carlos",
    "Fatima",
    "Noah",
    "Olga",
    "Ben",
    "Chloe",
    "Ivan",
    "Zara",
    "Mark",
    "Nina",
)
LAST = (
    "Costa",
    "Park",
    "Shah",
    "Reyes",
    "Haddad",
    "Lee",
    "Wu",
    "Silva",
    "Smith",
    "Khan",
    "Brown",
    "Chen",
    "Jones",
    "Patel",
    "Evans",
    "Garcia",
    "Ali",
    "Novak",
    "Murphy",
    "Kowalski",
    "Okafor",
    "Rossi",
)
TEMPLATES = (
    "{svc} for {site} teams in the {region} region.",
    "Handles {low} requests from {site} staff; raise by {channel}.",
    "{svc}: requests from {region} {site} colleagues are handled within the agreed time.",
)


def service_org(n_caps: int, n_people: int, seed: int = 0) -> Org:
    """A seeded organisation with a large, realistically worded service catalogue."""
    rng = random.Random(seed)
    depts = sorted(CATALOGUE)
    units = []
    people_by_dept: dict[str, list[str]] = {d: [] for d in depts}
    for i in range(n_people):
        d = depts[i % len(depts)]
        region = REGIONS[(i // len(depts)) % len(REGIONS)]
        team = f"{d}-{region.lower()}"
        uid = f"p{i:05d}"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        title = f"{rng.choice(CATALOGUE[d][1])}, {region}"
        units.append(
            Unit(id=uid, name=name, title=title, department=d, team=team, available=rng.random() > 0.05)
        )
        people_by_dept[d].append(uid)
    for d in depts:
        for region in REGIONS:
            units.append(
                Unit(id=f"{d}-{region.lower()}", name=f"{d.title()} {region} team", kind="team", department=d)
            )
    caps = []
    for i in range(n_caps):
        d = depts[i % len(depts)]
        svc = CATALOGUE[d][0][(i // len(depts)) % len(CATALOGUE[d][0])]
        region, site = rng.choice(REGIONS), f"{rng.choice(SITES)} {rng.randrange(1, 400)}"
        channel = rng.choice(("email", "ticket", "phone", "chat"))
        desc = rng.choice(TEMPLATES).format(
            svc=svc, low=svc.lower(), site=site, region=region, channel=channel
        )
        caps.append(
            Capability(
                id=f"c{i:05d}",
                name=f"{svc} - {region}, {site}",
                description=desc,
                keywords=tuple(rng.sample(KEYWORDS[d], 2)),
                providers=tuple(rng.sample(people_by_dept[d], rng.choice((1, 2, 2, 3)))),
                channel=Channel(type=channel, address=f"{d}@example.com") if rng.random() < 0.7 else None,
                lead_time_hours=rng.choice((None, 4.0, 8.0, 24.0, 48.0, 120.0)),
            )
        )
    return Org(units=units, capabilities=caps)


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    k = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[k]
    if len(w) > 4:
        j = rng.randrange(1, len(w) - 2)
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
    words[k] = w
    return " ".join(words)


def questions(org: Org, n: int, seed: int = 1) -> list[str]:
    """Varied questions: names, plurals, reversed order, typos, synonyms, titles, people, nonsense."""
    rng = random.Random(seed)
    services = sorted({s for svcs, _ in CATALOGUE.values() for s in svcs})
    titles = sorted({t for _, ts in CATALOGUE.values() for t in ts})
    people = [u.name for u in org.units if u.kind == "person"]
    makers = (
        lambda: rng.choice(services).lower(),
        lambda: rng.choice(services).lower() + "s",
        lambda: " ".join(reversed(rng.choice(services).lower().split())),
        lambda: _typo(rng, rng.choice(services).lower()),
        lambda: f"who handles {rng.choice(services).lower()} in {rng.choice(REGIONS)}",
        lambda: rng.choice(
            (
                "my paycheck is wrong",
                "new computer",
                "unpaid bills",
                "holiday booking",
                "cannot login",
                "expenses claim",
                "time cards",
                "tiemcards",
            )
        ),  # fmt: skip
        lambda: f"who is the {rng.choice(titles).lower()}",
        lambda: rng.choice(people),
        lambda: rng.choice(("xyzzy", "quantum teleporter", "qwv zzk")),
    )
    return [rng.choice(makers)() for _ in range(n)]


def _ms(values: list[float], q: float) -> float:
    return 1000 * statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--capabilities", type=int, default=10_000)
    ap.add_argument("--people", type=int, default=5_000)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3, help="index builds to take the median of")
    args = ap.parse_args()

    org = service_org(args.capabilities, args.people)
    builds, cpu = [], []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        index = SearchIndex.build(org)
        builds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    qs = questions(org, args.queries)
    askers = [u.id for u in org.units if u.kind == "person"]
    ask(index, qs[0], as_unit=askers[0])  # first use builds the introduction graph; not a query cost
    rows = []
    found = 0
    for label, with_asker in (("ask", False), ("ask --as UNIT", True)):
        times = []
        for i, q in enumerate(qs):
            asker = askers[i % len(askers)] if with_asker else None
            start = time.perf_counter()
            report = ask(index, q, as_unit=asker)
            times.append(time.perf_counter() - start)
            found += report.found
        rows.append((label, statistics.median(times) * 1000, _ms(times, 0.99), max(times) * 1000))

    lines = [
        f"Machine: {platform.machine()}, {platform.python_implementation()} {sys.version.split()[0]}",
        f"Command: {' '.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}",
        f"Organisation: {len(org.capabilities)} capabilities, {len(org.units)} units; "
        f"index vocabulary {len(index.vocab)} terms; {len(qs)} questions, "
        f"{found / (2 * len(qs)):.0%} answered",
        "",
        "| Step | Median | p99 | Max | Target |",
        "|---|---:|---:|---:|---|",
        f"| Index build, wall (median of {len(builds)}) | {statistics.median(builds):.2f} s | | | < 5 s |",
        f"| Index build, CPU (median of {len(cpu)}) | {statistics.median(cpu):.2f} s | | | |",
    ]
    lines += [
        f"| {label} | {med:.2f} ms | {p99:.2f} ms | {worst:.2f} ms | median < 5 ms, p99 < 20 ms |"
        for label, med, p99, worst in rows
    ]
    print("\n".join(lines))  # noqa: T201


if __name__ == "__main__":
    main()
