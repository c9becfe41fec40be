"""Escaping for HTML, JSON inside <script>, and DOT (checked with the real dot)."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET

import graphviz
import pytest

from tests.viz.conftest import QUOTED, XSS, requires_dot
from viz.safe import dot_text, html_text, json_for_script

NASTY = [
    XSS,
    QUOTED,
    "</SCRIPT><script>alert(1)</script>",
    "<!-- comment -->",
    "line\u2028sep\u2029para",
    "a & b 'single' \"double\"",
    "trailing backslash \\",
]
DOT_NASTY = [
    "<a> <b>",
    "<<b>bold?</b>>",
    'say "hi"',
    "trailing backslash \\",
    "two trailing \\\\",
    'backslash quote \\"',
    "\\n is not a newline \\l \\N \\G",
    "{braces} [brackets]; -> edge",
    "port:like:name",
    "node",
    "",
    "tab\there",
]


@pytest.mark.parametrize("text", NASTY)
def test_json_for_script_round_trips_and_cannot_break_out(text: str) -> None:
    data = {"name": text, "list": [text]}
    out = json_for_script(data)
    assert json.loads(out) == data
    lowered = out.lower()
    for bad in ("</script", "<!--", "<script", "\u2028", "\u2029", "<", ">"):
        assert bad not in lowered


def test_html_text_escapes_markup_and_quotes() -> None:
    assert html_text(XSS) == "&lt;img src=x onerror=alert(1)&gt;"
    assert html_text("\"'&") == "&quot;&#x27;&amp;"


def _svg_texts(source: str) -> list[str]:
    svg = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True).stdout
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


@requires_dot
def test_dot_labels_are_drawn_literally_by_dot() -> None:
    g = graphviz.Digraph()
    for i, name in enumerate(DOT_NASTY):
        g.node(f"n{i}", label=dot_text(name))
    g.edge("n0", "n1", label=dot_text("<x> \\"))
    texts = _svg_texts(g.source)
    # dot drops empty labels and collapses the tab to a space; everything else verbatim
    expected = [n.replace("\t", " ") for n in DOT_NASTY if n] + ["<x> \\"]
    assert sorted(t.replace("\xa0", " ") for t in texts) == sorted(expected)


@requires_dot
def test_dot_text_keeps_line_breaks_as_separate_lines() -> None:
    g = graphviz.Digraph()
    g.node("n0", label=dot_text('first "line"\nsecond \\'))
    assert [t.replace("\xa0", " ") for t in _svg_texts(g.source)] == ['first "line"', "second \\"]
