"""``orggraph generate``: write a seeded synthetic organisation for benchmarks, scale tests and demos."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.app import app
from orggraph.cli.output import exit_on_error
from orggraph.generate import MAX_PEOPLE, MIN_PEOPLE, generate_org
from orggraph.io import save_org


@app.command("generate")
def generate_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="File to write: .json or .yaml (any other name: a CSV folder)."),
    ],
    people: Annotated[
        int, typer.Option("--people", "-n", min=MIN_PEOPLE, max=MAX_PEOPLE, help="Number of people.")
    ] = 1000,
    seed: Annotated[
        int, typer.Option("--seed", "-s", help="Random seed: the same seed, the same organisation.")
    ] = 0,
    deps_per_person: Annotated[
        float, typer.Option("--deps-per-person", min=0, help="Average number of dependencies per person.")
    ] = 5.0,
) -> None:
    """Generate a realistic synthetic organisation (invented people) for benchmarks and scale tests.

    Departments grow with size; reporting trees have spans of 5 to 10; about 10% is front line.

    Hub providers (IT service desk, mailroom, payroll) serve nearly everyone; most capabilities have a backup.

    Dependencies stay mostly within departments, with a few deliberate loops.

    Example: orggraph generate --people 10000 --seed 1 -o org-10k.json
    """
    with exit_on_error(writing=output):
        org = generate_org(people, seed=seed, deps_per_person=deps_per_person)
        save_org(org, output)
    typer.echo(
        f"Wrote {output}: {people:,} people, {len(org.units) - people:,} teams, "
        f"{len(org.departments)} departments, {len(org.dependencies):,} dependencies (seed {seed})."
    )
