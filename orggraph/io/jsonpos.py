"""JSON parsing that refuses duplicate keys and can find the line of any record afterwards.

The happy path is the C decoder with an ``object_pairs_hook`` that only compares lengths (a
duplicate key makes the dict shorter than its pairs). Lines are needed only when something is
wrong, so :class:`JsonLocator` scans the text once, on demand: it walks the two top levels by
hand, skips every record with the C decoder (``raw_decode``), and tokenises only the records it
was asked about (or that hold a duplicate key).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from orggraph.exceptions import Problem
from orggraph.io.problems import SECTIONS, Coordinates, FieldPath, Locator

__all__ = ["JsonLocator", "parse_json"]

_WS = re.compile(r"[ \t\n\r]*")
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]')
#: A repeated key: offset of the first and of the second, the key, and the record path holding it.
Duplicate = tuple[int, int, str, tuple[Any, ...]]


def parse_json(text: str, source: str) -> tuple[Any, bool, JsonLocator]:
    """Parse ``text``; return the data, whether some object repeats a key, and a locator.

    Raises ``json.JSONDecodeError`` for a syntax error.
    """
    duplicated = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        result = dict(pairs)
        if len(result) != len(pairs):
            duplicated = True
        return result

    data = json.loads(text, object_pairs_hook=pairs_hook)
    return data, duplicated, JsonLocator(source, text)


class JsonLocator(Locator):
    """Locates records and fields by line: ``line 37``."""

    def __init__(self, source: str, text: str) -> None:
        super().__init__(source)
        self.text = text
        self.offsets: dict[tuple[Any, ...], int] = {}
        self.lines: dict[int, int] = {}
        self.shared_line: set[tuple[Any, ...]] = set()

    def duplicate_keys(self) -> list[Problem]:
        """Every key given twice in one object, with both lines (scans the whole text)."""
        found: list[Duplicate] = []
        self._scan(set(), found)
        self._number_lines([o for first, second, _, _ in found for o in (first, second)])
        return [
            Problem(
                self.source,
                self._line(second, record),
                key,
                f"key {key!r} is given twice in the same record (first on line {self.lines[first]}); "
                "keep only one",
            )
            for first, second, key, record in found
        ]

    def prepare(self, wanted: Sequence[Coordinates]) -> None:
        records = {(s, i) for s, i, _ in wanted if s is not None}
        self._scan(records, None)
        self._number_lines(self.offsets.values())

    def location(self, section: str | None, index: int | None, field: FieldPath) -> str | None:
        if section is None:
            return None
        path: tuple[Any, ...] = (section,) if index is None else (section, index)
        offset = self.offsets.get(path)
        for step in field:
            path = (*path, step)
            offset = self.offsets.get(path, offset)
        return None if offset is None else self._line(offset, (section, index))

    def _line(self, offset: int, record: tuple[Any, ...]) -> str:
        """``line 12``; ``line 1 (units[3])`` when the record shares its line with another (compact JSON)."""
        where = f"line {self.lines[offset]}"
        if record in self.shared_line:
            where += f" ({record[0]}[{record[1]}])"
        return where

    # -- scanning -------------------------------------------------------------------------------

    def _scan(self, records: set[tuple[str, int | None]], duplicates: list[Duplicate] | None) -> None:
        """Record offsets of wanted records and their keys; collect duplicate keys when asked."""
        text = self.text
        i = _WS.match(text, 0).end()
        if not text.startswith("{", i):
            return
        i += 1
        seen: dict[str, int] = {}
        while True:
            i = _WS.match(text, i).end()
            if text.startswith("}", i):
                return
            key_at = i
            key, i = _DECODER.raw_decode(text, i)
            if duplicates is not None and key in seen:
                duplicates.append((seen[key], key_at, key, ()))
            seen.setdefault(key, key_at)
            self.offsets.setdefault((key,), key_at)
            i = _WS.match(text, i).end() + 1  # past ':'
            i = _WS.match(text, i).end()
            if key in SECTIONS and key != "org" and text.startswith("[", i):
                i = self._scan_records(key, i, records, duplicates)
            else:
                start = i
                _, i = _DECODER.raw_decode(text, i)
                if (key, None) in records or duplicates is not None:
                    self._tokenise(start, i, (key,), duplicates)
            i = _WS.match(text, i).end()
            if text.startswith(",", i):
                i += 1

    def _scan_records(
        self, section: str, i: int, records: set[tuple[str, int | None]], duplicates: list[Duplicate] | None
    ) -> int:
        """Walk one section's array from its ``[``; return the offset after its ``]``.

        Records are skipped at C speed; only wanted records (and, when looking for duplicate keys,
        records holding one) are tokenised. Without a duplicate search the walk stops after the
        last wanted record and the rest of the array is skipped in one C call.
        """
        text, array_start, ws = self.text, i, _WS.match
        wanted = {index for s, index in records if s == section and index is not None}
        if duplicates is None and not wanted:
            return _DECODER.scan_once(text, array_start)[1]
        last = max(wanted) if duplicates is None else None
        index, previous_end, i = 0, i + 1, i + 1
        while True:
            i = ws(text, i).end()
            if text.startswith("]", i):
                return i + 1
            if last is not None and index > last:
                return _DECODER.scan_once(text, array_start)[1]
            start, duplicated = i, False
            if duplicates is None:
                i = _DECODER.scan_once(text, i)[1]
            else:
                try:
                    i = _CHECKER.scan_once(text, i)[1]
                except _Duplicate:
                    i = _DECODER.scan_once(text, start)[1]
                    duplicated = True
            if duplicated or index in wanted:
                self._tokenise(start, i, (section, index), duplicates if duplicated else None)
                following = ws(text, i).end()
                if text.startswith(",", following):
                    following = ws(text, following + 1).end()
                if "\n" not in text[previous_end:start] or "\n" not in text[i:following]:
                    self.shared_line.add((section, index))
            previous_end = i
            i = ws(text, i).end()
            if text.startswith(",", i):
                i += 1
            index += 1

    def _tokenise(
        self, start: int, end: int, base: tuple[Any, ...], duplicates: list[Duplicate] | None
    ) -> None:
        """Walk one value's tokens: note the offset of every key path below ``base`` and repeated keys."""
        self.offsets.setdefault(base, start)
        stack: list[list[Any]] = []  # [is_object, path, keys seen, last key, expecting a key, index]
        for match in _TOKENS.finditer(self.text, start, end):
            token = match.group()
            top = stack[-1] if stack else None
            if token in "{[":
                if top is None:
                    path = base
                else:
                    path = (*top[1], top[3] if top[0] else top[5])
                    self.offsets.setdefault(path, match.start())
                stack.append([token == "{", path, {}, None, True, 0])
            elif token in "}]":
                stack.pop()
            elif token == ",":
                if top[0]:
                    top[4] = True
                else:
                    top[5] += 1
            elif token == ":":
                top[4] = False
            elif top is not None and top[0] and top[4]:
                key = json.loads(token)
                top[3] = key
                self.offsets.setdefault((*top[1], key), match.start())
                if duplicates is not None:
                    if key in top[2]:
                        duplicates.append((top[2][key], match.start(), key, base[:2]))
                    else:
                        top[2][key] = match.start()

    def _number_lines(self, offsets: Any) -> None:
        """Line numbers for the offsets, in one pass over the text."""
        line, previous = 1, 0
        for offset in sorted(set(offsets)):
            line += self.text.count("\n", previous, offset)
            self.lines[offset] = line
            previous = offset


class _Duplicate(Exception):
    pass


def _raise_on_duplicate(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate
    return result


_DECODER = json.JSONDecoder()
_CHECKER = json.JSONDecoder(object_pairs_hook=_raise_on_duplicate)
