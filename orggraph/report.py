"""The organisation health report: headline figures, ranked findings and recommendations, on one page.

:func:`health_report` runs the bottleneck, chain and silo analyses (or takes them ready-made,
see :class:`Analyses`) and condenses them into a :class:`~orggraph.report_models.HealthReport`
a COO or an HR business partner reads in five minutes. Renderers (HTML, Markdown) live in
:mod:`viz.report`; the JSON is the model itself.

How findings are chosen and ranked (the README repeats this for managers):

* **single point of failure**: a unit that alone provides something whose loss would make other
  units fail (the AND/OR cascade). High when at least 10% of the units fail or 25% of the front
  line is hurt, medium when at least 5% of either, low otherwise. The worst ``top_findings``.
* **overloaded**: a unit flagged by the bottleneck analysis for its yearly demand per FTE. High
  at 10 times the median load or more (or demand with no FTE recorded), medium at 3 times, low
  otherwise. Units already reported as a single point of failure are not repeated.
* **critical chain**: the slowest chain of hand-offs into a front-line unit. High when it takes
  at least a week (168 h) *and* twice the median front-line unit's slowest chain, medium when
  either holds, low otherwise; with no lead times in the data it is listed for information.
* **silo** and **bridge**: the silo analysis's silo and sole-link findings, with its severity.
* **loop**: every circular dependency; medium when a hand-off closing it is high or critical,
  low otherwise, information only when it takes in more than 10 units (the whole organisation
  waiting on itself is how survey networks look, not a loop to untie).
* **bottleneck**: the top-ranked units not already named above; high at a bottleneck score of
  60 or more, medium at 40, low at 25 (lower scores are not findings).

Findings are ordered by severity, then by kind in the order above, then by score, then by id.
Each recommendation answers one finding, in the same order.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from orggraph.analysis.bottlenecks import BottleneckReport, UnitBottleneck, bottlenecks
from orggraph.analysis.chain_models import Chain, ChainReport, Cycle
from orggraph.analysis.chains import chains
from orggraph.analysis.silos import SiloReport, SoleLink, silos
from orggraph.graph import NO_DEPARTMENT, org_of
from orggraph.model import IMPLICIT_PREFIX, Org
from orggraph.report_models import (
    FINDING_KINDS,
    BottleneckItem,
    BridgeItem,
    ChainItem,
    ChainStep,
    CommunitySummary,
    Finding,
    Headline,
    HealthReport,
    LoadItem,
    LoopItem,
    Recommendation,
    Severity,
    SiloItem,
    SinglePointItem,
    SoleCapabilityRef,
)

__all__ = ["Analyses", "HealthReport", "health_report", "run_analyses"]

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
_KIND_ORDER = {k: i for i, k in enumerate(FINDING_KINDS)}
WEEK_HOURS = 168.0
BIG_LOOP = 10
MAX_RECOMMENDATIONS = 12


@dataclass(frozen=True)
class Analyses:
    """The three analysis reports the health report is built from (all of the same graph)."""

    bottlenecks: BottleneckReport
    chains: ChainReport
    silos: SiloReport


def run_analyses(
    G: nx.DiGraph, *, top: int = 5, seed: int = 0, ranking: BottleneckReport | None = None
) -> Analyses:
    """Run the analyses :func:`health_report` needs, so a caller can reuse them (e.g. for the map).

    The bottleneck ranking is complete (every unit, default weights), chains are kept for
    ``max(top, 5)`` front-line units and the silo analysis is by department. ``ranking``: that
    bottleneck report of ``G`` (``bottlenecks(G, seed=seed)``) when the caller already has it.
    """
    return Analyses(
        bottlenecks=ranking if ranking is not None else bottlenecks(G, seed=seed),
        chains=chains(G, top=max(top, 5), supply_limit=0),
        silos=silos(G, level="department", seed=seed),
    )


def health_report(
    G: nx.DiGraph,
    *,
    top: int = 5,
    top_findings: int = 3,
    seed: int = 0,
    analyses: Analyses | None = None,
) -> HealthReport:
    """The organisation health report of a dependency graph.

    Parameters
    ----------
    G : networkx.DiGraph
        The unit-level graph from :func:`orggraph.build_graph` (edges consumer -> provider).
    top : int
        Rows in each table (bottlenecks, single points of failure, overloaded units, silos,
        bridges, chains).
    top_findings : int
        Most findings of each kind (single points of failure, overloaded units, bridges, chains,
        other bottlenecks); every silo and every loop is a finding.
    seed : int
        Seed of the betweenness sample and the community detection (same seed, same report).
    analyses : Analyses, optional
        The analyses of ``G`` from :func:`run_analyses`, when the caller already has them.

    Returns
    -------
    HealthReport
        Headline figures, findings (most severe first, each with the ids of its evidence),
        ranked recommendations, and the tables behind them.

    Raises
    ------
    ValueError
        ``top`` or ``top_findings`` below 1, or ``G`` is a roll-up rather than the unit graph.
    """
    if top < 1 or top_findings < 1:
        raise ValueError("top and top_findings must be at least 1")
    a = analyses if analyses is not None else run_analyses(G, top=top, seed=seed)
    b = _Builder(G, a, top, top_findings)
    findings = b.findings()
    return HealthReport(
        headline=b.headline(),
        findings=findings,
        recommendations=_recommendations(findings),
        bottlenecks=b.bottleneck_items(),
        single_points_of_failure=tuple(b.single_point_item(e) for e in b.single_points[:top]),
        overloaded=tuple(b.load_item(e) for e in b.overloaded[:top]),
        silos=b.silo_items(),
        bridges=b.bridge_items(),
        chains=b.chain_items,
        loops=b.loop_items,
        communities=CommunitySummary(
            method=a.silos.community_method,
            communities=a.silos.community_count,
            nmi=a.silos.nmi,
            modularity_formal=a.silos.modularity_formal,
            modularity_detected=a.silos.modularity_detected,
            ei_index=a.silos.ei_index,
        ),
        names=b.names(findings),
        notes=b.notes(),
        top=top,
        seed=seed,
    )


class _Builder:
    """Condenses the analyses of one graph into the report's parts."""

    def __init__(self, G: nx.DiGraph, a: Analyses, top: int, top_findings: int) -> None:
        self.G, self.a, self.top, self.k = G, a, top, top_findings
        self.org: Org = org_of(G)
        self.n = G.number_of_nodes()
        self.front = sum(1 for _, f in G.nodes(data="front_line") if f)
        entries = a.bottlenecks.entries
        self.single_points = sorted(
            (e for e in entries if e.sole_provider_of and e.failed_if_lost > 0),
            key=lambda e: (-e.failed_if_lost, -e.front_line_hurt_if_lost, -e.degraded_if_lost, e.id),
        )
        self.overloaded = sorted((e for e in entries if e.overloaded), key=lambda e: (e.load_rank, e.id))
        self.silo_groups = [f.groups[0] for f in a.silos.findings if f.kind == "silo" and f.groups]
        self.chain_items = tuple(
            self._chain_item(i, c) for i, c in enumerate(a.chains.critical[:top], start=1)
        )
        self.loop_items = tuple(self._loop_item(i, c) for i, c in enumerate(a.chains.cycles, start=1))

    # -- names -----------------------------------------------------------------------------

    def unit_name(self, unit_id: str) -> str:
        unit = self.org.unit_by_id.get(unit_id)
        return unit.name if unit else unit_id

    def dept_of(self, unit_id: str) -> str:
        unit = self.org.unit_by_id.get(unit_id)
        return (unit.department if unit else None) or NO_DEPARTMENT

    def formal(self, unit_id: str) -> str:
        """A sentence on the person's formal position (title, direct reports), when the data has
        reporting lines; empty otherwise, and for team units."""
        unit = self.org.unit_by_id.get(unit_id)
        if not self.org.reports_of or unit is None or unit.kind != "person":
            return ""
        n = len(self.org.reports_of.get(unit_id, ()))
        position = f"{unit.title}, " if unit.title else ""
        reports = "not a people manager" if n == 0 else f"{n} direct report{'' if n == 1 else 's'}"
        return f" Formally: {position}{reports}."

    def dept_name(self, dept_id: str) -> str:
        dept = self.org.department_by_id.get(dept_id)
        return dept.name if dept else dept_id

    def names(self, findings: Sequence[Finding]) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in findings:
            for u in f.units:
                out[u] = self.unit_name(u)
            for d in f.departments:
                out[d] = self.dept_name(d)
            if f.chain:
                out[f.chain] = self.unit_name(f.chain)
        return dict(sorted(out.items()))

    # -- headline --------------------------------------------------------------------------

    def headline(self) -> Headline:
        org, units = self.org, self.org.units
        fte = sum(u.fte for u in units)
        front_fte = sum(u.fte for u in units if u.front_line)
        caps = org.capability_by_id
        cross = 0
        need: dict[str, int] = {}  # capability -> highest criticality weight needed
        for dep in org.dependencies:
            cap = caps[dep.capability_id]
            if self.dept_of(dep.consumer) != self.dept_of(cap.providers[0]):
                cross += 1
            need[cap.id] = max(need.get(cap.id, 0), int(dep.criticality_weight))
        sole = [c for c in need if len(caps[c].providers) == 1]
        n_deps = len(org.dependencies)
        return Headline(
            organisation=org.org.name,
            as_of=org.org.as_of,
            units=len(units),
            people=sum(1 for u in units if u.kind == "person"),
            teams=sum(1 for u in units if u.kind == "team"),
            fte=round(fte, 2),
            departments=len(org.department_by_id),
            managers=sum(1 for m in org.reports_of if m in org.unit_by_id),
            front_line_units=self.front,
            front_line_share=self.front / len(units) if units else None,
            front_line_fte_share=front_fte / fte if fte > 0 else None,
            dependencies=n_deps,
            cross_department_dependencies=cross,
            cross_department_share=cross / n_deps if n_deps else None,
            capabilities_in_use=len(need),
            capabilities_without_backup=len(sole),
            critical_without_backup=sum(1 for c in sole if need[c] >= 3),
            direct_requests=sum(1 for c in need if caps[c].implicit),
            single_points_of_failure=len(self.single_points),
            overloaded=len(self.overloaded),
            silos=len(self.silo_groups),
            loops=len(self.loop_items),
        )

    # -- tables ----------------------------------------------------------------------------

    def bottleneck_items(self) -> tuple[BottleneckItem, ...]:
        reports = self.org.reports_of
        items = []
        for e in self.a.bottlenecks.entries[: self.top]:
            unit = self.org.unit_by_id.get(e.id)
            items.append(
                BottleneckItem(
                    rank=e.rank,
                    id=e.id,
                    name=e.name,
                    kind=unit.kind if unit else "group",
                    title=unit.title if unit else "",
                    department=e.department,
                    department_name=self.dept_name(e.department),
                    score=e.score,
                    top_factor=e.top_factor,
                    summary=e.summary,
                    direct_reports=len(reports.get(e.id, ())),
                    front_line=e.front_line,
                    overloaded=e.overloaded,
                )
            )
        return tuple(items)

    def single_point_item(self, e: UnitBottleneck) -> SinglePointItem:
        return SinglePointItem(
            id=e.id,
            name=e.name,
            department=e.department,
            department_name=self.dept_name(e.department),
            capabilities=tuple(
                SoleCapabilityRef(
                    id=c.id,
                    name=c.name,
                    dependents=c.dependents,
                    front_line_dependents=c.front_line_dependents,
                )
                for c in e.sole_provider_of
            ),
            failed_if_lost=e.failed_if_lost,
            degraded_if_lost=e.degraded_if_lost,
            front_line_hurt_if_lost=e.front_line_hurt_if_lost,
        )

    def load_item(self, e: UnitBottleneck) -> LoadItem:
        return LoadItem(
            id=e.id,
            name=e.name,
            department=e.department,
            department_name=self.dept_name(e.department),
            fte=e.fte,
            yearly_requests=e.yearly_requests,
            load_per_fte=e.load_per_fte,
            load_vs_median=e.load_vs_median,
            load_rank=e.load_rank,
        )

    def silo_items(self) -> tuple[SiloItem, ...]:
        flagged = set(self.silo_groups)
        groups = [g for g in self.a.silos.groups if g.size >= 2]
        return tuple(
            SiloItem(
                department=g.group,
                name=g.name,
                size=g.size,
                internal_ties=g.internal_ties,
                external_ties=g.external_ties,
                ei_index=g.ei_index,
                insularity=g.insularity,
                partners=g.partners,
                silo=g.group in flagged,
                spanners=tuple(s.unit for s in g.spanners[:3]),
                spanner_names=tuple(s.name for s in g.spanners[:3]),
            )
            for g in groups[: max(self.top, len(flagged))]
        )

    def bridge_items(self) -> tuple[BridgeItem, ...]:
        return tuple(
            BridgeItem(
                department=s.group,
                department_name=self.dept_name(s.group),
                partner=s.partner,
                partner_name=self.dept_name(s.partner),
                unit=s.unit,
                unit_name=s.unit_name,
                ties=s.ties,
            )
            for s in self._ranked_sole_links()[: self.top]
        )

    def _ranked_sole_links(self) -> list[SoleLink]:
        """Sole links, the ones the silo analysis ranks as findings first (by score)."""
        score = {
            (f.groups[0], f.groups[1], f.units[0]): f.score
            for f in self.a.silos.findings
            if f.kind == "sole-link" and len(f.groups) >= 2 and f.units
        }
        return sorted(
            self.a.silos.sole_links,
            key=lambda s: (-score.get((s.group, s.partner, s.unit), -1.0), -s.ties, s.group, s.partner),
        )

    def _chain_item(self, i: int, c: Chain) -> ChainItem:
        weakest = c.weakest_link
        return ChainItem(
            anchor=f"chain-{i}",
            front_line=c.front_line,
            front_line_name=c.front_line_name,
            total_hours=c.total_hours,
            hops=c.hops,
            text=c.text,
            steps=tuple(
                ChainStep(
                    consumer=k.consumer,
                    consumer_name=k.consumer_name,
                    provider=k.provider,
                    provider_name=k.provider_name,
                    capability=k.capability,
                    capability_name=k.capability_name,
                    lead_time_hours=k.lead_time_hours,
                    lead_time_known=k.lead_time_known,
                    has_backup=k.has_backup,
                    in_loop=k.loop is not None,
                )
                for k in c.links
            ),
            weakest_provider=weakest.provider if weakest else None,
            weakest_reason=weakest.reason if weakest else None,
        )

    def _loop_item(self, i: int, c: Cycle) -> LoopItem:
        critical = any(
            self.G.edges[k.consumer, k.provider]["criticality_weight"] >= 3
            for k in c.closing_loop
            if self.G.has_edge(k.consumer, k.provider)
        )
        return LoopItem(
            anchor=f"loop-{i}",
            key=c.key,
            members=c.members,
            member_names=c.member_names,
            size=len(c.members),
            critical=critical,
            text=c.text,
        )

    # -- findings --------------------------------------------------------------------------

    def findings(self) -> tuple[Finding, ...]:
        out: list[Finding] = []
        named: set[str] = set()
        recs = {}
        for r in self.a.bottlenecks.recommendations:
            recs.setdefault((r.unit, r.kind), r.text)
        for e in self.single_points[: self.k]:
            out.append(self._single_point(e, recs))
            named.add(e.id)
        for e in [e for e in self.overloaded if e.id not in named][: self.k]:
            out.append(self._overload(e, recs))
            named.add(e.id)
        out.extend(self._chain_findings())
        out.extend(self._silo_findings())
        out.extend(self._loop(item) for item in self.loop_items)
        out.extend(self._bottleneck_findings(named, recs))
        out.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], _KIND_ORDER[f.kind], -f.score, f.id))
        return tuple(out)

    def _single_point(self, e: UnitBottleneck, recs: dict) -> Finding:
        failed, hurt = e.failed_if_lost, e.front_line_hurt_if_lost
        share = failed / max(self.n - 1, 1)
        front_share = hurt / self.front if self.front else 0.0
        severity: Severity = (
            "high"
            if share >= 0.10 or front_share >= 0.25
            else "medium"
            if max(share, front_share) >= 0.05
            else "low"
        )
        cap = e.sole_provider_of[0]
        what = (
            f"'{cap.name}'"
            if not cap.id.startswith(IMPLICIT_PREFIX)
            else f"what others ask of {e.name} directly"
        )
        more = len(e.sole_provider_of) - 1
        detail = e.summary + self.formal(e.id)
        if e.overloaded and e.load_vs_median:
            detail += f" It also carries {e.load_vs_median:.1f} times the median load per FTE."
        action = recs.get((e.id, "backup")) or f"Name and cross-train a backup for {e.name}."
        return Finding(
            id=f"single-point-of-failure:{e.id}",
            kind="single-point-of-failure",
            severity=severity,
            score=e.score,
            title=f"Only {e.name} provides {what}"
            + (f" (and {more} more)" if more else "")
            + f": {_units(failed)} would fail if {e.name} were unavailable",
            detail=detail,
            action=action,
            units=(e.id,),
            departments=(e.department,),
            capabilities=tuple(c.id for c in e.sole_provider_of),
        )

    def _overload(self, e: UnitBottleneck, recs: dict) -> Finding:
        ratio = e.load_vs_median
        if e.load_per_fte is None:
            severity: Severity = "high"
            title = f"{e.name} receives demand with no capacity recorded (FTE 0)"
        else:
            severity = "high" if (ratio or 0) >= 10 else "medium" if (ratio or 0) >= 3 else "low"
            title = f"{e.name} is overloaded: {e.load_per_fte:,.0f} weighted requests a year per FTE" + (
                f", {ratio:.1f} times the median" if ratio else ""
            )
        action = recs.get((e.id, "split_load")) or recs.get((e.id, "add_capacity")) or ""
        return Finding(
            id=f"overloaded:{e.id}",
            kind="overloaded",
            severity=severity,
            score=round(min(100.0, 10.0 * (ratio or 10.0)), 2),
            title=title,
            detail=e.summary + self.formal(e.id),
            action=action,
            units=(e.id,),
            departments=(e.department,),
        )

    def _chain_findings(self) -> list[Finding]:
        summaries = self.a.chains.front_line_units
        if not self.chain_items:
            return []
        median = statistics.median(s.critical_hours for s in summaries.values())
        top_hours = self.chain_items[0].total_hours
        out = []
        for item in self.chain_items[: self.k]:
            hours = item.total_hours
            long_, slow = hours >= WEEK_HOURS, median > 0 and hours >= 2 * median
            if top_hours <= 0:
                severity: Severity = "info"
            else:
                severity = "high" if long_ and slow else "medium" if long_ or slow else "low"
            if severity != "high" and item is not self.chain_items[0]:
                continue  # the slowest chain always; the next ones only when they are as alarming
            days = f" (about {hours / 24:.0f} days)" if hours >= 48 else ""
            waits = f"{item.front_line_name} waits on a chain of {item.hops} hand-offs"
            title = (
                f"{waits} taking {hours:,.0f} h{days}"
                if hours > 0
                else f"{waits} (no lead times in the data)"
            )
            detail = (
                f"The slowest of the chains into {len(summaries):,} front-line units: {item.hops} hand-offs "
                f"from {item.front_line_name} to {item.steps[-1].provider_name if item.steps else 'nobody'}."
            )
            if median > 0:
                detail += f" The median front-line unit's slowest chain takes {median:,.0f} h."
            action = (
                f"Shorten or secure the chain behind {item.front_line_name}: {item.weakest_reason}"
                if item.weakest_reason
                else f"Shorten the chain behind {item.front_line_name}."
            )
            units = (item.front_line, *dict.fromkeys(s.provider for s in item.steps))
            out.append(
                Finding(
                    id=f"critical-chain:{item.front_line}",
                    kind="critical-chain",
                    severity=severity,
                    score=round(100.0 * hours / top_hours, 2) if top_hours > 0 else 0.0,
                    title=title,
                    detail=detail,
                    action=action,
                    units=tuple(units),
                    departments=tuple(dict.fromkeys(self.dept_of(u) for u in units)),
                    capabilities=tuple(dict.fromkeys(s.capability for s in item.steps)),
                    chain=item.front_line,
                )
            )
        return out

    def _silo_findings(self) -> list[Finding]:
        out = []
        bridges = 0
        for f in self.a.silos.findings:
            if f.kind == "silo" and f.groups:
                kind = "silo"
            elif f.kind == "sole-link" and bridges < self.k and f.units:
                kind, bridges = "bridge", bridges + 1
            else:
                continue
            subject = f.groups[0] if kind == "silo" else f"{f.units[0]}:{f.groups[0]}:{f.groups[-1]}"
            out.append(
                Finding(
                    id=f"{kind}:{subject}",
                    kind=kind,  # type: ignore[arg-type]
                    severity=f.severity,
                    score=f.score,
                    title=f.title,
                    detail=f.evidence,
                    action=f.action,
                    units=f.units,
                    departments=f.groups,
                )
            )
        return out

    def _loop(self, item: LoopItem) -> Finding:
        if item.size > BIG_LOOP:
            severity: Severity = "info"
            title = f"{item.size} units wait on each other, directly or through others"
            action = ""
        else:
            severity = "medium" if item.critical else "low"
            title = f"Circular dependency: {_join(item.member_names)} wait on each other"
            action = (
                f"Break the loop between {_join(item.member_names)}: agree which side goes first, "
                "or a standing arrangement, so neither waits on the other."
            )
        return Finding(
            id=f"loop:{item.key}",
            kind="loop",
            severity=severity,
            score=float(min(item.size, 100)),
            title=title,
            detail=item.text,
            action=action,
            units=item.members,
            departments=tuple(dict.fromkeys(self.dept_of(u) for u in item.members)),
            loop=item.key,
        )

    def _bottleneck_findings(self, named: set[str], recs: dict) -> list[Finding]:
        out = []
        for e in self.a.bottlenecks.entries:
            if len(out) >= self.k or e.score < 25:
                break
            if e.id in named:
                continue
            severity: Severity = "high" if e.score >= 60 else "medium" if e.score >= 40 else "low"
            action = next(
                (text for (unit, _), text in recs.items() if unit == e.id),
                "",
            )
            out.append(
                Finding(
                    id=f"bottleneck:{e.id}",
                    kind="bottleneck",
                    severity=severity,
                    score=e.score,
                    title=f"{e.name} is a bottleneck (rank {e.rank}, score {e.score:.0f} of 100)",
                    detail=e.summary + self.formal(e.id),
                    action=action,
                    units=(e.id,),
                    departments=(e.department,),
                )
            )
        return out

    # -- notes -----------------------------------------------------------------------------

    def notes(self) -> tuple[str, ...]:
        out = list(self.a.bottlenecks.notes)
        if not self.front:
            out.append(
                "The data marks no unit as front line, so there are no chains to the front line and no "
                "front-line figures; mark the customer-facing units (front_line: true) to see them."
            )
        if self.org.dependencies and all(self.org.capability_of(d).implicit for d in self.org.dependencies):
            out.append(
                "Every dependency names one person (as survey or e-mail data does), so no capability has a "
                "backup by construction; read 'without backup' as 'asked of one person'."
            )
        if not self.org.reports_of:
            out.append(
                "The data has no reporting lines, so formal managers cannot be compared with bottlenecks."
            )
        return tuple(out)


def _units(n: int) -> str:
    return f"{n:,} unit" if n == 1 else f"{n:,} units"


def _join(names: Sequence[str], limit: int = 4) -> str:
    shown = list(names[:limit])
    if len(names) > limit:
        shown.append(f"{len(names) - limit} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _recommendations(findings: Sequence[Finding]) -> tuple[Recommendation, ...]:
    out: list[Recommendation] = []
    seen: set[str] = set()
    for f in findings:
        if not f.action or f.action in seen or f.severity == "info":
            continue
        seen.add(f.action)
        out.append(
            Recommendation(
                rank=len(out) + 1, text=f.action, finding=f.id, severity=f.severity, units=f.units[:3]
            )
        )
        if len(out) >= MAX_RECOMMENDATIONS:
            break
    return tuple(out)
