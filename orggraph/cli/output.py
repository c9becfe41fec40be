"""Rendering helpers: plain-text tables, JSON of pydantic reports, CSV rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import typer
from pydantic import BaseModel

from orggraph.cli.options import OutputFormat
from orggraph.exceptions import OrgGraphError


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A fixed-width text table; numbers are right-aligned and floats shown with 2 decimals."""
    cells = [[_fmt(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [all(_is_number(r[i]) for r in cells) and bool(cells) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([[_fmt(v) if isinstance(v, float) else v for v in row] for row in rows])
    return buf.getvalue()


def json_text(model: BaseModel) -> str:
    return model.model_dump_json(indent=2)


def emit(
    fmt: OutputFormat,
    report: BaseModel,
    *,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    text: Callable[[], str],
) -> None:
    """Print ``report`` in the format asked for (--format of most commands).

    json: the whole model; csv: ``headers`` then ``rows``; table: ``text()``, called only then.
    """
    if fmt == OutputFormat.json:
        typer.echo(json_text(report))
    elif fmt == OutputFormat.csv:
        typer.echo(csv_text(headers, rows), nl=False)
    else:
        typer.echo(text())


def fail(error: OrgGraphError | str) -> typer.Exit:
    """Print an error to stderr and return the exit (code 1) for the caller to raise."""
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(code=1)


@contextmanager
def exit_on_error(writing: Path | None = None) -> Iterator[None]:
    """Turn an :class:`OrgGraphError` raised in the block into :func:`fail` (stderr, exit code 1).

    With ``writing`` (the file or folder the command writes), an :class:`OSError` in the block
    fails too, as ``cannot write WRITING: <reason>``; without it an OSError propagates.
    """
    try:
        yield
    except OrgGraphError as e:
        raise fail(e) from e
    except OSError as e:
        if writing is None:
            raise
        raise fail(f"cannot write {writing}: {e.strerror}") from e


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if value is None:
        return ""
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
