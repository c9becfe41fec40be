"""Small hand-checkable organisations and file helpers shared by the loader tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph import InvalidOrgData

#: A valid organisation without warnings: ann heads it, bob reports to ann, the service desk
#: (a team) and bob provide laptop set-up, which ann needs; bob needs ann directly.
BASE_YAML = """\
org: {name: Test Org, as_of: 2024-06-30}
departments:
  - {id: ops, name: Operations, head: ann}
  - {id: it, name: IT}
units:
  - {id: ann, name: Ann Boss, department: ops, title: Director}
  - {id: bob, name: Bob Clerk, department: ops, manager: ann, channel: {type: email, address: bob@x.org}}
  - {id: desk, name: Service desk, kind: team, department: it, manager: ann, fte: 2}
capabilities:
  - {id: laptop-setup, name: Laptop setup, providers: [desk, bob], lead_time_hours: 8}
dependencies:
  - {consumer: ann, capability: laptop-setup, cadence: monthly, criticality: high}
  - {consumer: bob, provider: ann, cadence: weekly}
"""

MARK = "# <-"


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_text(text, encoding=encoding)
    return path


def marked_line(text: str) -> int:
    """The 1-based line carrying the ``# <-`` marker."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if MARK in line)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th occurrence of ``needle``."""
    found = 0
    for n, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            found += 1
            if found == occurrence:
                return n
    raise AssertionError(f"{needle!r} not in text")


def problems_of(call, *args, **kwargs) -> InvalidOrgData:
    with pytest.raises(InvalidOrgData) as info:
        call(*args, **kwargs)
    return info.value
