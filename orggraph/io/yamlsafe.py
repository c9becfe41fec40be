"""Safe YAML parsing: no object construction, no alias bombs, no silent duplicate keys, line numbers kept.

* The loader derives from ``SafeLoader`` (the libyaml ``CSafeLoader`` when PyYAML was built with
  it, several times faster), so tags such as ``!!python/object`` are refused.
* Aliases are resolved by the composer into shared nodes. Before anything is constructed, the
  size the document would have with every alias expanded is computed (linear time, memoised on
  shared nodes); a document that would expand far beyond its written size ("billion laughs")
  or that refers to itself is refused.
* A key given twice in one mapping is reported with both lines, never "last one wins".
* The composed node tree is kept so that problems found later can be located by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from orggraph.exceptions import Problem
from orggraph.io.problems import Coordinates, FieldPath, Locator

__all__ = ["YamlLocator", "YamlRefused", "parse_yaml"]

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"

#: Aliases may expand a document to at most this many nodes more than it has written ...
EXPANSION_SLACK = 100_000
#: ... or this many times its written node count, whichever is larger.
EXPANSION_FACTOR = 10


class YamlRefused(Exception):
    """The document is refused before construction (alias bomb, self-reference)."""


class _OrgLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader that records duplicate keys and checks alias expansion before constructing."""

    def __init__(self, stream: str, source: str) -> None:
        super().__init__(stream)
        self.source = source
        self.duplicates: list[Problem] = []
        self.root: Node | None = None

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _check_expansion(node)
        self.root = node
        return self.construct_document(node)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            first_line: dict[str, int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                    continue
                line = key_node.start_mark.line + 1
                if key_node.value in first_line:
                    self.duplicates.append(
                        Problem(
                            self.source,
                            f"line {line}",
                            key_node.value,
                            f"key {key_node.value!r} is given twice in the same record (first on line "
                            f"{first_line[key_node.value]}); keep only one",
                        )
                    )
                else:
                    first_line[key_node.value] = line
        return super().construct_mapping(node, deep=deep)


def _collections(node: Node) -> list[Node]:
    """The child nodes of a sequence or mapping (keys and values)."""
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value)


def _check_expansion(root: Node) -> None:
    """Refuse a node graph whose alias-expanded size is out of proportion, or that contains itself.

    Only sequences and mappings are walked (scalars count 1 each), each once, so the check is
    linear in the written document even when the expansion is astronomically large.
    """
    if not isinstance(root, CollectionNode):
        return
    expanded: dict[int, int] = {}
    on_path: set[int] = set()
    written = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        children = _collections(node)
        if children_done:
            on_path.discard(key)
            expanded[key] = 1 + sum(expanded[id(c)] if isinstance(c, CollectionNode) else 1 for c in children)
            continue
        if key in expanded:
            continue
        if key in on_path:
            raise YamlRefused("an alias refers to a node that contains it (a self-referencing structure)")
        on_path.add(key)
        written += 1 + sum(1 for c in children if not isinstance(c, CollectionNode))
        stack.append((node, True))
        stack.extend((c, False) for c in children if isinstance(c, CollectionNode) and id(c) not in expanded)
    total = expanded[id(root)]
    if total > max(written * EXPANSION_FACTOR, written + EXPANSION_SLACK):
        raise YamlRefused(
            f"aliases would expand {written:,} written nodes to {total:,} (an alias bomb?); "
            "write the repeated parts out or use fewer aliases"
        )


def parse_yaml(text: str, source: str) -> tuple[Any, list[Problem], YamlLocator]:
    """Parse one YAML document; return the data, duplicate-key problems, and a locator.

    Raises :class:`YamlRefused` or ``yaml.YAMLError`` (the caller turns both into problems).
    """
    loader = _OrgLoader(text, source)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return data, loader.duplicates, YamlLocator(source, loader.root)


class YamlLocator(Locator):
    """Locates records and fields by the line of their node: ``line 37``."""

    def __init__(self, source: str, root: Node | None) -> None:
        super().__init__(source)
        self.root = root

    def location(self, section: str | None, index: int | None, field: FieldPath) -> str | None:
        node = self._find((section, index, field))
        return None if node is None else f"line {node.start_mark.line + 1}"

    def prepare(self, wanted: Sequence[Coordinates]) -> None:
        """Nothing to scan: the node tree answers directly."""

    def _find(self, where: Coordinates) -> Node | None:
        """The deepest node on the path (section, index, *field); the key node for a mapping key."""
        section, index, field = where
        if section is None or self.root is None:
            return None
        path: list[str | int] = [section]
        if index is not None:
            path.append(index)
        path.extend(field)
        node, found = self.root, None
        for step in path:
            if isinstance(node, MappingNode) and isinstance(step, str):
                pair = next(
                    (p for p in node.value if isinstance(p[0], ScalarNode) and p[0].value == step), None
                )
                if pair is None:
                    break
                found, node = pair[0], pair[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                found = node
            else:
                break
        return found
