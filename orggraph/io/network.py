"""Import survey / ONA-style network data: an edge list or adjacency matrix plus an attribute table.

Organisational network analysis surveys ("who do you go to for advice?", "who do you work
with?") and published research data sets arrive as two files:

* the **ties**: an edge list (``ego alter [weight]``, whitespace or CSV, optional header) or an
  adjacency matrix (a labelled CSV, or a plain whitespace ``.dat`` whose row k is person k);
* an **attribute table**: one row per person, with columns for the department, team,
  front-line flag, name, title and manager, often as codes (``1`` = Boston) that the caller labels.

Reporting lines (who reports to whom) come from the attribute table's manager column (an
organogram's "reports to") or from a reports-to file laid out like the ties (ego reports to
alter); they set each person's ``manager``. With no ties file at all, the reporting lines are
the ties: an organogram is imported as "each person depends on their manager" (or the reverse
with ``direction="alter-depends-on-ego"``).

:func:`read_network` turns them into an :class:`~orggraph.model.Org`: every person becomes a
unit, every tie a dependency ``consumer -> provider`` (by default ego depends on alter: "I go
to her for advice" means I depend on her), named by the relation in the dependency's ``note``.
Every orggraph analysis then runs on it.

Ids: tokens made only of digits are compared as numbers, so ``01`` in an attribute table matches
``1`` in an edge list. Positions (matrix rows and columns, attribute rows with
``id_column="row"``) count from ``base`` (1 by default); an edge list that counts from another
number is shifted with ``edge_base``. Self-loops and ties of weight 0 or less are dropped and
counted; repeated ties are merged and counted; attribute rows repeating an id with the same
values (a job share) are merged and counted. Every problem names the file, the line and the
field, and all of them are reported at once (:class:`~orggraph.exceptions.InvalidOrgData`).
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from orggraph.exceptions import InvalidOrgData, Problem
from orggraph.model import Cadence, Criticality, Department, Dependency, Org, OrgMeta, Unit

__all__ = ["Direction", "NetworkImport", "parse_value_labels", "read_network"]

Direction = Literal["ego-depends-on-alter", "alter-depends-on-ego"]
Column = str | int | None
ROLES = ("department", "team", "front_line", "name", "title")
TRUTHY = ("1", "true", "yes", "y", "x")
MAX_PROBLEMS = 25
_SOURCE_NAMES = {"source", "src", "from", "ego", "sender", "i", "node1", "id1", "u", "head", "consumer"}
_TARGET_NAMES = {"target", "dst", "to", "alter", "receiver", "j", "node2", "id2", "v", "tail", "provider"}
_WEIGHT_NAMES = {"weight", "value", "tie", "w", "strength", "count", "frequency"}
_ID_NAMES = {"id", "node", "person", "employee id", "employee", "person id", "unit id", "ego"}
#: Manager-column values meaning "no manager" (the top of a reporting tree), case-insensitive.
NO_MANAGER = frozenset({"", "xx", "none", "n/a", "na", "-", "top"})


class NetworkImport(BaseModel):
    """The imported organisation and what happened on the way (for the user to check)."""

    model_config = ConfigDict(frozen=True)

    org: Org
    relation: str
    direction: Direction
    undirected: bool
    people: int
    ties: int
    """Distinct ties kept (an undirected tie counts once and gives two dependencies)."""
    ties_read: int
    """Tie lines (edge list) or non-zero cells (matrix) read, before anything was dropped."""
    dependencies: int
    self_loops_dropped: int
    absent_ties_dropped: int
    """Ties with weight 0 or less (a full dyad list or a matrix marks absent ties that way)."""
    duplicate_ties_merged: int
    isolates: int
    """People in the attribute table who appear in no tie."""
    reporting_lines: int = 0
    """People given a manager (from a manager column or a reports-to file)."""
    duplicate_rows_merged: int = 0
    """Attribute rows repeating an id with the same values (e.g. a job share), merged into one person."""

    def summary(self) -> str:
        """One paragraph for the user: what was imported and what was dropped."""
        kind = "undirected" if self.undirected else f"directed, {self.direction}"
        parts = [
            f"{self.people} people, {self.ties} ties ({self.relation}, {kind}) giving "
            f"{self.dependencies} dependencies, from {self.ties_read} ties read",
            f"{len(self.org.department_by_id)} departments",
        ]
        dropped = [
            (self.self_loops_dropped, "self-loops dropped"),
            (self.absent_ties_dropped, "ties of weight 0 or less dropped"),
            (self.duplicate_ties_merged, "repeated lines merged"),
            (self.isolates, "with no tie (isolates)"),
            (self.reporting_lines, "reporting lines"),
            (self.duplicate_rows_merged, "repeated attribute rows merged"),
        ]
        parts += [f"{n} {what}" for n, what in dropped if n]
        return "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class _Tie:
    source: str
    target: str
    weight: float
    where: str
    """``line N`` in the ties file, for error messages."""


def read_network(
    edges: str | Path | None,
    *,
    attributes: str | Path | None = None,
    id_column: Column = None,
    department_column: Column = None,
    team_column: Column = None,
    front_line_column: Column = None,
    name_column: Column = None,
    title_column: Column = None,
    manager_column: Column = None,
    reports_to: str | Path | None = None,
    department_from_id: str | None = None,
    text_ids: bool = False,
    labels: Mapping[str, Mapping[str, str]] | None = None,
    front_line_values: Collection[str] = TRUTHY,
    matrix: bool = False,
    undirected: bool = False,
    direction: Direction = "ego-depends-on-alter",
    header: bool | None = None,
    attributes_header: bool | None = None,
    base: int = 1,
    edge_base: int | None = None,
    relation: str | None = None,
    org_name: str | None = None,
    cadence: Cadence = "monthly",
    criticality: Criticality = "medium",
    encoding: str = "utf-8-sig",
) -> NetworkImport:
    """Read an edge list or adjacency matrix (plus an optional attribute table) into an Org.

    Parameters
    ----------
    edges
        The ties, or ``None`` to use the reporting lines as the ties. An edge list has one tie
        per line, ``source target [weight]``, separated by whitespace, commas, semicolons or
        tabs, with an optional header (detected from names
        such as ``source``/``ego``/``from``, or forced with ``header``). With ``matrix=True``
        it is an adjacency matrix: a CSV whose first row and first column hold the ids, or a
        plain whitespace matrix whose row and column k is person ``k + base - 1``.
    attributes
        Optional attribute table, one row per person (CSV with a header, or whitespace without).
    id_column, department_column, team_column, front_line_column, name_column, title_column
        Which attribute column plays each role: a header name (case- and space-insensitive)
        or a 1-based position. ``id_column`` defaults to a column named like ``id`` or the first
        one; ``id_column="row"`` numbers the rows from ``base``.
    manager_column
        Attribute column giving each person's manager id (``XX``, ``none``, ``-`` or an empty
        cell mark the top of the tree; see :data:`NO_MANAGER`).
    reports_to
        Reporting lines laid out like ``edges`` (an edge list, or a matrix with ``matrix``):
        ego reports to alter.
    department_from_id
        A regular expression taking the department code from the person's id when the id
        encodes it (``^[A-Z]+`` gives ``W`` for ``W3``; its first group when it has one),
        named with the department labels.
    text_ids
        Compare ids as text, keeping leading zeros (``007`` and ``7`` are different people), for
        data whose ids are codes rather than numbers (e.g. organogram post references).
    labels
        Value labels per role, e.g. ``{"department": {"1": "Boston", "2": "Hartford"}}``.
    front_line_values
        Values (raw or labelled, case-insensitive) of the front-line column meaning "front line".
    matrix, undirected, direction
        ``undirected`` makes each tie a dependency both ways (co-work). ``direction`` says how to
        read a directed tie ego -> alter: ``ego-depends-on-alter`` (ego asks alter for advice)
        or ``alter-depends-on-ego`` (ego serves alter).
    header, attributes_header
        Force or forbid a header line; ``None`` detects it.
    base, edge_base
        The number positions count from (matrix rows, ``id_column="row"``); ``edge_base`` is
        the number the edge list's ids count from when it differs (they are shifted to ``base``).
    relation, org_name
        The relation's name (written in each dependency's ``note``; default: the file's stem)
        and the organisation's name.
    cadence, criticality
        Given to every dependency (survey ties rarely say how often or how critical).
    encoding
        Text encoding of both files (UTF-8 with or without BOM by default).

    Returns
    -------
    NetworkImport
        The :class:`~orggraph.model.Org` and the counts of what was read, dropped and merged.

    Raises
    ------
    InvalidOrgData
        Every problem found, each naming the file, the line and the field.
    """
    if department_from_id is not None and department_column is not None:
        raise ValueError("give the department either as a column or from the id, not both")
    if edges is None and manager_column is None and reports_to is None:
        raise ValueError(
            "give the ties, or reporting lines (a manager column or a reports-to file) to use as ties"
        )
    if text_ids and edge_base is not None:
        raise ValueError("edge_base shifts numeric ids; it cannot be used with text ids")
    ident = str.strip if text_ids else _canonical
    if direction not in ("ego-depends-on-alter", "alter-depends-on-ego"):
        raise ValueError(f"direction must be ego-depends-on-alter or alter-depends-on-ego, not {direction!r}")
    problems: list[Problem] = []
    table = _Table()
    if attributes is not None:
        table = _read_attributes(
            Path(attributes),
            columns={
                "id": id_column,
                "department": department_column,
                "team": team_column,
                "front_line": front_line_column,
                "name": name_column,
                "title": title_column,
                "manager": manager_column,
            },
            labels=labels or {},
            front_line_values={v.strip().lower() for v in front_line_values},
            header=attributes_header,
            base=base,
            encoding=encoding,
            problems=problems,
            ident=ident,
        )
    elif (
        any(
            c is not None
            for c in (department_column, team_column, front_line_column, name_column, title_column)
        )
        or manager_column is not None
    ):
        raise ValueError(
            "department, team, front-line, name, title and manager columns need an attribute table"
        )
    people, departments = table.people, table.departments

    def read_ties(path: Path) -> list[_Tie]:
        if matrix:
            return _read_matrix(path, base=base, encoding=encoding, problems=problems, ident=ident)
        shift = 0 if edge_base is None else base - edge_base
        return _read_edge_list(
            path, header=header, shift=shift, encoding=encoding, problems=problems, ident=ident
        )

    files = [(Path(p), kind) for p, kind in ((edges, "ties"), (reports_to, "reports")) if p is not None]
    read = {kind: read_ties(path) for path, kind in files}
    if problems:
        raise InvalidOrgData(problems)
    for path, kind in files:
        if attributes is not None:
            _check_known(path, read[kind], people, Path(attributes).name, problems)
        else:
            for tie in read[kind]:
                for node in (tie.source, tie.target):
                    if node not in people:
                        people[node] = Unit(id=node, name=_default_name(node))
    if problems:
        raise InvalidOrgData(problems)

    managers = _reporting_lines(table, read.get("reports", []), reports_to, people, problems, ident)
    if problems:
        raise InvalidOrgData(problems)
    for uid, manager in managers.items():
        people[uid] = people[uid].model_copy(update={"manager": manager})
    if department_from_id is not None:
        _departments_from_ids(people, departments, department_from_id, (labels or {}).get("department", {}))
    if edges is not None:
        ties, stem = read["ties"], Path(edges).stem
    else:
        ties = [_Tie(u, m, 1.0, "reporting line") for u, m in sorted(managers.items())]
        stem = Path(attributes if attributes is not None else reports_to).stem  # type: ignore[arg-type]
        relation = relation or "reports to"

    result = _assemble(
        ties,
        people,
        departments,
        relation=relation or stem,
        org_name=org_name or stem,
        undirected=undirected,
        direction=direction,
        cadence=cadence,
        criticality=criticality,
    )
    return result.model_copy(update={"reporting_lines": len(managers), "duplicate_rows_merged": table.merged})


def parse_value_labels(text: str) -> dict[str, str]:
    """Parse ``"1=Boston,2=Hartford"`` into ``{"1": "Boston", "2": "Hartford"}``.

    >>> parse_value_labels("1=Boston, 2=Hartford")
    {'1': 'Boston', '2': 'Hartford'}
    """
    out: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        code, sep, label = item.partition("=")
        if not sep or not code.strip() or not label.strip():
            raise ValueError(f"value label {item.strip()!r} is not of the form CODE=LABEL (e.g. 1=Boston)")
        out[_canonical(code.strip())] = label.strip()
    return out


# --------------------------------------------------------------------------------------------
# reading text tables


def _lines(path: Path, encoding: str, problems: list[Problem]) -> list[tuple[int, str]]:
    """Non-blank, non-comment lines with their 1-based line numbers (``#`` and ``%`` start comments)."""
    try:
        text = path.read_text(encoding=encoding)
    except FileNotFoundError:
        problems.append(Problem(str(path), None, None, "file not found"))
        return []
    except UnicodeDecodeError as e:
        line = path.read_bytes()[: e.start].count(b"\n") + 1
        problems.append(
            Problem(str(path), f"line {line}", None, f"not valid {encoding} text (pass the file's encoding)")
        )
        return []
    except OSError as e:
        problems.append(Problem(str(path), None, None, f"cannot be read: {e.strerror or e}"))
        return []
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "%")):
            out.append((number, line))
    return out


def _rows(path: Path, encoding: str, problems: list[Problem], empty: str) -> list[tuple[int, list[str]]]:
    """The file's rows split into fields; ``empty`` (``no ties found``) is reported for an empty file."""
    rows = list(_split_rows(_lines(path, encoding, problems)))
    if not rows and not problems:
        problems.append(Problem(str(path), None, None, f"{empty} (the file is empty)"))
    return rows


def _split_rows(lines: list[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """Split lines into fields: CSV when the first line has ``,``, ``;`` or a tab, else whitespace."""
    if not lines:
        return
    first = lines[0][1]
    delimiter = next((d for d in (",", ";", "\t") if d in first), None)
    for number, line in lines:
        if delimiter is None:
            yield number, line.split()
        else:
            yield number, [f.strip() for f in next(csv.reader([line], delimiter=delimiter))]


def _canonical(token: str) -> str:
    """Ids made of digits compare as numbers: ``"007"`` -> ``"7"``."""
    token = token.strip()
    return str(int(token)) if token.isdigit() else token


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _default_name(node: str) -> str:
    return f"person {node}" if node.isdigit() else node


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


# --------------------------------------------------------------------------------------------
# ties


def _read_edge_list(
    path: Path,
    *,
    header: bool | None,
    shift: int,
    encoding: str,
    problems: list[Problem],
    ident: Callable[[str], str] = _canonical,
) -> list[_Tie]:
    rows = _rows(path, encoding, problems, "no ties found")
    if not rows:
        return []
    first_number, first = rows[0]
    if header is None:
        header = _edge_header(rows)
    cols: tuple[int, int, int | None]
    width: int | None
    if header:
        cols = _edge_columns(path, first_number, first, problems)
        rows = rows[1:]
        width = None
    else:
        width = len(first)
        if width not in (2, 3):
            problems.append(
                Problem(
                    str(path),
                    f"line {first_number}",
                    None,
                    f"expected 2 or 3 fields (source, target and an optional weight), found {width}"
                    + ("; if this is an adjacency matrix, pass --matrix (matrix=True)" if width > 3 else ""),
                )
            )
            return []
        cols = (0, 1, 2 if width == 3 else None)
    src_col, dst_col, w_col = cols
    need = max(c for c in cols if c is not None) + 1
    ties: list[_Tie] = []
    for number, fields in rows:
        where = f"line {number}"
        if width is not None and len(fields) != width:
            problems.append(
                Problem(
                    str(path),
                    where,
                    None,
                    f"expected {width} fields like line {first_number}, found {len(fields)}",
                )
            )
            continue
        if len(fields) < need:
            problems.append(
                Problem(str(path), where, None, f"expected at least {need} fields, found {len(fields)}")
            )
            continue
        source, target = fields[src_col], fields[dst_col]
        bad = False
        for field, value in (("source", source), ("target", target)):
            if not value:
                problems.append(Problem(str(path), where, field, "empty id"))
                bad = True
        weight = 1.0
        if w_col is not None:
            try:
                weight = float(fields[w_col])
            except ValueError:
                problems.append(
                    Problem(str(path), where, "weight", f"expected a number, found {fields[w_col]!r}")
                )
                bad = True
        if not bad:
            ties.append(_Tie(_shifted(ident(source), shift), _shifted(ident(target), shift), weight, where))
        if len(problems) > MAX_PROBLEMS:
            break
    return ties


def _edge_header(rows: list[tuple[int, list[str]]]) -> bool:
    """A header names two columns like source/target/weight, or has text where line 2 has a weight."""
    first = [f.lower() for f in rows[0][1]]
    if sum(f in _SOURCE_NAMES | _TARGET_NAMES | _WEIGHT_NAMES for f in first) >= 2:
        return True
    second = rows[1][1] if len(rows) > 1 else []
    return len(first) >= 3 and len(second) >= 3 and not _is_number(first[2]) and _is_number(second[2])


def _edge_columns(
    path: Path, number: int, header: list[str], problems: list[Problem]
) -> tuple[int, int, int | None]:
    """Source, target and weight columns of a headed edge list (by name, else the first three)."""
    names = [h.lower() for h in header]

    def find(wanted: set[str]) -> int | None:
        return next((i for i, n in enumerate(names) if n in wanted), None)

    src, dst, w = find(_SOURCE_NAMES), find(_TARGET_NAMES), find(_WEIGHT_NAMES)
    if src is None or dst is None:
        if len(header) < 2:
            problems.append(
                Problem(str(path), f"line {number}", None, "the header names fewer than 2 columns")
            )
            return 0, 1, None
        src, dst = 0, 1
        if w is None and len(header) >= 3:
            w = 2
    return src, dst, w


def _shifted(token: str, shift: int) -> str:
    return str(int(token) + shift) if shift and token.isdigit() else token


def _read_matrix(
    path: Path,
    *,
    base: int,
    encoding: str,
    problems: list[Problem],
    ident: Callable[[str], str] = _canonical,
) -> list[_Tie]:
    rows = _rows(path, encoding, problems, "no matrix found")
    if not rows:
        return []
    first_number, first = rows[0]
    labelled = not first[0] or not all(_is_number(f) for f in first)
    if labelled:
        # with a corner cell the header is as wide as the rows; without one it is one shorter
        corner = len(rows) > 1 and len(first) == len(rows[1][1])
        labels = [ident(f) for f in (first[1:] if corner else first)]
        body = rows[1:]
    else:
        labels = [str(k + base) for k in range(len(first))]
        body = rows
    n = len(labels)
    if len(body) != n:
        problems.append(
            Problem(str(path), None, None, f"the matrix must be square: {n} columns but {len(body)} rows")
        )
    ties: list[_Tie] = []
    column_of = set(labels)
    for k, (number, fields) in enumerate(body):
        where = f"line {number}"
        if labelled:
            row_id, values = ident(fields[0]), fields[1:]
            if row_id not in column_of:
                problems.append(
                    Problem(str(path), where, "row label", f"{fields[0]!r} is not one of the column labels")
                )
                continue
        else:
            row_id, values = (labels[k] if k < n else str(k + base)), fields
        if len(values) != n:
            problems.append(
                Problem(str(path), where, None, f"expected {n} values (a square matrix), found {len(values)}")
            )
            continue
        for j, cell in enumerate(values):
            try:
                weight = float(cell)
            except ValueError:
                problems.append(
                    Problem(str(path), where, f"column {j + 1}", f"expected a number, found {cell!r}")
                )
                break
            if weight != 0.0:
                ties.append(_Tie(row_id, labels[j], weight, f"{where}, column {j + 1}"))
        if len(problems) > MAX_PROBLEMS:
            break
    return ties


def _check_known(
    edges: Path, ties: list[_Tie], people: Mapping[str, Unit], attr_name: str, problems: list[Problem]
) -> None:
    """Every id in the ties must be a person in the attribute table."""
    missing: set[str] = set()
    for tie in ties:
        for field, node in (("source", tie.source), ("target", tie.target)):
            if node not in people:
                if len(problems) < MAX_PROBLEMS:
                    problems.append(
                        Problem(
                            str(edges),
                            tie.where,
                            field,
                            f"id {node!r} is not in the attribute table {attr_name}",
                        )
                    )
                missing.add(node)
    if not missing:
        return
    hint = f"{len(missing)} ids in the ties are not in {attr_name}."
    known = [int(p) for p in people if p.isdigit()]
    absent = [int(m) for m in missing if m.isdigit()]
    if known and absent and len(absent) == len(missing):
        lo, hi = min(known), max(known)
        outside = min(absent) if min(absent) < lo else max(absent)
        if outside in (lo - 1, hi + 1):
            hint += (
                f" The attribute ids run from {lo} to {hi} but the ties use {outside}:"
                " if the two files count from different numbers, pass --edge-base (edge_base)."
            )
    problems.append(Problem(str(edges), None, None, hint))


# --------------------------------------------------------------------------------------------
# attributes


@dataclass
class _Table:
    """What the attribute table gives: people, departments, raw manager cells, merged repeats."""

    people: dict[str, Unit] = dataclasses.field(default_factory=dict)
    departments: dict[str, Department] = dataclasses.field(default_factory=dict)
    managers: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    """Person id -> (manager id as written, where), for people with a manager cell."""
    merged: int = 0
    path: str = ""


def _read_attributes(
    path: Path,
    *,
    columns: dict[str, Column],
    labels: Mapping[str, Mapping[str, str]],
    front_line_values: set[str],
    header: bool | None,
    base: int,
    encoding: str,
    problems: list[Problem],
    ident: Callable[[str], str] = _canonical,
) -> _Table:
    rows = _rows(path, encoding, problems, "no rows found")
    if not rows:
        return _Table()
    named = [c for c in columns.values() if isinstance(c, str) and c != "row" and not c.strip().isdigit()]
    if header is None:
        header = bool(named) or _looks_like_header(rows)
    head_names = [h.strip().lower() for h in rows[0][1]] if header else []
    if header:
        rows = rows[1:]
    index: dict[str, int | None] = {}
    for role, spec in columns.items():
        index[role] = _column_index(path, role, spec, head_names, problems)
    if problems:
        return _Table()

    def title_of(role: str) -> str:
        i = index[role]
        if i is not None and head_names and i < len(head_names) and head_names[i]:
            return head_names[i]
        return role.replace("_", " ")

    role_labels = {role: {_canonical(k): v for k, v in labels.get(role, {}).items()} for role in ROLES}
    unknown_roles = set(labels) - set(ROLES)
    if unknown_roles:
        raise ValueError(f"labels for unknown roles {sorted(unknown_roles)}; use {list(ROLES)}")
    table = _Table(path=str(path))
    people, departments = table.people, table.departments
    first_line: dict[str, int] = {}
    first_values: dict[str, tuple[tuple[str, str | None], ...]] = {}
    for k, (number, fields) in enumerate(rows):
        where = f"line {number}"

        def cell(role: str, fields: list[str] = fields, where: str = where) -> str | None:
            i = index[role]
            if i is None:
                return None
            if i >= len(fields):
                problems.append(
                    Problem(
                        str(path), where, title_of(role), f"missing: the line has only {len(fields)} fields"
                    )
                )
                return None
            return fields[i].strip()

        raw_id = str(k + base) if index["id"] is None else cell("id")
        if raw_id is None:
            continue
        if not raw_id:
            problems.append(Problem(str(path), where, title_of("id"), "empty id"))
            continue
        uid = ident(raw_id)
        values = {role: cell(role) for role in (*ROLES, "manager")}
        same = tuple(values.items())
        if uid in people:
            if first_values[uid] == same:
                table.merged += 1  # the same person twice (a job share): one unit
                continue
            problems.append(
                Problem(
                    str(path),
                    where,
                    title_of("id"),
                    f"duplicate id {raw_id!r} (first on line {first_line[uid]})",
                )
            )
            continue
        first_line[uid], first_values[uid] = number, same
        if values["manager"] is not None:
            table.managers[uid] = (values["manager"], where)
        dept_id = None
        if values["department"]:
            dept_id, dept_name = _group(
                values["department"], role_labels["department"], title_of("department")
            )
            departments.setdefault(dept_id, Department(id=dept_id, name=dept_name))
        team = None
        if values["team"]:
            team, _ = _group(values["team"], role_labels["team"], title_of("team"))
        front_line = False
        if values["front_line"] is not None:
            raw = values["front_line"]
            shown = role_labels["front_line"].get(_canonical(raw), raw)
            front_line = raw.lower() in front_line_values or shown.lower() in front_line_values
        title = values["title"] or ""
        if title:
            title = role_labels["title"].get(_canonical(title), title)
        name = values["name"] or _default_name(uid)
        people[uid] = Unit(
            id=uid, name=name, title=title, department=dept_id, team=team, front_line=front_line
        )
    return table


def _reporting_lines(
    table: _Table,
    reports: list[_Tie],
    reports_path: str | Path | None,
    people: Mapping[str, Unit],
    problems: list[Problem],
    ident: Callable[[str], str],
) -> dict[str, str]:
    """Each person's manager, from the manager column and the reports-to ties, checked.

    Unknown managers, two different managers for one person and reporting-line cycles are
    problems naming the file and the line.
    """
    managers: dict[str, str] = {}
    where: dict[str, tuple[str, str]] = {}  # person -> (file, location) of their manager
    for uid, (raw, loc) in table.managers.items():
        manager = ident(raw)
        if raw.strip().lower() in NO_MANAGER or manager == uid:
            continue
        if manager not in people:
            problems.append(
                Problem(table.path, loc, "manager", f"manager {raw!r} is not a person in the table")
            )
            continue
        managers[uid], where[uid] = manager, (table.path, loc)
    for tie in reports:
        if tie.weight <= 0 or tie.source == tie.target:
            continue
        known = managers.get(tie.source)
        if known is not None and known != tie.target:
            file, loc = where[tie.source]
            problems.append(
                Problem(
                    str(reports_path),
                    tie.where,
                    "target",
                    f"{tie.source!r} reports to {tie.target!r} here "
                    f"but to {known!r} in {Path(file).name} ({loc})",
                )
            )
            continue
        managers[tie.source], where[tie.source] = tie.target, (str(reports_path), tie.where)
    for start in sorted(managers):
        seen, current = [start], managers[start]
        while current in managers and current not in seen:
            seen.append(current)
            current = managers[current]
        if current == start:
            loop = " -> ".join([*seen, start])
            if start == min(seen):  # report each cycle once
                file, loc = where[start]
                problems.append(Problem(file, loc, "manager", f"reporting-line cycle: {loop}"))
    return managers


def _departments_from_ids(
    people: dict[str, Unit], departments: dict[str, Department], pattern: str, labels: Mapping[str, str]
) -> None:
    """Set each person's department from the code ``pattern`` finds in their id."""
    regex = re.compile(pattern)
    named = {_canonical(k): v for k, v in labels.items()}
    for uid, unit in people.items():
        m = regex.search(uid)
        if m is None:
            continue
        code = m.group(1) if regex.groups else m.group(0)
        if not code:
            continue
        dept_id, dept_name = _group(code, named, "department")
        departments.setdefault(dept_id, Department(id=dept_id, name=dept_name))
        people[uid] = unit.model_copy(update={"department": dept_id})


def _looks_like_header(rows: list[tuple[int, list[str]]]) -> bool:
    """A first row with a text cell where the second row has a number is a header."""
    if len(rows) < 2:
        return False
    first, second = rows[0][1], rows[1][1]
    return any(not _is_number(a) and _is_number(b) for a, b in zip(first, second, strict=False)) or (
        bool(first) and first[0] == ""
    )


def _column_index(
    path: Path, role: str, spec: Column, head: list[str], problems: list[Problem]
) -> int | None:
    """0-based index of the column for ``role`` (``None`` when the role is not used)."""
    if spec is None:
        if role != "id":
            return None
        if head:
            return next((i for i, h in enumerate(head) if h in _ID_NAMES), 0)
        return 0
    if isinstance(spec, str) and spec.strip().lower() == "row":
        if role != "id":
            raise ValueError("only the id column can be 'row' (ids numbered by row)")
        return None
    text = str(spec).strip()
    key = " ".join(text.lower().split())
    if head:
        for i, h in enumerate(head):
            if " ".join(h.split()) == key:
                return i
    if text.isdigit():
        position = int(text)
        if position < 1:
            raise ValueError(f"column positions start at 1, not {position} ({role} column)")
        return position - 1
    shown = ", ".join(repr(h) for h in head) if head else "(no header line)"
    problems.append(
        Problem(
            str(path),
            "line 1" if head else None,
            role.replace("_", " "),
            f"no column named {text!r}; the columns are {shown} (or give a 1-based position)",
        )
    )
    return None


def _group(raw: str, labels: Mapping[str, str], column: str) -> tuple[str, str]:
    """(id, display name) of a department or team value, using its label when there is one."""
    code = _canonical(raw)
    if code in labels:
        return _slug(labels[code]), labels[code]
    if _is_number(raw):
        name = f"{column} {code}"
        return _slug(name), name
    return _slug(raw), raw


# --------------------------------------------------------------------------------------------
# assembling the org


def _assemble(
    ties: list[_Tie],
    people: dict[str, Unit],
    departments: dict[str, Department],
    *,
    relation: str,
    org_name: str,
    undirected: bool,
    direction: Direction,
    cadence: Cadence,
    criticality: Criticality,
) -> NetworkImport:
    self_loops = absent = duplicates = 0
    seen: dict[tuple[str, str], float] = {}
    oriented: set[tuple[str, str]] = set()
    for tie in ties:
        if tie.weight <= 0:
            absent += 1
            continue
        if tie.source == tie.target:
            self_loops += 1
            continue
        if (tie.source, tie.target) in oriented:
            duplicates += 1  # the same line twice; i-j then j-i in undirected data is one tie, not a repeat
        oriented.add((tie.source, tie.target))
        if undirected:
            key = tuple(sorted((tie.source, tie.target), key=_sort_key))
        elif direction == "ego-depends-on-alter":
            key = (tie.source, tie.target)
        else:
            key = (tie.target, tie.source)
        seen[key] = max(seen.get(key, 0.0), tie.weight)
    weighted = any(w != 1.0 for w in seen.values())
    deps: list[Dependency] = []
    for (consumer, provider), weight in sorted(
        seen.items(), key=lambda kv: (_sort_key(kv[0][0]), _sort_key(kv[0][1]))
    ):
        note = f"{relation} (weight {weight:g})" if weighted else relation
        pairs = [(consumer, provider), (provider, consumer)] if undirected else [(consumer, provider)]
        for c, p in pairs:
            deps.append(
                Dependency(consumer=c, provider=p, cadence=cadence, criticality=criticality, note=note)
            )
    deps.sort(key=lambda d: (_sort_key(d.consumer), _sort_key(d.provider or "")))
    touched = {n for pair in seen for n in pair}
    units = sorted(people.values(), key=lambda u: _sort_key(u.id))
    org = Org(
        org=OrgMeta(name=org_name),
        departments=tuple(sorted(departments.values(), key=lambda d: d.id)),
        units=tuple(units),
        dependencies=tuple(deps),
    )
    return NetworkImport(
        org=org,
        relation=relation,
        direction=direction,
        undirected=undirected,
        people=len(units),
        ties=len(seen),
        ties_read=len(ties),
        dependencies=len(deps),
        self_loops_dropped=self_loops,
        absent_ties_dropped=absent,
        duplicate_ties_merged=duplicates,
        isolates=sum(1 for u in units if u.id not in touched),
    )


def _sort_key(node: str) -> tuple[int, int, str]:
    """Numeric ids in numeric order, before text ids in text order."""
    return (0, int(node), "") if node.isdigit() else (1, 0, node)
