"""Problems located by data coordinates, and the locators that turn them into file/line/row messages.

Validation works on parsed data, where a problem is known as "units record 3, field manager". Each
input format knows how to say that to a person: ``line 37`` in YAML or JSON, ``row 5`` in a CSV
file (spreadsheet numbering, header = row 1) with the column header as written, ``units[3]`` for a
dict posted to the API. An :class:`Issue` carries the data coordinates; a :class:`Locator` resolves
a batch of them into :class:`~orggraph.exceptions.Problem` objects (in one pass, because finding
lines in a large JSON file is costly and only done when something is wrong).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from orggraph.exceptions import Problem

__all__ = ["SECTIONS", "DataLocator", "FieldPath", "Issue", "Locator", "field_text", "too_big"]

#: Top-level sections of the native format, in file order.
SECTIONS: tuple[str, ...] = ("org", "departments", "units", "capabilities", "dependencies")
_SECTION_RANK = {name: i for i, name in enumerate(SECTIONS)}

FieldPath = tuple[str | int, ...]
Coordinates = tuple[str | None, int | None, FieldPath]


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem known by data coordinates: ``section`` (None = the whole file), record ``index``, ``field``.

    ``message`` may contain ``{related}``, replaced by the location of ``related`` (another record
    the message refers to, such as the first holder of a duplicate id).
    """

    section: str | None
    index: int | None
    field: FieldPath
    message: str
    severity: Literal["error", "warning"] = "error"
    related: Coordinates | None = None

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        rank = -1 if self.section is None else _SECTION_RANK.get(self.section, len(SECTIONS))
        return (rank, -1 if self.index is None else self.index, field_text(self.field), self.message)


def field_text(field: FieldPath) -> str:
    """``("channel", "type")`` -> ``"channel.type"``; ``("tags", 2)`` -> ``"tags[2]"``."""
    out = ""
    for part in field:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class Locator:
    """Resolves issues to problems; subclasses say where a record and a field are in their input."""

    def __init__(self, source: str) -> None:
        self.source = source

    def resolve(self, issues: Sequence[Issue]) -> list[Problem]:
        """Problems for ``issues`` in input order (section, record, line or row), warnings included."""
        wanted = [(i.section, i.index, i.field) for i in issues]
        wanted += [i.related for i in issues if i.related is not None]
        self.prepare(wanted)
        located = []
        for issue in issues:
            message = issue.message
            if issue.related is not None:
                message = message.replace("{related}", self.describe(*issue.related))
            problem = Problem(
                file=self.file(issue.section),
                location=self.location(issue.section, issue.index, issue.field),
                field=self.field(issue.section, issue.field) or None,
                message=message,
                severity=issue.severity,
            )
            rank, index, field, _ = issue.sort_key
            located.append(((rank, index, _number(problem.location), field, message), problem))
        located.sort(key=lambda pair: pair[0])
        return [problem for _, problem in located]

    def prepare(self, wanted: Sequence[Coordinates]) -> None:
        """Hook for locators that must scan their input once before answering (JSON)."""

    def file(self, section: str | None) -> str:
        return self.source

    def location(self, section: str | None, index: int | None, field: FieldPath) -> str | None:
        raise NotImplementedError

    def field(self, section: str | None, field: FieldPath) -> str:
        return field_text(field)

    def describe(self, section: str | None, index: int | None, field: FieldPath) -> str:
        """A short reference to another place, used inside messages ("line 12", "row 4")."""
        return self.location(section, index, field) or "elsewhere"


def _number(location: str | None) -> int:
    """The line or row number in ``"line 12"``, ``"row 4"``; -1 when there is none."""
    digits = "".join(ch for ch in (location or "").rsplit(" ", 1)[-1] if ch.isdigit())
    return int(digits) if digits else -1


class DataLocator(Locator):
    """For data that never was a file (an API body): ``units[3]``, zero-based like the JSON it came from."""

    def location(self, section: str | None, index: int | None, field: FieldPath) -> str | None:
        if section is None:
            return None
        return section if index is None else f"{section}[{index}]"


def too_big(size: int, limit: int) -> str:
    """The message refusing input above the size limit."""
    return (
        f"the data is {_size(size)}, above the {_size(limit)} limit; if it is genuine, raise the limit "
        "(max_bytes=..., or --max-mb on the command line)"
    )


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    return f"{n / 1000:.1f} kB" if n >= 1000 else f"{n} bytes"
