"""Turn parsed data (the native schema as dicts and lists) into a validated :class:`~orggraph.model.Org`.

The happy path is one bulk ``Org.model_validate`` (pydantic-core validates every record without a
Python call per record). When it fails, the errors are mapped to issues, the records without errors
are validated on their own, and the cross-reference rules run on them too, so a single pass
reports every problem. The org is returned only when there is no error at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from orggraph.exceptions import InvalidOrgData, Problem
from orggraph.io.problems import SECTIONS, Issue, Locator
from orggraph.io.validate import check_references
from orggraph.model import Capability, Channel, Department, Dependency, Org, OrgMeta, Unit

__all__ = ["build_org"]

SECTION_MODELS: dict[str, type[BaseModel]] = {
    "org": OrgMeta,
    "departments": Department,
    "units": Unit,
    "capabilities": Capability,
    "dependencies": Dependency,
}
_RECORD_NOUN = {
    "departments": "department",
    "units": "unit",
    "capabilities": "capability",
    "dependencies": "dependency",
}


def build_org(
    data: Any, locator: Locator, found: Sequence[Problem] = (), *, cross_check: bool = True
) -> tuple[Org, list[Issue]]:
    """Validate ``data``; return the org and its warnings (as issues) or raise InvalidOrgData.

    ``found`` are problems the reader already located (duplicate keys, CSV header problems); an
    error among them makes the load fail too, after every other problem has been collected.
    ``cross_check=False`` skips the cross-reference rules, for data known to be incomplete (a
    CSV file could not be read), where they would only report noise.
    """
    issues: list[Issue] = []
    org: Org | None = None
    if data is None:
        issues.append(Issue(None, None, (), "the file is empty; expected the keys " + ", ".join(SECTIONS)))
    elif not isinstance(data, Mapping):
        issues.append(
            Issue(
                None, None, (), f"expected a mapping with the keys {', '.join(SECTIONS)}, got {_short(data)}"
            )
        )
    else:
        data = {k: v for k, v in data.items() if not (v is None and k in SECTIONS)}
        unknown = [k for k in data if k not in SECTIONS]
        issues.extend(
            Issue(
                None, None, (str(k),), f"unknown top-level key {k!r}; expected one of: {', '.join(SECTIONS)}"
            )
            for k in unknown
        )
        valid, errors = _validate_sections(data)
        issues.extend(_schema_issue(err) for err in errors)
        if not errors and not unknown:
            org = Org(**valid)
            if cross_check:
                issues.extend(check_references(org))
        elif cross_check and not unknown:  # an unknown key is probably a misspelt section: skip the noise
            salvage = _salvage(data, errors, valid)
            if salvage is not None:
                issues.extend(check_references(salvage[0], positions=salvage[1], extra_ids=salvage[2]))
    failed = any(p.severity == "error" for p in found) or any(i.severity == "error" for i in issues)
    if failed or org is None:
        raise InvalidOrgData([*found, *locator.resolve(issues)])
    return org, issues


def _validate_sections(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    """Each section validated in bulk: the valid ones, and the errors (loc starting with the section)."""
    valid: dict[str, Any] = {}
    errors: list[Any] = []
    for section in SECTIONS:
        if section not in data:
            continue
        try:
            if section == "org":
                valid[section] = OrgMeta.model_validate(data[section])
            else:
                valid[section] = tuple(_adapter(section).validate_python(data[section]))
        except ValidationError as exc:
            errors.extend({**err, "loc": (section, *err["loc"])} for err in exc.errors(include_url=False))
    return valid, errors


def _salvage(
    data: Mapping[str, Any], errors: list[Any], valid: Mapping[str, Any]
) -> tuple[Org, dict[str, list[int]], dict[str, set[str]]] | None:
    """The records as an org for the cross-reference rules, with their input positions.

    A record with schema errors is kept without its faulty fields when it is valid that way (a
    bad ``fte`` must not hide that the same unit's manager is unknown); otherwise it is left out
    and only its id is remembered. Sections without errors are reused as validated. None when a
    whole section is unusable.
    """
    bad: dict[str, dict[int, set[str]]] = {s: {} for s in SECTIONS}
    for err in errors:
        loc = err["loc"]
        if loc[0] == "org":
            continue
        if len(loc) < 2 or not isinstance(loc[1], int):
            return None  # the section itself is not a list of records
        fields = bad[loc[0]].setdefault(loc[1], set())
        fields.add(loc[2] if len(loc) > 2 and isinstance(loc[2], str) else "")
    positions: dict[str, list[int]] = {}
    extra_ids: dict[str, set[str]] = {}
    sections: dict[str, Any] = {"org": valid.get("org", OrgMeta())}
    for section in SECTIONS[1:]:
        extra_ids[section] = set()
        if section in valid or section not in data:
            sections[section] = valid.get(section, ())
            continue
        items = data[section]
        keep = [i for i in range(len(items)) if i not in bad[section]]
        records = dict(zip(keep, _adapter(section).validate_python([items[i] for i in keep]), strict=True))
        for i, fields in bad[section].items():
            record = _without(SECTION_MODELS[section], items[i], fields)
            if record is not None:
                records[i] = record
            elif isinstance(items[i], Mapping) and isinstance(items[i].get("id"), str | int):
                extra_ids[section].add(str(items[i]["id"]).strip())
        positions[section] = sorted(records)
        sections[section] = tuple(records[i] for i in positions[section])
    return Org(**sections), positions, extra_ids


def _without(model: type[BaseModel], raw: Any, fields: set[str]) -> BaseModel | None:
    """``raw`` validated without ``fields``, or None when that is not valid either."""
    if "" in fields or not isinstance(raw, Mapping):
        return None
    try:
        return model.model_validate({k: v for k, v in raw.items() if k not in fields})
    except ValidationError:
        return None


@cache
def _adapter(section: str) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[SECTION_MODELS[section]])  # type: ignore[valid-type]


def _schema_issue(err: Any) -> Issue:
    """One pydantic error as an issue at its record and field, with a message saying what was expected."""
    loc = tuple(err["loc"])
    section = loc[0]
    if section != "org" and len(loc) >= 2 and isinstance(loc[1], int):
        index, field = loc[1], loc[2:]
    else:
        index, field = None, loc[1:]
    if index is None and not field and section != "org":
        message = f"expected a list of {_RECORD_NOUN[section]} records, got {_short(err['input'])}"
    else:
        message = _field_message(err, section, field)
    return Issue(section, index, field, message)


def _field_message(err: Any, section: str, field: tuple[Any, ...]) -> str:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    name = next((p for p in reversed(field) if isinstance(p, str)), "")
    if kind == "missing":
        return f"{name!r} is required but missing"
    if kind == "extra_forbidden":
        model = Channel if "channel" in field[:-1] else SECTION_MODELS[section]
        return f"unknown field {name!r}; expected one of: {', '.join(model.model_fields)}"
    if kind == "literal_error":
        return f"{_short(value)} is not a valid {name}; expected one of: {ctx.get('expected', '')}"
    if kind.startswith(("float_", "int_", "decimal_")):
        return f"expected a number, got {_short(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must not be negative, got {_short(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        if name == "providers":
            return "a capability needs at least one provider (a unit id); list them in order, primary first"
        return "must not be empty"
    if kind == "string_type":
        return f"expected text, got {_short(value)}; put the value in quotes"
    if kind.startswith("bool_"):
        return f"expected yes or no (true/false), got {_short(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        what = (
            "a record of field: value pairs" if not field else "a mapping such as {type: email, address: ...}"
        )
        return f"expected {what}, got {_short(value)}"
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return f"expected a list, got {_short(value)}"
    if kind.startswith(("date_", "datetime_")):
        return f"expected a date such as 2024-06-30, got {_short(value)}"
    return str(err["msg"])


def _short(value: Any) -> str:
    """The value for a message, never a whole section dumped into it."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
