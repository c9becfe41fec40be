"""The size-limit option shared by commands that load organisation data."""

from typing import Annotated

import typer

from orggraph.io import DEFAULT_MAX_BYTES

MaxMbOpt = Annotated[
    float,
    typer.Option(
        "--max-mb",
        min=0.001,
        help="Refuse data larger than this many megabytes (a guard against runaway files).",
    ),
]
DEFAULT_MAX_MB = DEFAULT_MAX_BYTES / 1_000_000


def max_bytes(max_mb: float) -> int:
    """``--max-mb`` in bytes."""
    return int(max_mb * 1_000_000)
