"""Read a reorg scenario from a YAML or JSON file, safely, with errors that name the file and line.

The same guards as organisation files: a size limit checked before reading, the alias-bomb-safe
YAML loader (no object construction), JSON and YAML keys given twice refused, and every problem
located by line. A scenario that parses but cannot be applied to an organisation (an unknown unit,
say) is found later, by :func:`~orggraph.scenario.apply_scenario`; :func:`locate_scenario_error`
puts the file and line in front of that error too.
"""

from __future__ import annotations

from pathlib import Path

from orggraph.exceptions import InvalidOrgData, ScenarioError
from orggraph.io.loader import NATIVE_SUFFIXES, parse_native
from orggraph.io.problems import Locator, too_big
from orggraph.scenario import Scenario, parse_scenario

__all__ = ["SCENARIO_MAX_BYTES", "load_scenario", "locate_scenario_error"]

#: Scenario files larger than this are refused unread (a scenario is a short, reviewable list).
SCENARIO_MAX_BYTES = 5_000_000


def load_scenario(path: str | Path, *, max_bytes: int = SCENARIO_MAX_BYTES) -> Scenario:
    """Read and validate a scenario file (``.yaml``, ``.yml`` or ``.json``).

    Raises
    ------
    ScenarioError
        The file is missing, too large, not valid YAML/JSON, repeats a key, or breaks the scenario
        schema. The message starts with the file and line, then the operation (1-based) and field.
    """
    path = Path(path)
    data, locator = _parse(path, max_bytes)
    try:
        return parse_scenario(data)
    except ScenarioError as e:
        raise _located(e, locator) from None


def locate_scenario_error(path: str | Path, error: ScenarioError) -> ScenarioError:
    """``error`` (raised while applying the scenario read from ``path``) with the file and line in front.

    The file is read again, so this costs nothing unless something went wrong. If it can no longer
    be read, the error is returned naming the file only.
    """
    path = Path(path)
    try:
        _, locator = _parse(path, SCENARIO_MAX_BYTES)
    except ScenarioError:
        return ScenarioError(error.index, error.field, error.detail, source=str(path))
    return _located(error, locator)


def _parse(path: Path, max_bytes: int) -> tuple[object, Locator]:
    source = str(path)
    fmt = NATIVE_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ScenarioError(
            None,
            None,
            f"unsupported file type {path.suffix or '(none)'!r}; expected .yaml, .yml or .json",
            source=source,
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as e:
        raise ScenarioError(
            None, None, f"cannot read the scenario file ({e.strerror})", source=source
        ) from None
    if len(raw) > max_bytes:
        raise ScenarioError(None, None, too_big(len(raw), max_bytes), source=source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ScenarioError(None, None, f"not UTF-8 text (byte {raw[e.start]:#04x})", source=source) from None
    try:
        data, found, locator = parse_native(text, fmt, source)
    except InvalidOrgData as e:  # a syntax error or a refusal
        found = e.problems
    if found:  # that, or a key given twice
        first = found[0]
        where = ", ".join(p for p in (first.file, first.location) if p)
        raise ScenarioError(None, first.field, first.message, source=where)
    # The JSON locator indexes the organisation's sections on its own; ask it for the operations.
    locator.prepare([("operations", None, ())])
    return data, locator


def _located(error: ScenarioError, locator: Locator) -> ScenarioError:
    """The same error with ``file, line N`` in front (the line of the field when it is in the file)."""
    field: tuple[str | int, ...] = tuple(
        int(part) if part.isdigit() else part for part in (error.field or "").split(".") if part
    )
    if error.index is not None:
        line = locator.location("operations", error.index - 1, field)
    elif field:
        line = locator.location(str(field[0]), None, field[1:])
    else:
        line = None
    source = f"{locator.source}, {line}" if line else locator.source
    return ScenarioError(error.index, error.field, error.detail, source=source)
