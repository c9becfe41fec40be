"""Run Graphviz's ``dot`` on DOT source, with a time limit and plain-language errors."""

from __future__ import annotations

import shutil
import subprocess
from typing import Literal

from orggraph.exceptions import OrgGraphError

__all__ = ["DOT_TIMEOUT_S", "GraphvizFailed", "GraphvizMissing", "ImageFormat", "render_dot"]

ImageFormat = Literal["svg", "png"]

DOT_TIMEOUT_S = 60.0
"""Longest a diagram may take to lay out; past it ``dot`` is stopped."""

INSTALL_HINT = (
    "Graphviz's 'dot' program is not installed, so the diagram cannot be drawn. Install it with "
    "'apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS) or from graphviz.org, "
    "or write the DOT source instead (-o FILE.dot) and render it elsewhere."
)


class GraphvizMissing(OrgGraphError):
    """The ``dot`` program is not on the PATH."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class GraphvizFailed(OrgGraphError):
    """``dot`` ran but failed or took too long."""


def render_dot(source: str, fmt: ImageFormat = "svg", *, timeout: float = DOT_TIMEOUT_S) -> bytes:
    """Lay out and draw DOT ``source`` with ``dot``; returns the SVG or PNG bytes.

    Raises
    ------
    GraphvizMissing
        ``dot`` is not installed (the message says how to install it).
    GraphvizFailed
        ``dot`` exited with an error or ran past ``timeout`` seconds.
    """
    if fmt not in ("svg", "png"):
        raise OrgGraphError(f"Unknown image format {fmt!r}: use svg or png (or .dot for the source).")
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizMissing()
    try:
        done = subprocess.run(
            [dot, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise GraphvizFailed(
            f"Graphviz took longer than {timeout:g} s to lay out this diagram and was stopped; "
            "draw a smaller part of the organisation or write the DOT source (-o FILE.dot)."
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizFailed(
            f"Graphviz could not draw the diagram: {' '.join(detail[:3]) or 'unknown error'}"
        )
    return done.stdout
