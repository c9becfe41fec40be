"""Privacy mode: stable pseudonyms for people and the list of groups too small to report on.

A pseudonymised organisation is an ordinary :class:`~orggraph.model.Org` in which every person's
id becomes ``p-<code>`` and their name ``Person <code>``, where ``<code>`` is a keyed HMAC of the
real id (the same person gets the same pseudonym for as long as the key is kept). References to
people (managers, department heads, providers, consumers) follow, people's contact addresses are
dropped, and full names or ids quoted in free text (notes, descriptions, titles) are replaced. A
job title held by fewer people than the reporting minimum is dropped too: "Chief Executive
Officer" or "Payroll Clerk" held by one person would name them as surely as their name.
Analyses then run on that organisation, so every figure is exactly the real one while no report
can name anybody. Teams and departments keep their names.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from orggraph.graph import NO_DEPARTMENT
from orggraph.model import Capability, Channel, Department, Dependency, Org, Unit

__all__ = ["pseudonym_codes", "pseudonymise_org", "small_departments"]


def pseudonym_codes(unit_ids: Iterable[str], key: bytes, *, taken: Iterable[str] = ()) -> dict[str, str]:
    """A short code per id (HMAC-SHA256 under ``key``), unique among themselves and ``taken``."""
    ids = sorted(set(unit_ids))
    digests = {i: hmac.new(key, f"orggraph-person:{i}".encode(), hashlib.sha256).hexdigest() for i in ids}
    reserved = set(taken)
    for length in (10, 16, 64):
        codes = {i: d[:length] for i, d in digests.items()}
        if len(set(codes.values())) == len(codes) and not {f"p-{c}" for c in codes.values()} & reserved:
            return codes
    raise ValueError("pseudonym collision")  # 256-bit digests of distinct ids do not collide


def pseudonymise_org(org: Org, key: bytes, *, min_title_holders: int = 5) -> Org:
    """The organisation with every person replaced by a stable pseudonym (see module docstring);
    people's titles held by fewer than ``min_title_holders`` people are dropped."""
    people = [u for u in org.units if u.kind == "person"]
    holders = Counter(u.title.strip().casefold() for u in people)
    codes = pseudonym_codes(
        (u.id for u in people), key, taken=(u.id for u in org.units if u.kind != "person")
    )
    ids = {u.id: f"p-{codes[u.id]}" for u in people}
    replacements = {**{u.name: f"Person {codes[u.id]}" for u in people}, **ids}
    scrub = _Scrubber(replacements)

    def ref(unit_id: str | None) -> str | None:
        return ids.get(unit_id, unit_id) if unit_id is not None else None

    def channel(ch: Channel | None, person: bool) -> Channel | None:
        if ch is None:
            return None
        return ch.model_copy(update={"address": "" if person else scrub(ch.address)})

    units = tuple(
        u.model_copy(
            update={
                "id": ids.get(u.id, u.id),
                "name": f"Person {codes[u.id]}" if u.id in ids else u.name,
                "title": _shared_title(u, holders, min_title_holders, scrub),
                "manager": ref(u.manager),
                "team": ref(u.team),
                "location": scrub(u.location),
                "channel": channel(u.channel, u.id in ids),
                "tags": tuple(scrub(t) for t in u.tags),
            }
        )
        for u in org.units
    )
    departments = tuple(
        d.model_copy(update={"name": scrub(d.name), "head": ref(d.head)}) for d in org.departments
    )
    capabilities = tuple(
        c.model_copy(
            update={
                "name": scrub(c.name),
                "description": scrub(c.description),
                "keywords": tuple(scrub(k) for k in c.keywords),
                "providers": tuple(ids.get(p, p) for p in c.providers),
                "channel": channel(c.channel, False),
            }
        )
        for c in org.capabilities
    )
    dependencies = tuple(
        d.model_copy(
            update={
                "consumer": ids.get(d.consumer, d.consumer),
                "provider": ref(d.provider),
                "note": scrub(d.note),
            }
        )
        for d in org.dependencies
    )
    return _new_org(org, units, departments, capabilities, dependencies)


def _shared_title(unit: Unit, holders: Counter[str], minimum: int, scrub: _Scrubber) -> str:
    """A person's title when enough people share it (else ""); a team's title as it is, scrubbed."""
    if unit.kind == "person" and holders[unit.title.strip().casefold()] < minimum:
        return ""
    return scrub(unit.title)


def _new_org(
    org: Org,
    units: tuple[Unit, ...],
    departments: tuple[Department, ...],
    capabilities: tuple[Capability, ...],
    dependencies: tuple[Dependency, ...],
) -> Org:
    # A fresh Org (not model_copy, which would carry over the original's cached id lookups).
    return Org(
        org=org.org,
        units=units,
        departments=departments,
        capabilities=capabilities,
        dependencies=dependencies,
    )


def small_departments(org: Org, min_size: int) -> frozenset[str]:
    """Departments (ids, and :data:`~orggraph.graph.NO_DEPARTMENT`) with fewer than ``min_size`` units."""
    sizes: dict[str, int] = {d: 0 for d in org.department_by_id}
    for u in org.units:
        key = u.department or NO_DEPARTMENT
        sizes[key] = sizes.get(key, 0) + 1
    return frozenset(d for d, n in sizes.items() if n < min_size)


class _Scrubber:
    """Replaces whole-word occurrences of given strings (case-insensitive) in free text."""

    def __init__(self, replacements: Mapping[str, str]) -> None:
        self._map = {k.lower(): v for k, v in replacements.items() if k}
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{_trie(self._map)})(?!\w)", re.IGNORECASE) if self._map else None
        )

    def __call__(self, text: str) -> str:
        if not text or self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._map.get(m.group(0).lower(), "[withheld]"), text)


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, built as a trie so it stays fast with thousands of them."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alternatives = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
