"""Every command is documented: it has --help with an example, and the README names it."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

import orggraph
from orggraph.cli import app
from tests.conftest import ROOT

COMMANDS = sorted(cmd.name for cmd in typer.main.get_command(app).commands.values())  # type: ignore[attr-defined]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_expected_command_exists() -> None:
    expected = {
        "ask",
        "bottlenecks",
        "chains",
        "check",
        "diagram",
        "diff",
        "export",
        "generate",
        "import-network",
        "impact",
        "map",
        "needs",
        "provides",
        "report",
        "serve",
        "silos",
    }
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_command_has_help_with_an_example(command: str, flag: str) -> None:
    result = CliRunner().invoke(app, [command, flag])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_in_the_readme(command: str) -> None:
    assert f"orggraph {command}" in README


def test_readme_opens_with_the_two_setup_commands() -> None:
    setup = README.split("## Set-up: two commands", 1)[1].split("##", 1)[0]
    assert "bash scripts/setup.sh" in setup
    assert ".venv/bin/python -m pytest -q" in setup
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest -q" in ci and "scripts/setup.sh" in ci


def test_public_api_is_sorted_and_complete() -> None:
    assert orggraph.__all__ == sorted(orggraph.__all__)
    assert all(hasattr(orggraph, name) for name in orggraph.__all__)
