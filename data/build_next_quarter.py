"""Build data/sample-org-next-quarter.yaml: the sample organisation a quarter later, for ``orggraph diff``.

Run from the project root after data/build_sample.py (the output is the same on every run)::

    .venv/bin/python data/build_next_quarter.py

Three deliberate changes, the kind a quarter brings:

1. **Sam Lee leaves** (freight and carrier coordinator, Logistics). He was Logistics' only tie to
   Finance and Accounts, and Ahmed Karim relied on him directly for freight figures.
2. **Maya Grant joins Payroll** as a second Payroll Clerk, named backup for the payroll run, with
   the same critical inputs Dana Reyes has (timecards and pay-run approval): the payroll run is no
   longer a single point of failure.
3. **Ana Costa** (sales assistant, Store 12) **drops to 0.5 FTE**.

``orggraph diff data/sample-org.yaml data/sample-org-next-quarter.yaml`` reports these first (one
unit added, one removed, one moved), then their effects; tests/analysis/test_impact.py checks them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from orggraph.io import load_org, native_data, org_from_dict, save_org
from orggraph.model import Dependency, OrgMeta, Unit
from orggraph.scenario import apply_scenario, parse_scenario

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "sample-org.yaml"
TARGET = HERE / "sample-org-next-quarter.yaml"

QUARTER = {
    "name": "Next quarter",
    "operations": [
        {"op": "remove", "unit": "sam.lee"},
        {"op": "set", "unit": "ana.costa", "fte": 0.5},
    ],
}
MAYA = Unit(
    id="maya.grant",
    name="Maya Grant",
    title="Payroll Clerk",
    department="payroll",
    manager="nadia.farouk",
    location="Head Office, Leeds",
)


def main() -> None:
    org = apply_scenario(load_org(SOURCE), parse_scenario(QUARTER)).after
    capabilities = tuple(
        c.model_copy(update={"providers": (*c.providers, MAYA.id)}) if c.id == "payroll-run" else c
        for c in org.capabilities
    )
    needs = (
        Dependency(consumer=MAYA.id, capability="timecards", cadence="weekly", criticality="critical"),
        Dependency(
            consumer=MAYA.id, capability="pay-run-approval", cadence="biweekly", criticality="critical"
        ),
    )
    org = org.model_copy(
        update={
            "org": OrgMeta(name=org.org.name, as_of=dt.date(2025, 1, 1)),
            "units": (*org.units, MAYA),
            "capabilities": capabilities,
            "dependencies": (*org.dependencies, *needs),
        }
    )
    org = org_from_dict(native_data(org), source=str(TARGET))  # full validation before writing
    save_org(org, TARGET)
    print(f"wrote {TARGET.name}: {len(org.units)} units, {len(org.dependencies)} dependencies")  # noqa: T201


if __name__ == "__main__":
    main()
