"""Load an organisation from a YAML or JSON file, a folder of CSV files, text, or a dict.

Every entry point validates fully and either returns an :class:`~orggraph.model.Org` or raises
:class:`~orggraph.exceptions.InvalidOrgData` listing every problem found (file, line or row, field,
what was expected). Nothing is ever half-loaded. The ``*_checked`` variants also return the
warnings (isolated units, people without a manager, ...), which ``orggraph check`` prints.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml

from orggraph.exceptions import InvalidOrgData, Problem
from orggraph.gcpause import gc_paused
from orggraph.io.build import build_org
from orggraph.io.csvfolder import read_csv_folder
from orggraph.io.jsonpos import parse_json
from orggraph.io.problems import DataLocator, Issue, Locator, too_big
from orggraph.io.yamlsafe import YamlRefused, parse_yaml
from orggraph.model import Org

__all__ = [
    "DEFAULT_MAX_BYTES",
    "LoadResult",
    "load_org",
    "load_org_checked",
    "org_from_dict",
    "org_from_dict_checked",
    "org_from_text",
]

#: Files (or CSV folders) larger than this are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 50_000_000
TextFormat = Literal["yaml", "json"]
#: Native file suffixes and their text format (shared by the org and scenario loaders and save_org).
NATIVE_SUFFIXES: dict[str, TextFormat] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


class LoadResult(NamedTuple):
    """A valid organisation and the warnings found while checking it."""

    org: Org
    warnings: list[Problem]


def load_org(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Org:
    """Load and validate an organisation from ``.yaml``/``.yml``, ``.json`` or a folder of CSV files.

    Raises :class:`~orggraph.exceptions.InvalidOrgData` with every problem, located by file and
    line (YAML, JSON) or row and column (CSV). Inputs above ``max_bytes`` are refused unread.
    """
    org, _, _ = _load(Path(path), max_bytes)
    return org


def load_org_checked(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Like :func:`load_org`, and also return the warnings, located like the errors."""
    org, warnings, locator = _load(Path(path), max_bytes)
    return LoadResult(org, _resolve_warnings(warnings, locator))


def org_from_dict(data: Mapping[str, Any], source: str = "<data>") -> Org:
    """Validate native-schema data (as parsed from JSON, or posted to the API) into an Org.

    Problems are located as ``units[3]`` (zero-based index into the section) and field.
    """
    return org_from_dict_checked(data, source).org


def org_from_dict_checked(data: Mapping[str, Any], source: str = "<data>") -> LoadResult:
    """Like :func:`org_from_dict`, and also return the warnings."""
    locator = DataLocator(source)
    with gc_paused():
        org, warnings = build_org(data, locator)
    return LoadResult(org, _resolve_warnings(warnings, locator))


def org_from_text(
    text: str | bytes, fmt: TextFormat, *, source: str = "<text>", max_bytes: int = DEFAULT_MAX_BYTES
) -> Org:
    """Validate the text of a native YAML or JSON file (an upload, say), located by line."""
    if len(text) > max_bytes:
        raise InvalidOrgData([Problem(source, None, None, too_big(len(text), max_bytes))])
    if isinstance(text, bytes):
        text = _decode(text, source)
    with gc_paused():
        data, found, locator = parse_native(text, fmt, source)
        org, _ = build_org(data, locator, found)
    return org


def _load(path: Path, max_bytes: int) -> tuple[Org, list[Issue | Problem], Locator]:
    with gc_paused():
        if path.is_dir():
            data, found, locator, complete = read_csv_folder(path, max_bytes)
        else:
            fmt = _format_of(path)
            data, found, locator = parse_native(_read_text(path, max_bytes), fmt, str(path))
            complete = True
        org, warnings = build_org(data, locator, found, cross_check=complete)
    return org, [*(p for p in found if p.severity == "warning"), *warnings], locator


def _resolve_warnings(warnings: list[Any], locator: Locator) -> list[Problem]:
    located = [w for w in warnings if isinstance(w, Problem)]
    return located + locator.resolve([w for w in warnings if isinstance(w, Issue)])


def _format_of(path: Path) -> TextFormat:
    if not path.exists():
        raise InvalidOrgData([Problem(str(path), None, None, "no such file or folder")])
    fmt = NATIVE_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InvalidOrgData(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    f"unsupported file type {path.suffix or '(none)'!r}; expected .yaml, .yml, .json "
                    "or a folder of CSV files",
                )
            ]
        )
    return fmt


def _read_text(path: Path, max_bytes: int) -> str:
    size = path.stat().st_size
    if size > max_bytes:
        raise InvalidOrgData([Problem(str(path), None, None, too_big(size, max_bytes))])
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # a special file may not know its size
    except OSError as e:
        raise InvalidOrgData([Problem(str(path), None, None, f"cannot read it: {e.strerror}")]) from e
    if len(raw) > max_bytes:
        raise InvalidOrgData([Problem(str(path), None, None, too_big(len(raw), max_bytes))])
    return _decode(raw, str(path))


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidOrgData(
            [
                Problem(
                    source,
                    None,
                    None,
                    f"not UTF-8 text (byte {raw[exc.start]:#04x} at position {exc.start}); "
                    "save the file as UTF-8",
                )
            ]
        ) from None


def parse_native(text: str, fmt: TextFormat, source: str) -> tuple[Any, list[Problem], Locator]:
    """Parse native text; syntax errors and refusals raise InvalidOrgData, duplicate keys are returned."""
    try:
        if fmt == "yaml":
            data, found, locator = parse_yaml(text, source)
            return data, found, locator
        data, duplicated, json_locator = parse_json(text, source)
    except YamlRefused as exc:
        raise InvalidOrgData([Problem(source, None, None, f"refused: {exc}")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark is not None else None
        raise InvalidOrgData(
            [Problem(source, where, None, f"not valid YAML: {exc.problem or exc.context}")]
        ) from None
    except yaml.YAMLError as exc:
        raise InvalidOrgData([Problem(source, None, None, f"not valid YAML: {exc}")]) from None
    except json.JSONDecodeError as exc:
        raise InvalidOrgData(
            [Problem(source, f"line {exc.lineno}", None, f"not valid JSON: {exc.msg} (column {exc.colno})")]
        ) from None
    except RecursionError:
        raise InvalidOrgData(
            [Problem(source, None, None, "refused: the data is nested too deeply")]
        ) from None
    found: list[Problem] = []
    if duplicated:
        found = json_locator.duplicate_keys() or [
            Problem(source, None, None, "a key is given twice in the same object; keep only one")
        ]
    return data, found, json_locator
