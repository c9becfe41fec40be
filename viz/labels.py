"""Wording and grouping the map and the diagrams share: department names, counted nouns, and
which department a team is drawn in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from orggraph.graph import NO_DEPARTMENT
from orggraph.model import Org

__all__ = ["dept_name", "main_department", "plural"]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def dept_name(org: Org, dept_id: str) -> str:
    dept = org.department_by_id.get(dept_id)
    return dept.name if dept else dept_id


def main_department(G: nx.DiGraph, members: Iterable[str]) -> str:
    """The department most of ``members`` belong to (ties: the smallest id)."""
    counts = Counter(G.nodes[m].get("department") or NO_DEPARTMENT for m in members)
    return min(counts, key=lambda d: (-counts[d], d))
