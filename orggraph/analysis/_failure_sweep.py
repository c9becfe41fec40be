"""Exact cascade sizes for many single sources at once (behind :meth:`FailureModel.single_failures`).

Running one cascade per sole provider costs the size of each cascade, which is quadratic when
cascades are large and nested (the payroll clerk's loss fails every manager, and each manager's
loss is part of it). Two facts make it cheap:

* If ``v`` fails when ``u`` goes, everything that fails when ``v`` goes also fails when ``u``
  goes (the AND/OR closure is monotone). The direct form of this is the *kill graph*: ``u -> v``
  when ``v`` depends (high or critical) on a capability whose only provider is ``u``. Units in a
  loop of that graph have the same cascade, and a unit's cascade contains the cascades of the
  units it kills.
* So cascades are computed per component of the kill graph, killed ones first, and a cascade
  *imports* the finished cascades of the components it kills instead of walking them again.

A finished cascade is stored as a shared, immutable **base** (bitsets as ``bytes``: units down,
capabilities lost, units hurt, with their counts) plus small **delta** sets. Importing one whose
base the current cascade already has costs only its deltas; adopting a base costs nothing; only
two different large bases need a union of bitsets. Deltas that grow past a threshold are folded
into a new base. So a chain of nested cascades costs what each step adds, not its whole size.

What an import cannot know is a capability with several providers knocked out by *different*
parts of the cascade. Its last provider to go down is either a unit walked here or a unit that a
merge newly adds, so only those units' capabilities are checked, exactly. Components nobody
needs any more are dropped, and anything not stored is simply walked, so the result is always
the exact closure (the test suite checks it against :meth:`FailureModel.cascade`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress
from typing import TYPE_CHECKING

from orggraph.analysis._reach import bits_of, mask, strong_components

if TYPE_CHECKING:
    from orggraph.analysis.failure import FailureCounts, FailureModel

__all__ = ["sweep"]


def _has(flags: bytes, x: int) -> bool:
    return bool(flags[x >> 3] >> (x & 7) & 1)


def _bytes(value: int, bits: int) -> bytes:
    return value.to_bytes((bits + 7) // 8 + 1, "little")


class _Base:
    """A large cascade frozen as bitsets (``bytes`` long enough for every unit and capability)."""

    __slots__ = ("degraded", "down", "front", "hurt", "lost", "ndown", "nlost")

    def __init__(self, down: int, lost: int, hurt: int, front_mask: int, units: int, caps: int) -> None:
        self.down, self.lost, self.hurt = _bytes(down, units), _bytes(lost, caps), _bytes(hurt, units)
        self.ndown = down.bit_count()
        self.nlost = lost.bit_count()
        self.degraded = (hurt & ~down).bit_count()
        self.front = ((down | hurt) & front_mask).bit_count()

    def ints(self) -> tuple[int, int, int]:
        return tuple(int.from_bytes(b, "little") for b in (self.down, self.lost, self.hurt))  # type: ignore[return-value]


class _Cascade:
    """A cascade: an optional shared base plus delta sets disjoint from the base's sets."""

    __slots__ = ("base", "down", "hurt", "lost")

    def __init__(self, base: _Base | None, down: set[int], lost: set[int], hurt: set[int]) -> None:
        self.base, self.down, self.lost, self.hurt = base, down, lost, hurt

    @property
    def size(self) -> int:
        return (self.base.ndown if self.base else 0) + len(self.down)

    def is_down(self, x: int) -> bool:
        return x in self.down or (self.base is not None and _has(self.base.down, x))

    def is_lost(self, b: int) -> bool:
        return b in self.lost or (self.base is not None and _has(self.base.lost, b))

    def add_lost(self, b: int) -> None:
        if not (self.base is not None and _has(self.base.lost, b)):
            self.lost.add(b)

    def add_hurt(self, x: int) -> None:
        if not (self.base is not None and _has(self.base.hurt, x)):
            self.hurt.add(x)


class _Sweep:
    def __init__(self, model: FailureModel) -> None:
        from orggraph.analysis.failure import _SEVERE_RANK

        self.model = model
        n = len(model.units)
        providers, consumers = model.providers, model.consumers
        self.single: list[list[int]] = [[] for _ in range(n)]  # capabilities u alone provides
        self.multi: list[list[int]] = [[] for _ in range(n)]  # multi-provider capabilities u provides
        kill: list[list[int]] = [[] for _ in range(n)]
        for c, provs in enumerate(providers):
            if len(provs) == 1:
                p = provs[0]
                self.single[p].append(c)
                kill[p].extend(v for v, rank in consumers[c] if rank >= _SEVERE_RANK and v != p)
            else:
                for p in provs:
                    self.multi[p].append(c)
        self.severe = _SEVERE_RANK
        self.comp, self.comps = strong_components(kill)  # killed components first
        self.kill = kill
        # Bit positions: units in processing order, capabilities by their first provider's position.
        self.unit_at = [u for members in self.comps for u in members]
        self.upos = [0] * n
        for k, u in enumerate(self.unit_at):
            self.upos[u] = k
        first = [min(map(self.upos.__getitem__, provs), default=n) for provs in providers]
        self.cpos = [0] * len(providers)
        for k, c in enumerate(sorted(range(len(providers)), key=first.__getitem__)):
            self.cpos[c] = k
        self.multi_at = [self.multi[u] for u in self.unit_at]
        # What losing u does by itself: capabilities lost, and consumers hurt but not failing
        # (nothing unless u is a sole provider, as most units are not).
        self.lost_of: list[Sequence[int]] = [()] * n
        self.hurt_of: list[Sequence[int]] = [()] * n
        for u in compress(range(n), self.single):
            caps = self.single[u]
            self.lost_of[u] = [self.cpos[c] for c in caps]
            self.hurt_of[u] = [self.upos[v] for c in caps for v, rank in consumers[c] if rank < _SEVERE_RANK]
        self.front_at = [model.front_line[u] for u in self.unit_at]
        self.front_mask = mask(k for k, f in enumerate(self.front_at) if f)
        self.small = max(64, n >> 7)  # deltas larger than this are folded into a new base
        self.stored: dict[int, _Cascade] = {}

    def run(self, seeds: list[int], targets: list[int] | None = None) -> _Cascade:
        """The closure from ``seeds``.

        ``targets``, when given, are all the kill-graph components the seeds kill outside their
        own: they are imported (or walked) directly instead of reached consumer by consumer.
        """
        comp, comps, stored, kill = self.comp, self.comps, self.stored, self.kill
        upos, lost_of, hurt_of = self.upos, self.lost_of, self.hurt_of
        state = _Cascade(None, set(), set(), set())
        imported: set[int] = set()
        expanded: set[int] = set()
        stack: list[int] = list(seeds) if targets is None else []
        first = targets is not None
        while first or stack:
            parts: list[_Cascade] = []
            walked: list[int] = []
            l_pos: list[int] = []
            h_pos: list[int] = []
            if first:
                first = False
                for u in seeds:
                    expanded.add(u)
                    walked.append(u)
                    l_pos.extend(lost_of[u])
                    h_pos.extend(hurt_of[u])
                for t in targets or ():
                    res = stored.get(t)
                    if res is None:
                        stack.extend(comps[t])
                    else:
                        imported.add(t)
                        parts.append(res)
            while stack:
                u = stack.pop()
                cu = comp[u]
                res = stored.get(cu)
                if res is not None:
                    if cu not in imported:
                        imported.add(cu)
                        parts.append(res)
                    continue
                if u in expanded:
                    continue
                expanded.add(u)
                walked.append(u)
                l_pos.extend(lost_of[u])
                h_pos.extend(hurt_of[u])
                stack.extend(kill[u])
            if walked:
                parts.append(_Cascade(None, {upos[u] for u in walked}, set(l_pos), set(h_pos)))
            # A multi-provider capability is lost only when its providers are all down. Unless one
            # closed part already lost it, some provider is newly added by the merge, so only those
            # units' capabilities need checking.
            candidates: list[int] = []
            self._merge(state, parts, candidates)
            self._settle(state, candidates, stack)
        if len(state.down) + len(state.lost) + len(state.hurt) > self.small:
            state = self._fold(state)
        return state

    def _fold(self, state: _Cascade) -> _Cascade:
        """The same cascade with its deltas folded into a new base."""
        down, lost, hurt = state.base.ints() if state.base else (0, 0, 0)
        base = self._base(down | mask(state.down), lost | mask(state.lost), hurt | mask(state.hurt))
        return _Cascade(base, set(), set(), set())

    def _base(self, down: int, lost: int, hurt: int) -> _Base:
        return _Base(down, lost, hurt, self.front_mask, len(self.unit_at), len(self.cpos))

    def _merge(self, state: _Cascade, parts: list[_Cascade], candidates: list[int]) -> None:
        """Add ``parts`` to ``state``; list the multi-provider capabilities of newly down units.

        Bases first (the largest is adopted; any others are OR-ed in at once), then every delta
        set in one C-level union and one filtered pass.
        """
        bases = list({id(p.base): p.base for p in parts if p.base is not None}.values())
        bases.sort(key=lambda b: -b.ndown)
        if bases and state.base is None:  # adopt the largest base; what the state had is re-added
            parts = [*parts, _Cascade(None, state.down, state.lost, state.hurt)]
            state.base, state.down, state.lost, state.hurt = bases[0], set(), set(), set()
        others = [b for b in bases if b is not state.base]
        if others:  # different bases: one bitset union
            mine = self._fold(state).base
            assert mine is not None
            d1, l1, h1 = mine.ints()
            d2 = l2 = h2 = 0
            for b in others:
                d, lo, h = b.ints()
                d2, l2, h2 = d2 | d, l2 | lo, h2 | h
            self._note(bits_of(d2 & ~d1), candidates)
            state.base = self._base(d1 | d2, l1 | l2, h1 | h2)
            state.down, state.lost, state.hurt = set(), set(), set()
        base = state.base
        down = set().union(*(p.down for p in parts)) - state.down
        lost = set().union(*(p.lost for p in parts))
        hurt = set().union(*(p.hurt for p in parts))
        if base is not None:  # keep deltas disjoint from the base
            bd, bl, bh = base.down, base.lost, base.hurt
            down = {x for x in down if not bd[x >> 3] >> (x & 7) & 1}
            lost = {b for b in lost if not bl[b >> 3] >> (b & 7) & 1}
            hurt = {x for x in hurt if not bh[x >> 3] >> (x & 7) & 1}
        state.lost |= lost
        state.hurt |= hurt
        if down:
            state.down |= down
            self._note(down, candidates)

    def _note(self, positions: Iterable[int], candidates: list[int]) -> None:
        multi_at = self.multi_at
        for x in positions:
            if multi_at[x]:
                candidates.extend(multi_at[x])

    def _settle(self, state: _Cascade, candidates: list[int], stack: list[int]) -> None:
        """Lose the candidate capabilities whose providers are all down; push who fails."""
        m, upos, cpos, severe = self.model, self.upos, self.cpos, self.severe
        for c in sorted(set(candidates)):
            bit = cpos[c]
            if state.is_lost(bit) or not all(state.is_down(upos[p]) for p in m.providers[c]):
                continue
            state.add_lost(bit)
            for v, rank in m.consumers[c]:
                if rank >= severe:
                    stack.append(v)
                else:
                    state.add_hurt(upos[v])

    def counts(self, result: _Cascade, seeds: list[int]) -> FailureCounts:
        from orggraph.analysis.failure import FailureCounts

        base, front_at = result.base, self.front_at
        if base is None:
            degraded = len(result.hurt - result.down)
            front = sum(1 for x in result.down | result.hurt if front_at[x])
        else:
            bd, bh = base.down, base.hurt
            degraded = base.degraded - sum(1 for x in result.down if bh[x >> 3] >> (x & 7) & 1)
            degraded += sum(1 for x in result.hurt - result.down if not bd[x >> 3] >> (x & 7) & 1)
            front = base.front + sum(
                1
                for x in result.down | result.hurt
                if front_at[x] and not (bd[x >> 3] >> (x & 7) & 1 or bh[x >> 3] >> (x & 7) & 1)
            )
        front_seeds = sum(1 for u in seeds if self.model.front_line[u])
        return FailureCounts(
            failed=result.size - len(seeds),
            degraded=degraded,
            front_line=front - front_seeds,
            lost_capabilities=(base.nlost if base else 0) + len(result.lost),
        )


def sweep(
    model: FailureModel, jobs: dict[str, list[int]], *, small: int | None = None
) -> dict[str, FailureCounts]:
    """Cascade sizes for each job (a set of unit indices removed together), exactly.

    ``small`` overrides the delta size above which cascades are folded into bitsets (tests use
    it to exercise both representations on small organisations).
    """
    from orggraph.analysis.failure import FailureCounts

    s = _Sweep(model)
    if small is not None:
        s.small = small
    comp, comps, kill, single = s.comp, s.comps, s.kill, s.single
    ncomp = len(comps)
    # Only components with a sole provider among their members lose anything, or kill anyone.
    active = {comp[u] for u in compress(range(len(comp)), single)}
    killed = {k: sorted({comp[v] for u in comps[k] for v in kill[u]} - {k}) for k in active}
    refs = [0] * ncomp
    for targets in killed.values():
        for t in targets:
            refs[t] += 1
    unit_jobs: dict[int, list[str]] = {}
    group_ready: dict[int, list[str]] = {}
    group_needs: dict[str, list[int]] = {}
    for key, seeds in jobs.items():
        if not seeds:
            continue
        if len(seeds) == 1:
            unit_jobs.setdefault(comp[seeds[0]], []).append(key)
            continue
        needs = sorted({comp[v] for u in seeds for v in kill[u]})
        group_needs[key] = needs
        for t in needs:
            refs[t] += 1
        group_ready.setdefault(needs[-1] if needs else -1, []).append(key)
    zero = FailureCounts(0, 0, 0, 0)
    out: dict[str, FailureCounts] = {}

    def release(targets: list[int]) -> None:
        for t in targets:
            refs[t] -= 1
            if not refs[t]:
                s.stored.pop(t, None)

    def run_groups(step: int) -> None:
        for key in group_ready.get(step, ()):
            out[key] = s.counts(s.run(jobs[key], group_needs[key]), jobs[key])
            release(group_needs[key])

    # Killed components first. Only those with a sole provider, or with group jobs waiting for
    # them, have anything to do; group jobs that need no component wait for step -1.
    for k in sorted(active | group_ready.keys()):
        keys = unit_jobs.get(k, ())
        if k in active and (keys or refs[k]):
            result = s.run(comps[k], killed[k])
            for key in keys:
                out[key] = s.counts(result, jobs[key])
            if refs[k]:
                s.stored[k] = result
        release(killed.get(k, []))
        run_groups(k)
    return {key: out.get(key, zero) for key in jobs}
