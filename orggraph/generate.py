"""Seeded synthetic organisations for benchmarks and scale tests.

:func:`generate_org` builds an organisation of any size from 200 to a million people (it is meant
for 1,000 to 200,000) with the structure real ones have:

* **departments scaled with size**: an executive office; support functions (HR, payroll, IT,
  finance, facilities with a mailroom, procurement, legal, marketing, sales, logistics) sized as a
  share of headcount; a contact centre; regions of branches; operating departments of about 1,500
  people each;
* **a reporting tree** in every department with spans of control of 5 to 10, and teams (a
  manager and their direct reports share a ``team``);
* **a front line of about 10%**: branch staff (each branch is a front-line team unit with a
  manager and eight or so staff) and contact-centre advisers;
* **hub providers** that many depend on: the IT service desk (``it-support``, ``laptop-setup``),
  the mailroom (``mail-sorting``), payroll (``payroll-run`` for every manager and branch), HR
  advice, expenses, and branch deliveries from logistics;
* **capabilities offered by teams**, most with one or two backup providers, about 15% without;
* **mostly intra-department dependencies** (three in four of those between teams), a few in
  both directions between two people (deliberate loops, one per 20,000 people, at least two).

Everything else is acyclic: each team has a random "tier" and units depend only on capabilities of
lower tiers, as upstream teams serve downstream ones, so loops appear only where they are planted.
The same ``(people, seed, deps_per_person)`` always gives the same organisation.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from orggraph.model import Org

__all__ = ["MAX_PEOPLE", "MIN_PEOPLE", "generate_org"]

MIN_PEOPLE = 200
MAX_PEOPLE = 1_000_000

# Support functions: id, name, share of headcount, what their teams offer (search words).
SUPPORT: tuple[tuple[str, str, float, tuple[str, ...]], ...] = (
    ("hr", "People and HR", 0.025, ("recruitment", "onboarding", "training", "HR records", "policy advice")),
    ("payroll", "Payroll", 0.008, ("payslip queries", "pay adjustments", "pension deductions")),
    ("it", "IT", 0.04, ("system access", "software licences", "network", "application support", "reports")),
    ("finance", "Finance", 0.03, ("invoices", "budget report", "supplier payments", "month-end", "forecast")),
    ("facilities", "Facilities", 0.015, ("repairs", "room booking", "cleaning", "health and safety")),
    ("procurement", "Procurement", 0.01, ("purchase orders", "supplier vetting", "contracts")),
    ("legal", "Legal", 0.005, ("contract review", "legal advice", "data protection")),
    ("marketing", "Marketing", 0.025, ("campaigns", "artwork", "customer emails", "market research")),
    ("sales", "Sales", 0.05, ("leads", "quotes", "key accounts", "sales forecast", "bids")),
    (
        "logistics",
        "Logistics",
        0.06,
        ("picking", "dispatch", "stock allocation", "route planning", "goods in"),
    ),
)
CONTACT_CENTRE_SHARE = 0.03
BRANCH_SHARE = 0.075
REGION_SIZE = 500
OPERATIONS_SIZE = 1500
OPERATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Engineering", ("design review", "technical drawings", "test results", "change requests")),
    ("Manufacturing", ("production schedule", "machine maintenance", "quality checks", "materials")),
    ("Product", ("product roadmap", "specifications", "pricing", "product data")),
    ("Customer Success", ("onboarding customers", "renewals", "account reviews", "customer feedback")),
    ("Quality", ("audits", "inspections", "certificates", "non-conformance reports")),
    ("Field Service", ("site visits", "installations", "spare parts", "service reports")),
    ("Supply Planning", ("demand plan", "stock forecast", "supplier schedule", "capacity plan")),
    ("Data and Analytics", ("dashboards", "data extracts", "analysis", "data quality")),
)
FIRST = (
    "Aaron Abbie Adam Aisha Alex Alice Amir Ana Anika Ben Bilal Carla Chen Chloe Daniel Dev Elena Emma "
    "Erin Ethan Fatima Finn Grace Hana Harry Imran Isla Jack Jade Jamal Jana Joy Kai Kofi Lara Leah Lee "
    "Leo Lina Lucas Maria Mason Maya Mia Mohammed Nadia Nina Noah Olivia Omar Pablo Priya Rhys Rosa Ruth "
    "Sam Sana Sara Sofia Tariq Theo Tom Una Victor Yusuf Zara Zoe"
).split()
LAST = (
    "Adams Ahmed Ali Bailey Berg Brooks Campbell Chen Clarke Cole Costa Cruz Demir Diallo Evans Farouk "
    "Fischer Garcia Grant Hall Harris Hughes Hussain Jones Kaur Khan Kim Lee Lin Lopez Martin Mehta "
    "Mensah Morgan Mori Nguyen Novak Okafor Osei Park Patel Petrov Price Rao Reyes Ross Ruiz Santos "
    "Schmidt Shah Silva Singh Smith Tanaka Taylor Walker Wang Ward Wei Wong Wright Young"
).split()
CADENCES = (
    ("daily", 0.12),
    ("weekly", 0.3),
    ("biweekly", 0.05),
    ("monthly", 0.28),
    ("quarterly", 0.1),
    ("yearly", 0.05),
    ("adhoc", 0.1),
)
CRITICALITIES = (("low", 0.25), ("medium", 0.4), ("high", 0.25), ("critical", 0.1))
LEAD_TIMES = ((None, 0.15), (4.0, 0.15), (8.0, 0.2), (24.0, 0.25), (48.0, 0.15), (72.0, 0.07), (120.0, 0.03))
"""Lead times in hours of team capabilities; None leaves it unknown, as real data often does."""
NO_BACKUP = 0.15
INTRA_DEPARTMENT = 0.75
DIRECT = 0.1
PEOPLE_PER_LOOP = 20_000

Ranked = dict[str, tuple[list[float], list[dict[str, Any]]]]
"""Per department: capability ranks (ascending) and the capabilities in that order."""

PERSON_HUBS = (  # hub, share of people who use it, cadence, criticality
    ("it-support", 0.6, "weekly", "medium"),
    ("laptop-setup", 0.15, "adhoc", "medium"),
    ("mail-sorting", 0.08, "weekly", "low"),
    ("expense-claims", 0.1, "monthly", "low"),
)
MANAGER_HUBS = (("payroll-run", "biweekly", "critical"), ("hr-advice", "adhoc", "medium"))
BRANCH_HUBS = (
    ("it-support", "daily", "high"),
    ("payroll-run", "biweekly", "critical"),
    ("branch-deliveries", "daily", "critical"),
    ("mail-sorting", "weekly", "low"),
)


@dataclass(slots=True)
class _Hub:
    """A capability nearly everyone may need, delivered by units that depend on no team."""

    id: str
    name: str
    keywords: tuple[str, ...]
    providers: list[str]
    tier: float
    lead: float
    channel: dict[str, str] | None = None


@dataclass(slots=True)
class _State:
    rng: random.Random
    units: list[dict[str, Any]] = field(default_factory=list)
    departments: list[dict[str, Any]] = field(default_factory=list)
    capabilities: list[dict[str, Any]] = field(default_factory=list)
    dependencies: list[dict[str, Any]] = field(default_factory=list)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    pos: dict[str, float] = field(default_factory=dict)
    """Where a unit sits upstream (low) or downstream (high); dependencies only point to lower."""
    managers: list[str] = field(default_factory=list)
    next_person: int = 0

    def person(self, dept: str, title: str, manager: str | None, **extra: Any) -> str:
        self.next_person += 1
        uid = f"e{self.next_person:07d}"
        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
        unit = {"id": uid, "name": name, "title": title, "department": dept, "manager": manager, **extra}
        self.units.append(unit)
        self.by_id[uid] = unit
        return uid


def generate_org(people: int, *, seed: int = 0, deps_per_person: float = 5.0) -> Org:
    """A realistic synthetic organisation of ``people`` people (plus team units), the same for the same seed.

    Parameters
    ----------
    people : int
        Number of people, from ``MIN_PEOPLE`` (200) to ``MAX_PEOPLE``; teams come on top.
    seed : int
        Random seed: the same arguments always give an equal organisation.
    deps_per_person : float
        Average number of dependencies per person (branch team units add a few more). Below about
        1.5 it stays near 1.5: every person needs something, and every manager payroll and HR.

    Returns
    -------
    Org
        A valid organisation: it passes :func:`orggraph.io.load_org`'s checks once written out.

    Raises
    ------
    ValueError
        ``people`` is out of range or ``deps_per_person`` is negative.
    """
    if not MIN_PEOPLE <= people <= MAX_PEOPLE:
        raise ValueError(f"people must be between {MIN_PEOPLE:,} and {MAX_PEOPLE:,}, not {people:,}")
    if deps_per_person < 0:
        raise ValueError(f"deps_per_person must be 0 or more, not {deps_per_person}")
    s = _State(random.Random(f"orggraph-generate:{people}:{seed}"))
    plan = _plan(people)
    heads = _executive(s, [p[0] for p in plan])
    teams: dict[str, list[list[str]]] = {}
    words: dict[str, tuple[str, ...]] = {}
    branches: list[str] = []
    for (dept, name, size, kind, vocab), head_of in zip(plan, heads, strict=True):
        words[dept] = vocab
        s.departments.append({"id": dept, "name": name})
        if kind == "region":
            members, branch_ids = _region(s, dept, name, size, head_of)
            branches.extend(branch_ids)
        else:
            members = _tree(s, dept, name, size, head_of, front_line=kind == "front")
        s.departments[-1]["head"] = members[0][0]
        teams[dept] = members
    hubs = _hubs(s, teams)
    caps_by_dept = _team_capabilities(s, teams, words)
    _dependencies(s, hubs, caps_by_dept, branches, deps_per_person)
    _loops(s, max(2, people // PEOPLE_PER_LOOP))
    data = {
        "org": {
            "name": f"Generated organisation ({people:,} people, seed {seed})",
            "as_of": dt.date(2024, 1, 1),
        },
        "departments": s.departments,
        "units": s.units,
        "capabilities": s.capabilities,
        "dependencies": s.dependencies,
    }
    # One validated call: pydantic checks every field in Rust, which on pydantic 2.12+ is faster
    # than model_construct (pure Python) on objects built one by one. References are valid by
    # construction; load_org's cross-reference checks pass on the written file (see the tests).
    return Org.model_validate(data)


Plan = list[tuple[str, str, int, str, tuple[str, ...]]]


def _plan(people: int) -> Plan:
    """Departments as (id, name, people, kind, service words); kind is support, front, region or ops."""
    plan: Plan = [(d, n, max(4, round(people * share)), "support", w) for d, n, share, w in SUPPORT]
    cc_words = ("customer calls", "complaints", "call scripts")
    plan.append(
        ("contact-centre", "Contact Centre", max(8, round(people * CONTACT_CENTRE_SHARE)), "front", cc_words)
    )
    branch_people = max(12, round(people * BRANCH_SHARE))
    regions = max(1, round(branch_people / REGION_SIZE))
    for k, size in enumerate(_split(branch_people, regions)):
        plan.append(
            (f"region-{k + 1:02d}", f"Region {k + 1}", size, "region", ("area support", "branch reviews"))
        )
    rest = people - sum(p[2] for p in plan)
    ops = max(1, round(rest / OPERATIONS_SIZE))
    rest -= 3 + _executives(len(plan) + ops)
    for k, size in enumerate(_split(rest, ops)):
        base, vocab = OPERATIONS[k % len(OPERATIONS)]
        name = base if k < len(OPERATIONS) else f"{base} {k // len(OPERATIONS) + 1}"
        plan.append((f"ops-{k + 1:02d}", name, size, "ops", vocab))
    return plan


def _executives(departments: int) -> int:
    """Executive directors: one per eight departments (the CEO counts as a ninth report's place)."""
    return math.ceil((departments + 1) / 8)


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if k < total % parts else 0) for k in range(parts)]


def _executive(s: _State, depts: Sequence[str]) -> list[str]:
    """CEO, chief of staff, assistant, an executive per eight departments; returns each department's boss."""
    s.departments.append({"id": "executive", "name": "Executive Office"})
    ceo = s.person("executive", "Chief Executive Officer", None)
    s.departments[-1]["head"] = ceo
    s.person("executive", "Chief of Staff", ceo)
    s.person("executive", "Executive Assistant", ceo)
    n_exec = _executives(len(depts))
    execs = [s.person("executive", f"Executive Director {k + 1}", ceo) for k in range(n_exec)]
    for uid in [ceo, *execs]:
        s.pos[uid] = 0.99
    s.managers.extend([ceo, *execs])
    for u in s.units[1:]:
        s.pos.setdefault(u["id"], 0.95)
    return [execs[k * n_exec // len(depts)] for k in range(len(depts))]


def _tree(
    s: _State, dept: str, name: str, size: int, reports_to: str, *, front_line: bool
) -> list[list[str]]:
    """A department's reporting tree, breadth first, spans of 5 to 10; returns its teams (manager first)."""
    rng = s.rng
    head = s.person(dept, f"Head of {name}", reports_to)
    people = [head]
    queue = [head]
    teams: list[list[str]] = []
    at = 0
    while len(people) < size:
        manager = queue[at]
        at += 1
        span = min(size - len(people), 5 + int(rng.random() * 6))
        team = f"{dept}-{manager}"
        first = len(s.units)
        for _ in range(span):
            uid = s.person(
                dept, f"{name} Specialist", manager, team=team, front_line=front_line and manager != head
            )
            people.append(uid)
            queue.append(uid)
        teams.append([manager] + [u["id"] for u in s.units[first:]])
    for t in teams:  # a manager leads their team; a manager's title says so
        unit = s.by_id[t[0]]
        unit["team"] = f"{dept}-{t[0]}"
        if t[0] != head:
            unit["title"] = f"{name} Manager"
        s.managers.append(t[0])
    for team in teams:
        tier = rng.random()
        for k, uid in enumerate(team):
            s.pos[uid] = tier + k * 1e-6
    if not teams:
        s.pos[head] = rng.random()
        teams.append([head])
    return teams


def _region(s: _State, dept: str, name: str, size: int, reports_to: str) -> tuple[list[list[str]], list[str]]:
    """A region: its manager, area managers over up to seven branches each, and branches of about nine."""
    rng = s.rng
    n_branches = max(1, round((size - 1) / 9.2))
    n_areas = max(1, math.ceil(n_branches / 7))
    n_branches = max(1, min(n_branches, (size - 1 - n_areas) // 2))
    head = s.person(dept, f"{name} Manager", reports_to, team=f"{dept}-office")
    areas = [s.person(dept, "Area Manager", head, team=f"{dept}-office") for _ in range(n_areas)]
    teams = [[head, *areas]]
    branch_ids = []
    staff_counts = _split(size - 1 - n_areas - n_branches, n_branches)
    for b, staff in enumerate(staff_counts):
        number = int(dept.split("-")[1]) * 1000 + b + 1
        branch = f"branch-{number:05d}"
        manager = s.person(
            dept, "Branch Manager", areas[b * n_areas // n_branches], team=branch, front_line=True
        )
        members = [manager] + [
            s.person(dept, "Branch Adviser", manager, team=branch, front_line=True) for _ in range(staff)
        ]
        teams.append(members)
        branch_ids.append(branch)
        s.units.append(
            {
                "id": branch,
                "name": f"Branch {number}",
                "kind": "team",
                "department": dept,
                "manager": manager,
                "front_line": True,
                "fte": 1.0 + int(rng.random() * 3),
            }
        )
        for k, uid in enumerate(members):
            s.pos[uid] = 1.2 + k * 1e-6  # branch staff are the most downstream of all
        s.pos[branch] = 1.5
    for k, uid in enumerate(teams[0]):
        s.pos[uid] = rng.random() * 0.5 + 0.5 + k * 1e-6
    s.managers.extend([head, *areas, *(t[0] for t in teams[1:])])
    return teams, branch_ids


def _hubs(s: _State, teams: dict[str, list[list[str]]]) -> list[_Hub]:
    """The team units and people everyone goes to; they depend on no team, so they sit upstream of all."""
    people = len([u for u in s.units if u.get("kind") != "team"])

    taken_on: Counter[str] = Counter()

    def add_team(uid: str, name: str, dept: str, fte: float, channel: dict[str, str]) -> str:
        # The manager with the fewest reports takes the team on, keeping spans within 5 to 10.
        boss = min(teams[dept], key=lambda team: len(team) + taken_on[team[0]])[0]
        taken_on[boss] += 1
        unit = {
            "id": uid,
            "name": name,
            "kind": "team",
            "department": dept,
            "manager": boss,
            "fte": fte,
            "channel": channel,
        }
        s.units.append(unit)
        s.by_id[uid] = unit
        return uid

    def two(dept: str) -> list[str]:
        members = [u for t in teams[dept] for u in t[1:]] or [teams[dept][0][0]]
        return members[:2] if len(members) > 1 else members

    desk = add_team(
        "it-service-desk",
        "IT Service Desk",
        "it",
        float(max(2, people // 300)),
        {"type": "ticket", "address": "https://help.example.org"},
    )
    second = add_team(
        "it-second-line",
        "IT Second-Line Support",
        "it",
        float(max(2, people // 500)),
        {"type": "ticket", "address": "https://help.example.org/second-line"},
    )
    mailroom = add_team(
        "mailroom",
        "Mailroom",
        "facilities",
        float(max(1, people // 1500)),
        {"type": "email", "address": "mailroom@example.org"},
    )
    hubs = [
        _Hub(
            "it-support",
            "IT support tickets",
            ("computer", "password", "login", "printer", "help desk"),
            [desk, second],
            -5.0,
            8.0,
            {"type": "ticket", "address": "https://help.example.org"},
        ),
        _Hub(
            "laptop-setup",
            "Laptop and equipment set up",
            ("laptop", "computer", "equipment", "new starter"),
            [desk, two("it")[0]],
            -5.0,
            48.0,
        ),
        _Hub(
            "mail-sorting",
            "Post sorted and delivered",
            ("mail", "post", "parcels", "courier"),
            [mailroom, two("facilities")[0]],
            -4.0,
            24.0,
            {"type": "email", "address": "mailroom@example.org"},
        ),
        _Hub(
            "payroll-run",
            "Payroll run",
            ("paycheck", "salary", "wages", "pay day"),
            two("payroll"),
            -3.0,
            72.0,
            {"type": "email", "address": "payroll@example.org"},
        ),
        _Hub(
            "hr-advice",
            "HR advice for managers",
            ("grievance", "disciplinary", "absence", "HR advice"),
            two("hr"),
            -2.0,
            24.0,
        ),
        _Hub(
            "expense-claims",
            "Expense claims paid",
            ("expenses", "mileage", "receipts"),
            two("finance"),
            -2.0,
            72.0,
        ),
        _Hub(
            "branch-deliveries",
            "Branch deliveries",
            ("delivery", "stock delivery", "van"),
            two("logistics"),
            -1.0,
            24.0,
        ),
    ]
    for hub in hubs:
        s.capabilities.append(
            {
                "id": hub.id,
                "name": hub.name,
                "description": f"{hub.name} for everyone.",
                "keywords": hub.keywords,
                "providers": hub.providers,
                "lead_time_hours": hub.lead,
                "channel": hub.channel,
            }
        )
        for uid in hub.providers:
            s.pos[uid] = min(s.pos.get(uid, hub.tier), hub.tier)
    return hubs


class _Weighted:
    """Draw from a fixed table of (value, weight) with one random number and a bisection."""

    def __init__(self, table: Sequence[tuple[Any, float]]) -> None:
        self.values = [v for v, _ in table]
        total = sum(w for _, w in table)
        self.cumulative = list(itertools.accumulate(w / total for _, w in table))
        self.cumulative[-1] = 1.0

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect_right(self.cumulative, rng.random())]


def _team_capabilities(
    s: _State, teams: dict[str, list[list[str]]], words: dict[str, tuple[str, ...]]
) -> Ranked:
    """One or two capabilities per team, providers from the team; per department sorted by rank."""
    rng = s.rng
    pick_lead = _Weighted(LEAD_TIMES)
    hub_providers = {p for c in s.capabilities for p in c["providers"]}
    out: Ranked = {}
    for dept, dept_teams in teams.items():
        vocab = words.get(dept, ("requests", "advice", "reports", "approvals"))
        caps = []
        for t, team in enumerate(dept_teams):
            members = [u for u in team if u not in hub_providers]
            for _ in range(1 + (rng.random() < 0.5)):
                if not members:
                    break
                k = 1 if rng.random() < NO_BACKUP or len(members) == 1 else 2 + (rng.random() < 0.3)
                providers = rng.sample(members, min(k, len(members)))
                noun = vocab[int(rng.random() * len(vocab))]
                cap = {
                    "id": f"{dept}-c{len(caps) + 1:05d}",
                    "name": f"{noun.capitalize()} (team {t + 1})",
                    "description": f"{noun.capitalize()} from team {t + 1} of {dept}.",
                    "keywords": tuple(noun.split()),
                    "providers": providers,
                    "lead_time_hours": pick_lead(rng),
                }
                caps.append((max(s.pos[p] for p in providers), cap))
        caps.sort(key=lambda rc: rc[0])
        s.capabilities.extend(c for _, c in caps)
        out[dept] = ([r for r, _ in caps], [c for _, c in caps])
    return out


def _dependencies(
    s: _State, hubs: list[_Hub], ranked: Ranked, branches: list[str], per_person: float
) -> None:
    """Hubs by role, then capabilities of upstream teams (mostly in the own department) up to ``per_person``.

    A person upstream of nearly everything finds few capabilities to depend on, and a manager gets
    several hubs at once; the difference is carried over to the next people, so that the average
    per person stays at ``per_person`` (branch team units come on top).
    """
    rng, deps = s.rng, s.dependencies
    hub = {h.id: h for h in hubs}
    managers, branch_ids = set(s.managers), set(branches)
    local = _LocalPicker(rng, ranked)
    carried = 0.0  # dependencies owed (or, below zero, given in advance) by the people so far
    for unit in s.units:
        uid = unit["id"]
        if unit.get("kind") == "team":
            if uid in branch_ids:
                deps.extend(_need(uid, c, cad, crit) for c, cad, crit in BRANCH_HUBS)
                deps.append(
                    {
                        "consumer": uid,
                        "provider": unit["manager"],
                        "cadence": "daily",
                        "criticality": "critical",
                        "lead_time_hours": 2.0,
                    }
                )
            continue
        pos = s.pos[uid]
        taken: set[str] = set()
        roles = [(c, cad, crit) for c, share, cad, crit in PERSON_HUBS if rng.random() < share]
        if uid in managers:
            roles.extend(MANAGER_HUBS)
        for cap_id, cadence, criticality in roles:
            if hub[cap_id].tier < pos and uid not in hub[cap_id].providers:
                deps.append(_need(uid, cap_id, cadence, criticality))
                taken.add(cap_id)
        if unit["title"] == "Branch Adviser":
            deps.append(
                {
                    "consumer": uid,
                    "provider": unit["manager"],
                    "cadence": "weekly",
                    "criticality": "high",
                    "note": "Rota and training.",
                }
            )
            taken.add(unit["manager"])
        goal = per_person - len(taken) + carried
        wanted = max(0, int(goal + rng.random()))
        placed = wanted - local.add(deps, unit, pos, taken, wanted)
        carried = goal - placed
        if not taken:
            deps.append(_need(uid, "it-support", "weekly", "medium"))


def _need(consumer: str, cap: str, cadence: str, criticality: str) -> dict[str, Any]:
    return {"consumer": consumer, "capability": cap, "cadence": cadence, "criticality": criticality}


class _LocalPicker:
    """Draws dependencies on team capabilities ranked below the consumer (which keeps the graph acyclic)."""

    def __init__(self, rng: random.Random, ranked: Ranked) -> None:
        self.rng, self.ranked = rng, ranked
        self.depts = sorted(ranked)
        self.cumulative = list(itertools.accumulate(len(ranked[d][1]) for d in self.depts))
        self.cadence, self.criticality = _Weighted(CADENCES), _Weighted(CRITICALITIES)

    def add(
        self, deps: list[dict[str, Any]], unit: dict[str, Any], pos: float, taken: set[str], wanted: int
    ) -> int:
        """Append up to ``wanted`` dependencies for ``unit``; return how many could not be placed."""
        rng, uid = self.rng, unit["id"]
        for _ in range(4 * wanted + 4):  # some draws miss (nothing ranked below, or a repeat)
            if wanted == 0:
                break
            dept = unit["department"]
            if dept not in self.ranked or rng.random() >= INTRA_DEPARTMENT:
                k = bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
                dept = self.depts[min(k, len(self.depts) - 1)]
            ranks, caps = self.ranked[dept]
            eligible = bisect_left(ranks, pos)
            if eligible == 0:
                continue
            cap = caps[int(rng.random() * eligible)]
            direct = rng.random() < DIRECT
            target = cap["providers"][0] if direct else cap["id"]
            if uid in cap["providers"] or target in taken:
                continue
            taken.add(target)
            wanted -= 1
            deps.append(
                {
                    "consumer": uid,
                    "provider" if direct else "capability": target,
                    "cadence": self.cadence(rng),
                    "criticality": self.criticality(rng),
                }
            )
        return wanted


def _loops(s: _State, count: int) -> None:
    """Plant ``count`` two-person loops: a person who also waits on the one consumer of their work.

    Only a provider whose work nobody else uses is chosen, so each loop is exactly the pair (in the
    otherwise acyclic graph no other path can lead back), and loops never share a person.
    """
    rng = s.rng
    providers = {c["id"]: c["providers"] for c in s.capabilities}
    consumers: dict[str, set[str]] = {}
    for d in s.dependencies:
        for p in [d["provider"]] if "provider" in d else providers[d["capability"]]:
            found = consumers.setdefault(p, set())
            if len(found) < 2:
                found.add(d["consumer"])
    people = {u["id"] for u in s.units if u.get("kind") != "team"}
    pairs = sorted(
        {(c, p) for p, cs in consumers.items() if len(cs) == 1 and p in people for c in cs if c in people}
    )
    used: set[str] = set()
    while count and pairs:
        consumer, provider = pairs.pop(int(rng.random() * len(pairs)))
        if consumer in used or provider in used:
            continue
        used.update((consumer, provider))
        s.dependencies.append(
            {
                "consumer": provider,
                "provider": consumer,
                "cadence": "weekly",
                "criticality": "high",
                "note": "Each waits on the other.",
            }
        )
        count -= 1
