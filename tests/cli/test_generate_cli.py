"""``orggraph generate`` end to end: writes a loadable file, the same for the same seed."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from orggraph.cli import app
from orggraph.io import load_org

runner = CliRunner()


def test_generate_writes_a_valid_org_the_same_for_the_same_seed(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.yaml"
    result = runner.invoke(app, ["generate", "--people", "400", "--seed", "3", "-o", str(first)])
    assert result.exit_code == 0, result.output
    assert "400 people" in result.output and str(first) in result.output
    assert runner.invoke(app, ["generate", "-n", "400", "-s", "3", "-o", str(second)]).exit_code == 0
    org = load_org(first)
    assert org == load_org(second)
    assert sum(u.kind == "person" for u in org.units) == 400


def test_generate_refuses_a_size_out_of_range(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "--people", "10", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.json").exists()


def test_generate_reports_an_unwritable_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["generate", "--people", "200", "-o", str(blocker / "org.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write {blocker / 'org.json'}: ")
    assert result.stdout == ""
