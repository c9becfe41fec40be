"""``orggraph serve``: the bind decision at start-up, settings from options, and uvicorn's arguments."""

from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from orggraph.cli import app

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-org.yaml"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Replaces uvicorn.run: records its arguments instead of serving."""
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    for name in (
        "ORGGRAPH_TOKENS",
        "ORGGRAPH_TOKENS_FILE",
        "ORGGRAPH_ALLOW_INSECURE_BIND",
        "ORGGRAPH_PRIVACY",
    ):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_loopback_without_tokens_serves_in_open_local_mode(started: list[dict]) -> None:
    result = CliRunner().invoke(app, ["serve", str(SAMPLE), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "open local mode" in result.output
    assert started[0]["host"] == "127.0.0.1" and started[0]["port"] == 8123


def test_other_address_without_tokens_is_refused(started: list[dict]) -> None:
    result = CliRunner().invoke(app, ["serve", str(SAMPLE), "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "Refusing" in result.output and not started


def test_override_serves_with_a_warning(started: list[dict]) -> None:
    result = CliRunner().invoke(app, ["serve", str(SAMPLE), "--host", "0.0.0.0", "--allow-insecure-bind"])
    assert result.exit_code == 0 and "WITHOUT authentication" in result.output and started


def test_tokens_file_allows_any_address(started: list[dict], tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text("a-long-random-token-1234:viewer\n")
    tokens.chmod(0o600)
    result = CliRunner().invoke(
        app, ["serve", str(SAMPLE), "--host", "0.0.0.0", "--tokens-file", str(tokens)]
    )
    assert result.exit_code == 0, result.output
    assert "open local mode" not in result.output and started[0]["app"].state.settings.tokens


def test_bad_tokens_file_and_bad_data_fail_cleanly(started: list[dict], tmp_path: Path) -> None:
    loose = tmp_path / "tokens"
    loose.write_text("a-long-random-token-1234:viewer\n")
    loose.chmod(0o644)
    result = CliRunner().invoke(app, ["serve", str(SAMPLE), "--tokens-file", str(loose)])
    assert result.exit_code == 1 and "chmod 600" in result.output
    bad = tmp_path / "org.yaml"
    bad.write_text("units:\n  - id: x\n")
    result = CliRunner().invoke(app, ["serve", str(bad)])
    assert result.exit_code == 1 and "problem" in result.output and not started
