"""Errors raised by orggraph.

The tree::

    OrgGraphError
    ├── InvalidOrgData        the input files break the schema or the rules (carries every Problem)
    ├── NotFound              an id the caller named does not exist
    │   ├── UnitNotFound
    │   └── CapabilityNotFound
    ├── NoPath                two units are not connected the way the caller asked
    └── ScenarioError         a reorg scenario cannot be applied (names the operation and field)

Every message is a sentence a user can act on. The CLI turns any of them into exit code 1; the
API turns ``NotFound`` into 404 and ``InvalidOrgData``/``ScenarioError`` into 422.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CapabilityNotFound",
    "InvalidOrgData",
    "NoPath",
    "NotFound",
    "OrgGraphError",
    "Problem",
    "ScenarioError",
    "UnitNotFound",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a warning) in the input, located precisely.

    ``location`` is a human string such as ``"row 14"`` or ``"line 37"`` (``None`` when the
    problem concerns the organisation as a whole), ``field`` names the column or key.
    """

    file: str
    location: str | None
    field: str | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.file, self.location) if p)
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


class OrgGraphError(Exception):
    """Base class of every error orggraph raises on purpose."""


class InvalidOrgData(OrgGraphError):
    """The organisation could not be loaded; ``problems`` lists every error found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        self.warnings = [p for p in problems if p.severity == "warning"]
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the organisation data:\n{lines}")


class NotFound(OrgGraphError, KeyError):
    """An id named by the caller does not exist in the organisation."""

    kind = "item"

    def __init__(self, item_id: str, hint: str = "") -> None:
        self.item_id = item_id
        msg = f"No {self.kind} with id {item_id!r}."
        if hint:
            msg += f" {hint}"
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would wrap the message in quotes
        return str(self.args[0])


class UnitNotFound(NotFound):
    """No unit (person or team) has this id."""

    kind = "unit"


class CapabilityNotFound(NotFound):
    """No capability has this id."""

    kind = "capability"


class NoPath(OrgGraphError):
    """No dependency or reporting path joins the units asked about."""


class ScenarioError(OrgGraphError):
    """A reorg scenario operation cannot be applied; names the operation's index and field."""

    def __init__(
        self, index: int | None, field: str | None, message: str, *, source: str | None = None
    ) -> None:
        self.index = index
        self.field = field
        self.detail = message
        """What is wrong, without the operation and field."""
        self.source = source
        """The file (and line) the scenario came from, when it was read from one."""
        where = f"operation {index}" if index is not None else "scenario"
        if field:
            where += f", field {field!r}"
        if source and index is None and not field:
            where = source  # a problem with the file itself: its name says enough
        elif source:
            where = f"{source}: {where}"
        super().__init__(f"{where}: {message}")
