"""The CSV folder format, as HRIS and survey tools export it, read into the native schema and written back.

Files: ``units.csv`` (or ``people.csv``) is required; ``capabilities.csv``, ``dependencies.csv``,
``departments.csv`` and ``org.csv`` (one row: name, as_of; without it the organisation is named
after the folder) are optional.

Reading is forgiving where exports differ and strict where data could be misread:

* headers match case-, space- and punctuation-insensitively, with common HRIS aliases
  ("Employee ID", "Manager ID", "Reports To", "Job Title", "FTE", "Full Name" or "First Name" +
  "Last Name", "Customer Facing", "Email" ...); columns nobody asked for are reported as a warning;
* UTF-8 with or without BOM; the delimiter (comma, semicolon or tab) is taken from the header row;
* lists (providers, tags, keywords) are separated by ``;``; booleans are yes/no/true/false/1/0;
  decimal commas (``0,5``) are accepted; cadence, criticality, kind and channel type ignore case;
* a channel is one ``type:address`` column, separate ``channel_type``/``channel_address`` columns,
  or an ``Email`` (or ``Phone``) column;
* with both a department id and a department name column and no ``departments.csv``, the
  departments are listed from the pairs found.

Rows are counted like a spreadsheet: the header is row 1.

Writing produces the same files with the native field names, UTF-8 with a BOM (so Excel shows
accents), and text cells that would start a spreadsheet formula (``= + - @``) prefixed with ``'``
(removed again on reading).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from orggraph.exceptions import OrgGraphError, Problem
from orggraph.io.problems import FieldPath, Locator, too_big
from orggraph.model import Org

__all__ = ["CSV_FILES", "CsvLocator", "read_csv_folder", "write_csv_folder"]

#: File names per section; the first existing one is read.
CSV_FILES: dict[str, tuple[str, ...]] = {
    "org": ("org.csv",),
    "departments": ("departments.csv",),
    "units": ("units.csv", "people.csv"),
    "capabilities": ("capabilities.csv",),
    "dependencies": ("dependencies.csv",),
}

_CHANNEL = {
    "channel": ("channel", "contactchannel"),
    "channel_type": ("channeltype",),
    "channel_address": ("channeladdress",),
    "email": ("email", "emailaddress", "workemail", "businessemail", "mail"),
    "phone": ("phone", "phonenumber", "workphone", "telephone"),
}
_LEAD_TIME = ("leadtimehours", "leadtime", "leadtimeh", "turnaroundhours", "turnaround", "slahours")

#: Accepted headers per field, normalised (see :func:`_norm`), in priority order. Fields are
#: claimed in this order too, so a "Department" column becomes the department *name* when a
#: "Department ID" column gives the id.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "org": {
        "name": (
            "name",
            "organisation",
            "organization",
            "orgname",
            "organisationname",
            "organizationname",
            "company",
        ),
        "as_of": ("asof", "date", "snapshotdate", "effectivedate"),
    },
    "departments": {
        "id": ("id", "departmentid", "deptid", "departmentcode", "code"),
        "name": ("name", "departmentname", "deptname", "department"),
        "head": ("head", "headid", "departmenthead", "headofdepartment"),
    },
    "units": {
        "id": (
            "id",
            "employeeid",
            "employeenumber",
            "employeeno",
            "empid",
            "personid",
            "personnelnumber",
            "staffid",
            "workerid",
            "unitid",
            "userid",
        ),
        "name": ("name", "fullname", "employeename", "displayname", "unitname"),
        "first_name": ("firstname", "givenname"),
        "last_name": ("lastname", "surname", "familyname"),
        "kind": ("kind", "unittype", "type"),
        "title": ("title", "jobtitle", "position", "positiontitle", "role", "jobrole", "job"),
        "department": ("departmentid", "deptid", "departmentcode", "department", "dept"),
        "department_name": ("departmentname", "deptname", "department", "dept"),
        "team": ("team", "teamname", "teamid"),
        "manager": (
            "manager",
            "managerid",
            "reportsto",
            "reportstoid",
            "supervisor",
            "supervisorid",
            "linemanager",
            "linemanagerid",
            "manageremployeeid",
        ),
        "front_line": ("frontline", "customerfacing", "frontlinestaff"),
        "fte": ("fte", "ftes", "fulltimeequivalent", "capacity"),
        "location": ("location", "site", "office", "worklocation"),
        **_CHANNEL,
        "tags": ("tags", "labels", "skills"),
        "available": ("available", "availability"),
    },
    "capabilities": {
        "id": ("id", "capabilityid", "serviceid", "capability", "service"),
        "name": ("name", "capabilityname", "servicename", "title"),
        "description": ("description", "desc", "details"),
        "keywords": ("keywords", "tags", "synonyms"),
        "providers": (
            "providers",
            "provider",
            "providerids",
            "providerid",
            "providedby",
            "deliveredby",
            "owners",
        ),
        "lead_time_hours": _LEAD_TIME,
        **_CHANNEL,
    },
    "dependencies": {
        "consumer": (
            "consumer",
            "consumerid",
            "requester",
            "requesterid",
            "dependent",
            "unit",
            "unitid",
            "employeeid",
        ),
        "capability": ("capability", "capabilityid", "needs", "service", "serviceid"),
        "provider": ("provider", "providerid", "dependson", "supplier", "supplierid"),
        "cadence": ("cadence", "frequency", "howoften"),
        "criticality": ("criticality", "importance", "priority", "impact"),
        "lead_time_hours": _LEAD_TIME,
        "note": ("note", "notes", "comment", "comments"),
    },
}
_REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "departments": (("id",), ("name",)),
    "units": (("id",), ("name", "first_name")),
    "capabilities": (("id",), ("name",), ("providers",)),
    "dependencies": (("consumer",), ("capability", "provider")),
}
_LISTS = {"tags", "keywords", "providers"}
_NUMBERS = {"fte", "lead_time_hours"}
_ENUMS = {"kind", "cadence", "criticality"}
_SYNONYMS = {"fortnightly": "biweekly", "annually": "yearly", "annual": "yearly", "asneeded": "adhoc"}
_FORMULA_START = ("=", "+", "-", "@")
_DECIMAL_COMMA = re.compile(r"-?\d*,\d+")
_THOUSANDS = re.compile(r"-?\d{1,3},\d{3}")


def _norm(header: str) -> str:
    """``" Employee ID "`` -> ``"employeeid"``: case-folded, letters and digits only."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


class CsvLocator(Locator):
    """Locates records by file and spreadsheet row, and fields by the column header as written."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.files: dict[str, Path] = {}
        self.rows: dict[str, list[int]] = {}
        self.headers: dict[str, dict[str, str]] = {}

    def file(self, section: str | None) -> str:
        path = self.files.get(section or "")
        return str(path) if path else self.source

    def location(self, section: str | None, index: int | None, field: FieldPath) -> str | None:
        if section is None or index is None:
            return None
        rows = self.rows.get(section, [])
        return f"row {rows[index]}" if 0 <= index < len(rows) else None

    def field(self, section: str | None, field: FieldPath) -> str:
        if not field or not isinstance(field[0], str):
            return ""
        headers = self.headers.get(section or "", {})
        name = field[0]
        if name == "channel":
            for source in ("channel", "channel_type", "channel_address", "email", "phone"):
                if source in headers:
                    return headers[source]
        return headers.get(name, name)

    def describe(self, section: str | None, index: int | None, field: FieldPath) -> str:
        where = self.location(section, index, field) or "elsewhere"
        path = self.files.get(section or "")
        return f"{path.name} {where}" if path else where


def read_csv_folder(folder: Path, max_bytes: int) -> tuple[dict[str, Any], list[Problem], CsvLocator, bool]:
    """Read the folder into native-schema data.

    Returns the data, problems already located (unreadable files, header problems, unused
    columns), the locator, and whether the records are complete enough for cross-reference checks
    (False when a file or a required column is missing).
    """
    locator = CsvLocator(folder)
    found: list[Problem] = []
    paths = {section: _pick(folder, names) for section, names in CSV_FILES.items()}
    for names in CSV_FILES.values():
        present = [n for n in names if (folder / n).is_file()]
        if len(present) > 1:
            found.append(
                Problem(str(folder), None, None, f"both {' and '.join(present)} exist; keep only one")
            )
    if paths["units"] is None:
        found.append(
            Problem(
                str(folder),
                None,
                None,
                "no units.csv (or people.csv) in this folder; it lists the people and teams",
            )
        )
        return {}, found, locator, False
    total = sum(p.stat().st_size for p in paths.values() if p is not None)
    if total > max_bytes:
        found.append(Problem(str(folder), None, None, too_big(total, max_bytes)))
        return {}, found, locator, False

    data: dict[str, Any] = {}
    complete = True
    for section, path in paths.items():
        if path is None:
            continue
        locator.files[section] = path
        table = _read_table(path, found)
        if table is None:
            complete = False
            continue
        header, rows = table
        columns = _map_columns(section, header, path, found)
        if columns is None:
            complete = False
            continue
        locator.headers[section] = {f: header[i].strip() for f, i in columns.items()}
        if "first_name" in columns or "last_name" in columns:
            locator.headers[section]["name"] = " + ".join(
                header[columns[f]].strip() for f in ("first_name", "last_name") if f in columns
            )
        locator.rows[section] = [n for n, _ in rows]
        records = []
        for index, (_, row) in enumerate(rows):
            if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
                found.append(
                    Problem(
                        str(path),
                        f"row {locator.rows[section][index]}",
                        None,
                        f"the row has {len(row)} cells but the header has {len(header)} columns "
                        "(an extra delimiter or a missing quote?)",
                    )
                )
            records.append(_record(section, row, columns))
        if section == "org":
            if len(records) > 1:
                found.append(
                    Problem(
                        str(path), "row 3", None, "org.csv has one row: the organisation's name and as_of"
                    )
                )
            data["org"] = records[0] if records else {}
        else:
            data[section] = records
    data.setdefault("org", {"name": folder.resolve().name})
    if "departments" not in data:
        _departments_from_units(data)
    for record in data.get("units", []):
        record.pop("department_name", None)
    return data, found, locator, complete


def _pick(folder: Path, names: Sequence[str]) -> Path | None:
    return next((folder / n for n in names if (folder / n).is_file()), None)


def _read_table(path: Path, found: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Header and non-blank rows (with their spreadsheet row numbers), or None after reporting why not."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        found.append(Problem(str(path), None, None, f"cannot read it: {exc.strerror}"))
        return None
    except UnicodeDecodeError as exc:
        found.append(
            Problem(
                str(path),
                None,
                None,
                f"not UTF-8 text (byte {exc.object[exc.start]:#04x} at position {exc.start}); "
                "save it as 'CSV UTF-8' from your spreadsheet",
            )
        )
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            found.append(Problem(str(path), "row 1", None, "the file is empty; expected a header row"))
            return None
        rows = [(n, row) for n, row in enumerate(reader, start=2) if any(c.strip() for c in row)]
    except csv.Error as exc:
        found.append(Problem(str(path), f"line {reader.line_num}", None, f"cannot read the CSV: {exc}"))
        return None
    return header, rows


def _map_columns(section: str, header: list[str], path: Path, found: list[Problem]) -> dict[str, int] | None:
    """Field -> column index; reports repeated, unused, missing columns (None: a required one is missing)."""
    by_norm: dict[str, int] = {}
    for i, text in enumerate(header):
        key = _norm(text)
        if not key:
            continue
        if key in by_norm:
            found.append(
                Problem(
                    str(path), "row 1", text.strip(), f"column {text.strip()!r} appears twice; keep only one"
                )
            )
        else:
            by_norm[key] = i
    columns: dict[str, int] = {}
    claimed: set[int] = set()
    for field, aliases in COLUMNS[section].items():
        for alias in aliases:
            i = by_norm.get(alias)
            if i is not None and i not in claimed:
                columns[field] = i
                claimed.add(i)
                break
    unused = [header[i].strip() for i in sorted(set(by_norm.values()) - claimed)]
    if unused:
        found.append(
            Problem(str(path), "row 1", None, f"columns not used: {', '.join(unused)}", severity="warning")
        )
    complete = True
    for choices in _REQUIRED.get(section, ()):
        if not any(f in columns for f in choices):
            complete = False
            accepted = ", ".join(repr(a) for f in choices for a in COLUMNS[section][f][:4])
            found.append(
                Problem(
                    str(path),
                    "row 1",
                    " or ".join(choices),
                    f"no column for {' or '.join(choices)}; add one with a header such as {accepted}",
                )
            )
    return columns if complete else None


def _record(section: str, row: list[str], columns: dict[str, int]) -> dict[str, Any]:
    """One row as a native record: blank cells left out, lists split, enums and numbers normalised."""
    cells: dict[str, str] = {}
    for field, i in columns.items():
        value = row[i].strip() if i < len(row) else ""
        if value.startswith("'") and value[1:2] in _FORMULA_START:
            value = value[1:]
        if value:
            cells[field] = value
    record: dict[str, Any] = {}
    for field, value in cells.items():
        if field in _LISTS:
            record[field] = [v.strip() for v in value.split(";") if v.strip()]
        elif field in _NUMBERS:
            record[field] = _number(value)
        elif field in _ENUMS:
            key = _norm(value)
            record[field] = _SYNONYMS.get(key, key if key else value)
        elif field not in _CHANNEL and field not in ("first_name", "last_name"):
            record[field] = value
    if "name" not in record and ("first_name" in cells or "last_name" in cells):
        record["name"] = " ".join(cells[f] for f in ("first_name", "last_name") if f in cells)
    if "department" not in record and "department_name" in record:
        record["department"] = record["department_name"]
    channel = _channel(cells)
    if channel is not None:
        record["channel"] = channel
    return record


def _number(value: str) -> str:
    """``"0,5"`` -> ``"0.5"`` (a decimal comma); ``"1,000"`` is ambiguous and left to fail as a number."""
    if _DECIMAL_COMMA.fullmatch(value) and not _THOUSANDS.fullmatch(value):
        return value.replace(",", ".")
    return value


def _channel(cells: dict[str, str]) -> dict[str, str] | None:
    if "channel" in cells:
        value = cells["channel"]
        if ":" in value and not value.lower().startswith("mailto:"):
            kind, address = value.split(":", 1)
            return {"type": kind.strip().lower(), "address": address.strip()}
        if "@" in value:
            return {"type": "email", "address": value.removeprefix("mailto:")}
        return {"type": value.lower()}
    if "channel_type" in cells or "channel_address" in cells:
        return {"type": cells.get("channel_type", "").lower(), "address": cells.get("channel_address", "")}
    if "email" in cells:
        return {"type": "email", "address": cells["email"]}
    if "phone" in cells:
        return {"type": "phone", "address": cells["phone"]}
    return None


def _departments_from_units(data: dict[str, Any]) -> None:
    """List departments from the units' id/name pairs when the units give both and no file lists them."""
    units = data.get("units", [])
    if not any("department_name" in u and u.get("department") != u["department_name"] for u in units):
        return
    names: dict[str, str] = {}
    for unit in units:
        dept = unit.get("department")
        if dept and dept not in names:
            names[dept] = unit.get("department_name", dept)
    data["departments"] = [{"id": d, "name": n} for d, n in names.items()]


# -- writing ---------------------------------------------------------------------------------------

_WRITE_COLUMNS: dict[str, tuple[str, ...]] = {
    "org": ("name", "as_of"),
    "departments": ("id", "name", "head"),
    "units": (
        "id",
        "name",
        "kind",
        "title",
        "department",
        "team",
        "manager",
        "front_line",
        "fte",
        "location",
        "channel_type",
        "channel_address",
        "tags",
        "available",
    ),
    "capabilities": (
        "id",
        "name",
        "description",
        "keywords",
        "providers",
        "lead_time_hours",
        "channel_type",
        "channel_address",
    ),
    "dependencies": (
        "consumer",
        "capability",
        "provider",
        "cadence",
        "criticality",
        "lead_time_hours",
        "note",
    ),
}


def write_csv_folder(org: Org, folder: Path) -> None:
    """Write ``org`` as a CSV folder into ``folder`` (which must exist; see :func:`orggraph.io.save_org`)."""
    sections: dict[str, Iterable[Any]] = {
        "org": [org.org],
        "departments": org.departments,
        "units": org.units,
        "capabilities": org.capabilities,
        "dependencies": org.dependencies,
    }
    for section, records in sections.items():
        columns = _WRITE_COLUMNS[section]
        with (folder / CSV_FILES[section][0]).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for record in records:
                values = record.model_dump()
                channel = values.pop("channel", None) or {}
                values["channel_type"] = channel.get("type")
                values["channel_address"] = channel.get("address")
                writer.writerow([_cell(section, values.get(c), c, values) for c in columns])


def _cell(section: str, value: Any, column: str, record: dict[str, Any]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, tuple):
        bad = [v for v in value if ";" in v]
        if bad:
            raise OrgGraphError(
                f"cannot write {section} {record.get('id', '')!r} to CSV: {column} value {bad[0]!r} "
                "contains ';', "
                "the list separator; export to YAML or JSON instead"
            )
        return "; ".join(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
