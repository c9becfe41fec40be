"""The loaded organisation: immutable, built once, swapped atomically on reload.

A :class:`LoadedState` bundles the organisation, its dependency graph (frozen: any attempt to
add or remove a node or edge raises) and a cache of analysis results. Requests read
``holder.state`` once and use that object to the end, so a reload in the middle of a request
never mixes two data sets. A reload builds a complete new state first and only then replaces
the reference; if loading fails the old state keeps serving and the errors are reported.

In privacy mode requests use :meth:`LoadedState.view` with ``private=True``: the same
organisation with people pseudonymised (see :mod:`api.privacy`), with its own graph and cache.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import anyio.to_thread
import networkx as nx

from api.errors import ApiError
from api.privacy import pseudonymise_org, small_departments
from orggraph.exceptions import OrgGraphError
from orggraph.graph import build_graph
from orggraph.model import Org

__all__ = ["AnalysisCache", "LoadedState", "OrgView", "StateHolder", "fingerprint", "load_state"]

log = logging.getLogger("orggraph.api")
T = TypeVar("T")


class AnalysisCache:
    """Results computed lazily, once per key, shared by all threads.

    The first request for a key computes it; concurrent requests for the same key wait for that
    result instead of computing it again. Failures are not cached. The least recently used
    entries are dropped beyond ``maxsize`` entries or beyond ``max_bytes`` of cached ``bytes``
    and ``str`` results (JSON, HTML, SVG), so parameters varied on purpose cannot exhaust memory.
    """

    def __init__(self, maxsize: int = 1024, max_bytes: int = 256 * 1024 * 1024) -> None:
        self._maxsize = maxsize
        self._max_bytes = max_bytes
        self._bytes = 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, Future[object]] = OrderedDict()
        self._sizes: dict[Hashable, int] = {}

    def peek(self, key: Hashable) -> object | None:
        """The result for ``key`` if it is already computed, else None (never waits, never computes)."""
        future = self._entries.get(key)
        if future is None or not future.done() or future.exception() is not None:
            return None
        return future.result()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            future = self._entries.get(key)
            owner = future is None
            if future is None:
                future = self._entries[key] = Future()
                self._evict()
            else:
                self._entries.move_to_end(key)
        if owner:
            try:
                result = compute()
            except BaseException as exc:
                future.set_exception(exc)
                with self._lock:
                    if self._entries.get(key) is future:
                        del self._entries[key]
                raise
            future.set_result(result)
            if isinstance(result, bytes | str):
                with self._lock:
                    if self._entries.get(key) is future:
                        self._sizes[key] = len(result)
                        self._bytes += len(result)
                        self._evict()
        return future.result()  # type: ignore[return-value]

    def _evict(self) -> None:
        """Drop the oldest entries while over either limit (the newest one always stays)."""
        while len(self._entries) > 1 and (
            len(self._entries) > self._maxsize or self._bytes > self._max_bytes
        ):
            key, _ = self._entries.popitem(last=False)
            self._bytes -= self._sizes.pop(key, 0)


@dataclass(frozen=True)
class OrgView:
    """One consistent view of the organisation: real, or pseudonymised for privacy mode."""

    org: Org
    graph: nx.DiGraph
    private: bool
    small_groups: frozenset[str] = frozenset()
    """Departments whose figures are withheld (privacy mode only)."""
    cache: AnalysisCache = field(default_factory=AnalysisCache, compare=False)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        return self.cache.get(key, compute)

    async def cached_async(self, key: Hashable, compute: Callable[[], T]) -> T:
        """:meth:`cached` for async routes: a hit is returned at once, a miss computed in a worker thread."""
        hit = self.cache.peek(key)
        if hit is not None:
            return hit  # type: ignore[return-value]
        return await anyio.to_thread.run_sync(self.cache.get, key, compute)


def _view(org: Org, *, private: bool, small_groups: frozenset[str] = frozenset()) -> OrgView:
    graph = nx.freeze(build_graph(org))
    return OrgView(org=org, graph=graph, private=private, small_groups=small_groups)


class LoadedState:
    """An organisation as loaded at one moment, with its views built on first use."""

    def __init__(
        self,
        org: Org,
        *,
        source: Path | None,
        privacy_key: bytes,
        min_group_size: int,
        version: str = "",
        prepare_private: bool = False,
    ) -> None:
        self.source = source
        self.version = version
        self.loaded_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._real = _view(org, private=False)
        self._private: OrgView | None = None
        self.privacy_key = privacy_key
        self.min_group_size = min_group_size
        self.prepare_private = prepare_private
        self._lock = threading.Lock()
        if prepare_private:  # built now, while loading, rather than by the first request that needs it
            self.view(True)

    @property
    def org(self) -> Org:
        return self._real.org

    def view(self, private: bool) -> OrgView:
        """The real view, or the pseudonymised one (built once, on first use)."""
        if not private:
            return self._real
        with self._lock:
            if self._private is None:
                minimum = self.min_group_size
                org = pseudonymise_org(self._real.org, self.privacy_key, min_title_holders=minimum)
                small = small_departments(org, minimum)
                self._private = _view(org, private=True, small_groups=small)
            return self._private


def fingerprint(path: Path) -> str:
    """Sizes and modification times of the data file (or of every file in the data folder)."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    parts = []
    for p in files:
        st = p.stat()
        parts.append(f"{p.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _fingerprint_or_none(path: Path) -> str | None:
    try:
        return fingerprint(path)
    except OSError:
        return None


def load_state(
    source: Path,
    *,
    privacy_key: bytes,
    min_group_size: int,
    prepare_private: bool = False,
    loader: Callable[[Path], Org] | None = None,
) -> LoadedState:
    """Load and validate ``source`` into a new state (raises ``InvalidOrgData`` on bad data)."""
    if loader is None:
        from orggraph.io import load_org

        loader = load_org
    version = fingerprint(source)
    org = loader(source)
    return LoadedState(
        org,
        source=source,
        privacy_key=privacy_key,
        min_group_size=min_group_size,
        version=version,
        prepare_private=prepare_private,
    )


class StateHolder:
    """Holds the current :class:`LoadedState`; :meth:`reload` swaps it atomically."""

    def __init__(self, state: LoadedState, *, loader: Callable[[Path], Org] | None = None) -> None:
        self.state = state
        self.last_error: str | None = None
        self._failed_version: str | None = None
        self._loader = loader
        self._reload_lock = threading.Lock()

    @classmethod
    def create(
        cls,
        source: Path | Org,
        *,
        privacy_key: bytes | None,
        min_group_size: int,
        prepare_private: bool = False,
        loader: Callable[[Path], Org] | None = None,
    ) -> StateHolder:
        """A holder of ``source`` (a data path, or an organisation already loaded)."""
        options = {
            "privacy_key": privacy_key or secrets.token_bytes(32),
            "min_group_size": min_group_size,
            "prepare_private": prepare_private,
        }
        if isinstance(source, Org):
            state = LoadedState(source, source=None, **options)  # type: ignore[arg-type]
        else:
            state = load_state(Path(source), loader=loader, **options)  # type: ignore[arg-type]
        return cls(state, loader=loader)

    def reload(self, *, only_if_changed: bool = False) -> LoadedState:
        """Load the data file again and swap it in; on failure the old state stays and the error is raised.

        With ``only_if_changed`` nothing happens unless the file changed since the last attempt.
        """
        with self._reload_lock:
            current = self.state
            if current.source is None:
                raise ApiError(
                    409, "no_source", "This organisation was given in memory; there is no file to reload."
                )
            try:
                if only_if_changed and fingerprint(current.source) in (current.version, self._failed_version):
                    return current
                new = load_state(
                    current.source,
                    privacy_key=current.privacy_key,
                    min_group_size=current.min_group_size,
                    prepare_private=current.prepare_private,
                    loader=self._loader,
                )
            except (OrgGraphError, OSError) as exc:
                self.last_error = str(exc)
                self._failed_version = _fingerprint_or_none(current.source)
                log.error("Reload of %s failed; still serving the previous data. %s", current.source, exc)
                if isinstance(exc, OSError):
                    raise ApiError(
                        409, "reload_failed", f"Cannot read {current.source}: {exc.strerror}."
                    ) from exc
                raise
            self.state = new
            self.last_error = None
            log.info("Reloaded %s (%d units).", current.source, len(new.org.units))
            return new
