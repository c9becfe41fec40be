"""Bearer-token authentication and roles.

Tokens are compared in constant time: the presented token's SHA-256 digest is compared with
every configured digest using :func:`hmac.compare_digest`, without stopping at the first match,
so response timing reveals neither which token nearly matched nor how many there are.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from api.config import Role, Settings, is_loopback
from api.errors import ApiError

__all__ = ["Caller", "TokenTable", "authenticate"]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking: their role and whether they get the privacy-mode view."""

    role: Role
    privacy: bool

    def allows(self, needed: Role) -> bool:
        return self.role >= needed


class TokenTable:
    """The configured tokens, kept only as SHA-256 digests."""

    def __init__(self, tokens: Mapping[str, Role]) -> None:
        self._entries = tuple((_digest(token), role) for token, role in tokens.items())

    def __bool__(self) -> bool:
        return bool(self._entries)

    def role_of(self, token: str) -> Role | None:
        """The role of ``token``, or None; takes the same time whatever the token."""
        presented = _digest(token)
        found: Role | None = None
        for digest, role in self._entries:
            if hmac.compare_digest(presented, digest):
                found = role
        return found


def authenticate(
    authorization: str | None, client_host: str | None, tokens: TokenTable, settings: Settings
) -> Caller:
    """The caller behind a request, or :class:`ApiError` 401 (no or wrong token)."""
    if not tokens:
        if settings.allow_insecure_bind or (client_host is not None and is_loopback(client_host)):
            return Caller(Role.admin, privacy=settings.privacy)
        raise ApiError(401, "unauthorized", "No tokens are configured, so only this machine may ask.")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "Send a bearer token: 'Authorization: Bearer <token>'.")
    role = tokens.role_of(token.strip())
    if role is None:
        raise ApiError(401, "unauthorized", "The bearer token is not valid.")
    privacy = settings.privacy or (role == Role.viewer and settings.viewer_privacy)
    return Caller(role, privacy=privacy)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
