"""The page's static assets, read once: vis-network (from the copy shipped inside pyvis) and
our own template, script and styles (package data of :mod:`viz`).

Everything is inlined into the page, so the map works offline, from a file, and under a
content security policy that allows only 'self' and inline scripts and styles.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["VIS_VERSION", "own_asset", "vis_css", "vis_js"]

VIS_VERSION = "9.1.2"
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_STYLE_END = re.compile(r"</(style)", re.IGNORECASE)


def _pyvis_lib(name: str) -> str:
    path = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:  # pragma: no cover - only with an incompatible pyvis
        raise RuntimeError(
            f"vis-network {VIS_VERSION} was not found inside the installed pyvis package ({path}); "
            "install pyvis 0.3.2, which ships it."
        ) from e


@cache
def vis_js() -> str:
    """vis-network's standalone build, safe to inline in ``<script>``."""
    # "<\/script" means the same inside JS strings and regexes; the shipped build has none,
    # this only guards against a future copy that does.
    return _SCRIPT_END.sub(r"<\\/\1", _pyvis_lib("vis-network.min.js"))


@cache
def vis_css() -> str:
    """vis-network's stylesheet (its images are data: URLs), safe to inline in ``<style>``."""
    return _STYLE_END.sub(r"<\\/\1", _pyvis_lib("vis-network.css"))


@cache
def own_asset(name: str) -> str:
    """One of our files in ``viz/templates`` (the page template, map.js, map.css)."""
    return (resources.files("viz") / "templates" / name).read_text(encoding="utf-8")
