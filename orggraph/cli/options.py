"""Options shared by several commands, defined once."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

DataArg = Annotated[
    Path,
    typer.Argument(
        help="Organisation data: a YAML or JSON file, or a folder of CSV files (units.csv, ...).",
        show_default=False,
    ),
]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
TopOpt = Annotated[int, typer.Option("--top", "-n", min=1, max=100_000, help="How many rows to show.")]
