"""The Typer application every command module registers on."""

import typer

app = typer.Typer(
    name="orggraph",
    help="Analyse an organisation's internal dependencies: bottlenecks, silos, chains to the front line, "
    "who to ask, and the impact of a reorg.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
