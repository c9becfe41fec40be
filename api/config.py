"""Runtime settings of the web API, read from ``ORGGRAPH_*`` environment variables (never by the core).

Every field can be set with an environment variable named ``ORGGRAPH_<FIELD>`` in upper case
(``ORGGRAPH_MIN_GROUP_SIZE=10``); ``orggraph serve`` options override them. Tokens are the
exception: ``ORGGRAPH_TOKENS`` holds ``token:role`` pairs separated by commas and
``ORGGRAPH_TOKENS_FILE`` names a file with one ``token:role`` (or ``token role``) per line,
``#`` starting a comment. Tokens never live in the repository.
"""

from __future__ import annotations

import ipaddress
import os
import stat
from collections.abc import Mapping
from enum import IntEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

__all__ = [
    "DEFAULT_CSP",
    "BindRefused",
    "ConfigError",
    "Role",
    "Settings",
    "check_bind",
    "is_loopback",
    "parse_tokens",
]

#: The content security policy sent with every HTML page. Nothing is loaded from another origin;
#: inline scripts and styles are allowed because the self-contained map page embeds its own.
#: Change it in one place with ``ORGGRAPH_CSP``.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

MIN_TOKEN_LENGTH = 16


class Role(IntEnum):
    """What a token may see. Each role includes everything the roles below it may see."""

    viewer = 1
    """Department-level views, "who do I ask", the map."""
    analyst = 2
    """Also person-level scores, critical chains and reorg impact scenarios."""
    admin = 3
    """Also reloading the data set."""


class ConfigError(ValueError):
    """The settings are unusable (bad token list, unreadable token file, bad value)."""


class BindRefused(ConfigError):
    """Serving on a non-loopback address without tokens was asked for and not overridden."""


class Settings(BaseModel):
    """Everything the API reads at start-up. Immutable once the app is built."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tokens: Mapping[str, Role] = Field(default_factory=dict, repr=False)
    """Bearer token -> role. Empty means open local mode (loopback clients only, full access)."""
    privacy: bool = False
    """Privacy mode for everyone: pseudonyms instead of names, small groups withheld."""
    viewer_privacy: bool = False
    """Privacy mode for viewer tokens only (analysts and admins see names)."""
    privacy_secret: SecretStr | None = None
    """Key of the pseudonyms. Set it to keep pseudonyms stable across restarts; when unset a random
    key is drawn at start-up (pseudonyms then change with every restart)."""
    min_group_size: int = Field(default=5, ge=1, le=1000)
    """In privacy mode, department-level figures of groups with fewer units than this are withheld."""
    max_body_bytes: int = Field(default=256 * 1024, ge=1024, le=64 * 1024 * 1024)
    """Larger request bodies are refused with 413."""
    max_query_bytes: int = Field(default=4096, ge=256, le=1024 * 1024)
    """Longer query strings are refused with 414."""
    csp: str = DEFAULT_CSP
    """Content-Security-Policy header of HTML responses."""
    allow_insecure_bind: bool = False
    """Serve without tokens to clients other than this machine (explicit override; unsafe)."""
    watch_interval: float = Field(default=0.0, ge=0.0, le=86400.0)
    """Seconds between checks of the data file for changes (reloaded when changed); 0 turns it off."""

    @property
    def open_mode(self) -> bool:
        """True when no token is configured: every local request gets full access."""
        return not self.tokens

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``ORGGRAPH_*`` variables, then ``overrides`` (those that are not None)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            raw = env.get(f"ORGGRAPH_{name.upper()}")
            if raw is not None and name != "tokens":
                values[name] = raw
        tokens: dict[str, Role] = {}
        if env.get("ORGGRAPH_TOKENS"):
            tokens.update(parse_tokens(env["ORGGRAPH_TOKENS"].replace(",", "\n"), "ORGGRAPH_TOKENS"))
        tokens_file = overrides.pop("tokens_file", None) or env.get("ORGGRAPH_TOKENS_FILE")
        if tokens_file:
            tokens.update(read_tokens_file(Path(tokens_file)))
        values["tokens"] = tokens
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(values)
        except ValidationError as e:
            problems = "; ".join(
                f"ORGGRAPH_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in e.errors()
            )
            raise ConfigError(f"Invalid settings: {problems}") from None


def parse_tokens(text: str, source: str) -> dict[str, Role]:
    """Parse ``token:role`` (or ``token role``) entries, one per line; skips blanks and ``#`` comments."""
    tokens: dict[str, Role] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        token, _, role = entry.replace(" ", ":", 1).rpartition(":")
        token, role = token.strip(), role.strip()
        where = f"{source}, entry {number}"
        if not token:
            raise ConfigError(f"{where}: expected 'token:role', got a role only.")
        if role not in Role.__members__:
            raise ConfigError(f"{where}: unknown role {role!r}; use one of {', '.join(Role.__members__)}.")
        if len(token) < MIN_TOKEN_LENGTH:
            raise ConfigError(
                f"{where}: token is shorter than {MIN_TOKEN_LENGTH} characters; use a random one."
            )
        tokens[token] = Role[role]
    return tokens


def read_tokens_file(path: Path) -> dict[str, Role]:
    """Tokens from a file; refuses files other users can read or write."""
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"Cannot read the tokens file {path}: {e.strerror}.") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"The tokens file {path} is accessible by other users; run: chmod 600 {path}")
    return parse_tokens(text, str(path))


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, *, has_tokens: bool, allow_insecure: bool) -> str | None:
    """Decide whether serving on ``host`` is allowed; returns a warning to print, or None.

    Raises :class:`BindRefused` for a non-loopback host without tokens unless ``allow_insecure``.
    """
    if has_tokens:
        return None
    if is_loopback(host):
        return (
            f"No tokens configured: open local mode. Bound to {host} (this machine only); every local "
            "request gets full access. Set ORGGRAPH_TOKENS or ORGGRAPH_TOKENS_FILE to require tokens."
        )
    if not allow_insecure:
        raise BindRefused(
            f"Refusing to serve HR data on {host} without tokens: anyone who can reach this address could "
            "read it. Configure tokens (ORGGRAPH_TOKENS or --tokens-file), bind to 127.0.0.1, or pass "
            "--allow-insecure-bind if you really mean it."
        )
    return (
        f"WARNING: serving on {host} WITHOUT authentication (--allow-insecure-bind). Anyone who can reach "
        "this address can read all the data."
    )
