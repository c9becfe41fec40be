"""Escaping for the three places data from the organisation ends up: HTML, JSON inside a
``<script>`` element, and Graphviz DOT.

Names in HR data are free text typed by people; the map and the diagrams must show
``<img src=x onerror=alert(1)>`` or ``a "quoted" name\\`` as the literal text it is.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import graphviz

__all__ = ["dot_text", "html_text", "json_for_script"]

# Characters that could end the script element, open an HTML comment or break a JS string
# literal when JSON sits inside <script>; each becomes its \uXXXX escape, which JSON.parse
# reads back as the same character.
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def html_text(value: object) -> str:
    """Text for HTML element content or a quoted attribute value (``& < > " '`` escaped)."""
    return html.escape(str(value), quote=True)


def json_for_script(data: Any) -> str:
    """JSON safe to place verbatim inside a ``<script>`` element.

    ``</script>``, ``<!--`` and U+2028/U+2029 cannot appear in the output; the text still
    parses with ``JSON.parse`` (and ``json.loads``) to exactly ``data``.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False, allow_nan=False)
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def dot_text(value: object) -> graphviz.quoting.NoHtml:
    """A label for the ``graphviz`` package that ``dot`` shows literally.

    The package passes strings through as DOT escStrings and treats ``<...>`` as an HTML-like
    label; here every backslash is doubled (so ``\\n``, ``\\l`` or a trailing backslash stay
    literal), control characters become spaces, line breaks become centred DOT line breaks,
    and the result is marked ``nohtml`` (the package then quotes it and escapes ``"``).
    """
    lines = str(value).splitlines() or [""]
    escaped = (_CONTROL.sub(" ", line.replace("\\", "\\\\")) for line in lines)
    return graphviz.nohtml("\\n".join(escaped))
