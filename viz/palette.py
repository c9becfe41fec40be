"""Deterministic colours for departments and communities.

The first colours are a qualitative palette chosen to stay distinguishable for most colour
vision deficiencies; beyond it, hues are spread by the golden angle. The same sorted ids
always get the same colours, so two maps of the same organisation look the same.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable

__all__ = ["FADED", "assign_colours", "colour"]

_BASE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#bcbd22", "#393b79", "#e377c2",
    "#637939", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5",
)  # fmt: skip

FADED = "#e6e6e6"
"""Fill of nodes pushed to the background by a highlight."""


def colour(index: int) -> str:
    """The ``index``-th colour of the sequence (hex ``#rrggbb``)."""
    if index < len(_BASE):
        return _BASE[index]
    hue = (index * 0.618033988749895) % 1.0
    r, g, b = colorsys.hls_to_rgb(hue, 0.55, 0.55)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def assign_colours(keys: Iterable[str]) -> dict[str, str]:
    """A colour per key, given in sorted key order (so the mapping never depends on input order)."""
    return {key: colour(i) for i, key in enumerate(sorted(set(keys)))}
