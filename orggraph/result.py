"""The base of every report model the analyses return."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Result"]


class Result(BaseModel):
    """A frozen pydantic model that refuses unknown fields.

    Frozen, so a caller (the CLI, the API cache, the map) can share one report without anyone
    changing it; unknown fields refused, so a misspelt field name when building one fails at once
    instead of being dropped.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
