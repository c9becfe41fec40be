"""Fixtures for the API tests: a small hand-checkable organisation, its data file, and clients.

The organisation (departments: payroll 2 units, it 1, stores 3, logistics 1)::

    store-1 (team, front line) --critical--> payroll-run   <- dana.reyes (sole provider)
    store-1                    ----high----> replenishment <- sam.lee
    rita.cole (store manager)  --critical--> payroll-run
    ana.costa (front line)     ---medium---> laptop-setup  <- it-desk (team, 2 FTE)
    lee.park (payroll manager) ---weekly---> timecards     <- rita.cole, then lee.park's backup none
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app
from api.config import Role, Settings
from orggraph.model import Capability, Channel, Department, Dependency, Org, OrgMeta, Unit

VIEWER = "viewer-token-0123456789"
ANALYST = "analyst-token-0123456789"
ADMIN = "admin-token-0123456789abc"
TOKENS = {VIEWER: Role.viewer, ANALYST: Role.analyst, ADMIN: Role.admin}
LOCAL = ("127.0.0.1", 50000)


def small_org(name: str = "Acme") -> Org:
    units = [
        Unit(id="lee.park", name="Lee Park", title="Payroll manager", department="payroll"),
        Unit(
            id="dana.reyes",
            name="Dana Reyes",
            title="Payroll clerk",
            department="payroll",
            manager="lee.park",
            channel=Channel(type="email", address="dana.reyes@example.com"),
        ),
        Unit(id="it-desk", name="IT service desk", kind="team", department="it", fte=2),
        Unit(id="store-1", name="Store 1", kind="team", department="stores", front_line=True, fte=12),
        Unit(id="rita.cole", name="Rita Cole", title="Store manager", department="stores"),
        Unit(
            id="ana.costa",
            name="Ana Costa",
            title="Cashier",
            department="stores",
            manager="rita.cole",
            front_line=True,
        ),
        Unit(id="sam.lee", name="Sam Lee", title="Planner", department="logistics"),
    ]
    capabilities = [
        Capability(
            id="payroll-run", name="Payroll run", keywords=("salary", "pay"), providers=("dana.reyes",)
        ),
        Capability(id="laptop-setup", name="Laptop setup", keywords=("computer",), providers=("it-desk",)),
        Capability(
            id="replenishment", name="Store replenishment", providers=("sam.lee",), lead_time_hours=48
        ),
        Capability(
            id="timecards",
            name="Timecards",
            description="Weekly timecards, checked by Dana Reyes.",
            providers=("rita.cole",),
        ),
    ]
    dependencies = [
        Dependency(consumer="store-1", capability="payroll-run", cadence="monthly", criticality="critical"),
        Dependency(consumer="rita.cole", capability="payroll-run", cadence="monthly", criticality="critical"),
        Dependency(consumer="store-1", capability="replenishment", cadence="daily", criticality="high"),
        Dependency(consumer="ana.costa", capability="laptop-setup", cadence="yearly", criticality="medium"),
        Dependency(consumer="lee.park", capability="timecards", cadence="weekly", criticality="high"),
        Dependency(consumer="dana.reyes", provider="lee.park", cadence="weekly", note="Sign-off by Lee Park"),
    ]
    departments = [
        Department(id="payroll", name="Payroll", head="lee.park"),
        Department(id="it", name="IT"),
        Department(id="stores", name="Stores"),
        Department(id="logistics", name="Logistics"),
    ]
    return Org(
        org=OrgMeta(name=name),
        departments=tuple(departments),
        units=tuple(units),
        capabilities=tuple(capabilities),
        dependencies=tuple(dependencies),
    )


def write_org(path: Path, org: Org) -> Path:
    path.write_text(org.model_dump_json(indent=1), encoding="utf-8")
    return path


@pytest.fixture
def org_file(tmp_path: Path) -> Path:
    return write_org(tmp_path / "org.json", small_org())


@pytest.fixture(scope="session")
def make_client() -> Callable[..., TestClient]:
    """``make_client(source=small_org(), **settings)``: a TestClient on a fresh app (local client address)."""

    def make(source: object = None, client: tuple[str, int] = LOCAL, **settings: object) -> TestClient:
        app = create_app(source if source is not None else small_org(), Settings(**settings))
        return TestClient(app, client=client)

    return make


@pytest.fixture(scope="module")
def client() -> TestClient:
    """Tokens configured; send ``headers(role)``."""
    return TestClient(create_app(small_org(), Settings(tokens=TOKENS)), client=LOCAL)


@pytest.fixture(scope="session")
def headers() -> Callable[[str], dict[str, str]]:
    """``headers("viewer")``: request headers for a role name, ``"wrong"`` (a bad token) or ``"none"``."""
    by_role = {"viewer": VIEWER, "analyst": ANALYST, "admin": ADMIN, "wrong": "not-a-valid-token-0123456789"}

    def make(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {by_role[role]}"} if role in by_role else {}

    return make


@pytest.fixture(scope="session")
def tokens() -> dict[str, Role]:
    return dict(TOKENS)


@pytest.fixture(scope="module")
def file_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """Tokens configured, serving a data file (so reload works)."""
    path = write_org(tmp_path_factory.mktemp("org") / "org.json", small_org())
    return TestClient(create_app(path, Settings(tokens=TOKENS)), client=LOCAL)


@pytest.fixture(scope="session")
def org() -> Org:
    return small_org()
