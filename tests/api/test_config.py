"""Settings from the environment, token parsing, and the bind decision."""

from pathlib import Path

import pytest

from api.config import BindRefused, ConfigError, Role, Settings, check_bind, is_loopback, parse_tokens

GOOD = "a" * 16


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{GOOD}:viewer", {GOOD: Role.viewer}),
        (f"{GOOD} analyst  # comment", {GOOD: Role.analyst}),
        (f"# only a comment\n\n{GOOD}:admin\n", {GOOD: Role.admin}),
        (f"{GOOD}:x:viewer", {f"{GOOD}:x": Role.viewer}),  # the role follows the last colon
    ],
)
def test_parse_tokens(text: str, expected: dict[str, Role]) -> None:
    assert parse_tokens(text, "test") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"{GOOD}:boss", "unknown role 'boss'"),
        ("short:viewer", "shorter than 16"),
        (":viewer", "role only"),
        (f"{GOOD}:viewer\n{GOOD}:root", "entry 2"),
    ],
)
def test_parse_tokens_errors_name_the_entry(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_tokens(text, "test")


def test_from_env_reads_tokens_and_settings(tmp_path: Path) -> None:
    tokens_file = tmp_path / "tokens"
    tokens_file.write_text(f"{'b' * 20}:admin\n")
    tokens_file.chmod(0o600)
    env = {
        "ORGGRAPH_TOKENS": f"{GOOD}:viewer,{'c' * 16}:analyst",
        "ORGGRAPH_TOKENS_FILE": str(tokens_file),
        "ORGGRAPH_PRIVACY": "true",
        "ORGGRAPH_MIN_GROUP_SIZE": "10",
        "ORGGRAPH_PRIVACY_SECRET": "key",
    }
    s = Settings.from_env(env)
    assert dict(s.tokens) == {GOOD: Role.viewer, "c" * 16: Role.analyst, "b" * 20: Role.admin}
    assert s.privacy and s.min_group_size == 10 and s.privacy_secret is not None
    assert "key" not in repr(s) and GOOD not in repr(s)
    assert not s.open_mode and Settings.from_env({}).open_mode


def test_overrides_win_over_the_environment() -> None:
    s = Settings.from_env({"ORGGRAPH_PRIVACY": "false"}, privacy=True, watch_interval=None)
    assert s.privacy is True and s.watch_interval == 0


def test_tokens_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    tokens_file = tmp_path / "tokens"
    tokens_file.write_text(f"{GOOD}:viewer\n")
    tokens_file.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        Settings.from_env({"ORGGRAPH_TOKENS_FILE": str(tokens_file)})


def test_missing_tokens_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Cannot read the tokens file"):
        Settings.from_env({}, tokens_file=tmp_path / "absent")


def test_bad_value_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="ORGGRAPH_MIN_GROUP_SIZE"):
        Settings.from_env({"ORGGRAPH_MIN_GROUP_SIZE": "zero"})


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("192.168.1.2", False), ("example.com", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_loopback_without_tokens_is_open_local_mode_and_says_so(host: str) -> None:
    notice = check_bind(host, has_tokens=False, allow_insecure=False)
    assert notice is not None and "open local mode" in notice and host in notice


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5", "example.com"])
def test_other_address_without_tokens_is_refused(host: str) -> None:
    with pytest.raises(BindRefused, match="--allow-insecure-bind"):
        check_bind(host, has_tokens=False, allow_insecure=False)


def test_explicit_override_warns_loudly() -> None:
    notice = check_bind("0.0.0.0", has_tokens=False, allow_insecure=True)
    assert notice is not None and notice.startswith("WARNING") and "WITHOUT authentication" in notice


@pytest.mark.parametrize("host", ["0.0.0.0", "127.0.0.1"])
def test_with_tokens_any_address_is_fine(host: str) -> None:
    assert check_bind(host, has_tokens=True, allow_insecure=False) is None
