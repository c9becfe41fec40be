"""Who do I ask for X: ranked answers with backup, channel, response time and escalation path."""

from __future__ import annotations

import statistics
from typing import Literal

import networkx as nx

from orggraph.analysis.contacts import Contact, choose_provider, contact_of, proximity, require_unit
from orggraph.analysis.search_index import Hit, QueryTerm, SearchIndex
from orggraph.model import Capability, Channel, Org
from orggraph.result import Result

__all__ = ["Answer", "AskReport", "Introduction", "IntroStep", "ask"]

#: Ranking boost for an answer whose provider sits in the asker's team / department, so that of
#: two equally good matches (say two regional laptop-setup teams) the nearer one comes first.
NEAR_BOOST = {"team": 1.10, "department": 1.05}

Relation = Literal["you", "manager", "report", "works with"]


class IntroStep(Result):
    """One person on the introduction path; ``relation`` links them to the previous step."""

    id: str
    name: str
    relation: Relation
    """manager: the previous person's manager; report: their report; works with: a dependency."""


class Introduction(Result):
    """The shortest chain of people who know each other, from the asker to the person to ask."""

    steps: tuple[IntroStep, ...]
    hops: int
    text: str


class Answer(Result):
    """One candidate answer: a capability (with its providers) or a unit matched by name/title."""

    rank: int
    kind: Literal["capability", "unit"]
    capability_id: str | None = None
    capability_name: str | None = None
    description: str = ""
    ask_first: Contact
    reason: str
    """Why this person is the one to ask first."""
    backups: tuple[Contact, ...] = ()
    channel: Channel | None = None
    channel_source: Literal["capability", "provider"] | None = None
    lead_time_hours: float | None = None
    lead_time_source: Literal["capability", "dependencies"] | None = None
    escalation: tuple[Contact, ...] = ()
    """The managers of the person to ask, nearest first."""
    provides: tuple[str, ...] = ()
    """For a unit answer: names of the capabilities it provides."""
    introduction: Introduction | None = None
    relevance: float
    """Match strength relative to the best answer (1.0 = the best)."""
    score: float
    """Raw BM25 score (after the small nearness boost when asking as someone)."""
    matched: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


class AskReport(Result):
    """The answers to one question; ``found`` is False when nothing matched (see ``message``)."""

    query: str
    as_unit: str | None = None
    found: bool
    message: str
    understood: tuple[str, ...] = ()
    """How each query word was read, e.g. "tiemcards -> timecards (spelling)"."""
    unmatched: tuple[str, ...] = ()
    """Query words that matched nothing in the organisation."""
    answers: tuple[Answer, ...] = ()
    suggestions: tuple[str, ...] = ()
    """When nothing matched: the closest capability names."""


def ask(
    index_or_G: SearchIndex | nx.DiGraph, query: str, *, as_unit: str | None = None, top: int = 5
) -> AskReport:
    """Answer "who do I ask for <query>?" from the organisation's capabilities and people.

    Parameters
    ----------
    index_or_G
        A :class:`SearchIndex` (build it once with ``SearchIndex.build(org)`` and reuse it), or a
        dependency graph, whose index is built on first use and cached in ``G.graph``.
    query
        Free text: "who handles freight invoices", "tiemcards", "payroll clerk".
    as_unit
        The asker's unit id: prefers providers in their team, then department, and adds the
        shortest introduction path to each person to ask.
    top
        At most this many answers.

    Returns
    -------
    AskReport
        Ranked answers; ``found`` False, a plain message and the closest capabilities when
        nothing matched.

    Raises
    ------
    UnitNotFound
        ``as_unit`` is not a unit of the organisation.
    """
    index = index_or_G if isinstance(index_or_G, SearchIndex) else SearchIndex.for_graph(index_or_G)
    org = index.org
    if as_unit is not None:
        require_unit(org, as_unit)
    terms = index.understand(query)
    hits = index.search(terms, limit=max(top, 1) * 4 if as_unit else max(top, 1))
    understood = tuple(_describe_term(index, t) for t in terms if t.alternatives and t.how != "phrase")
    unmatched = tuple(t.text for t in terms if not t.alternatives)
    if not hits:
        suggestions = tuple(org.capability_by_id[c].name for c in index.closest_capabilities(query))
        if not terms:
            message = f"The question {query!r} has no words to search for; name the thing you need."
        else:
            message = f"Nothing in {org.org.name} matches {query!r}."
        if suggestions:
            message += " Closest capabilities: " + "; ".join(suggestions) + "."
        return AskReport(
            query=query, as_unit=as_unit, found=False, message=message, understood=understood,
            unmatched=unmatched, suggestions=suggestions,
        )  # fmt: skip

    scored = [(_boosted(org, hit, as_unit), hit) for hit in hits]
    scored.sort(key=lambda sh: -sh[0])  # stable: equal scores keep the index's (kind, id) order
    best = scored[0][0]
    answers = tuple(
        _answer(index, hit, rank, score, best, as_unit) for rank, (score, hit) in enumerate(scored[:top], 1)
    )
    top_answer = answers[0]
    what = top_answer.capability_name or top_answer.ask_first.name
    message = (
        f"Ask {top_answer.ask_first.name} for {what}."
        if top_answer.kind == "capability"
        else (f"Best match: {top_answer.ask_first.label}.")
    )
    if unmatched:
        message += " No match for: " + ", ".join(unmatched) + "."
    return AskReport(
        query=query, as_unit=as_unit, found=True, message=message, understood=understood,
        unmatched=unmatched, answers=answers,
    )  # fmt: skip


def _describe_term(index: SearchIndex, term: QueryTerm) -> str:
    best = sorted(term.alternatives.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    shown = ", ".join(index.display[t] for t, _ in best)
    return term.text if term.how == "exact" else f"{term.text} -> {shown} ({term.how})"


def _providers(org: Org, hit: Hit) -> tuple[str, ...]:
    return org.capability_by_id[hit.ref].providers if hit.kind == "capability" else (hit.ref,)


def _boosted(org: Org, hit: Hit, asker: str | None) -> float:
    if asker is None:
        return hit.score
    near = {proximity(org, asker, p) for p in _providers(org, hit) if p != asker}
    return hit.score * max((NEAR_BOOST.get(n, 1.0) for n in near), default=1.0)


def _answer(index: SearchIndex, hit: Hit, rank: int, score: float, best: float, asker: str | None) -> Answer:
    org = index.org
    common = {
        "rank": rank,
        "relevance": round(score / best, 4),
        "score": round(score, 4),
        "matched": hit.matched,
    }
    if hit.kind == "unit":
        unit = contact_of(org, hit.ref)
        provides = tuple(org.capability_by_id[c].name for c in index.provided_by.get(hit.ref, ()))
        notes = () if unit.available else (f"{unit.name} is marked unavailable; try their manager.",)
        return Answer(
            kind="unit", ask_first=unit, reason="matches your question by name, title or team",
            channel=unit.channel, channel_source="provider" if unit.channel else None,
            escalation=_escalation(org, hit.ref), provides=provides,
            introduction=_introduction(index, asker, hit.ref), notes=notes, **common,
        )  # fmt: skip
    cap = org.capability_by_id[hit.ref]
    choice = choose_provider(org, cap.providers, asker)
    first = contact_of(org, choice.ask_first)
    channel, channel_source = (cap.channel, "capability") if cap.channel else (first.channel, "provider")
    lead, lead_source = _lead_time(index, cap)
    notes = []
    if choice.nobody_available:
        notes.append("Everyone who provides this is marked unavailable.")
    if not cap.providers[1:]:
        notes.append("No backup: only one provider can do this.")
    if channel is None:
        notes.append("No channel recorded; contact the person directly.")
    return Answer(
        kind="capability", capability_id=cap.id, capability_name=cap.name, description=cap.description,
        ask_first=first, reason=choice.reason, backups=tuple(contact_of(org, b) for b in choice.backups),
        channel=channel, channel_source=channel_source if channel else None,
        lead_time_hours=lead, lead_time_source=lead_source, escalation=_escalation(org, choice.ask_first),
        introduction=_introduction(index, asker, choice.ask_first), notes=tuple(notes), **common,
    )  # fmt: skip


def _lead_time(
    index: SearchIndex, cap: Capability
) -> tuple[float | None, Literal["capability", "dependencies"] | None]:
    """The capability's lead time, else the median of the lead times its dependencies state."""
    if cap.lead_time_hours is not None:
        return cap.lead_time_hours, "capability"
    stated = index.stated_lead_times.get(cap.id)
    if stated:
        return float(statistics.median(stated)), "dependencies"
    return None, None


def _escalation(org: Org, unit_id: str) -> tuple[Contact, ...]:
    if unit_id not in org.unit_by_id:
        return ()
    return tuple(contact_of(org, m) for m in org.management_chain(unit_id))


def _introduction(index: SearchIndex, asker: str | None, target: str) -> Introduction | None:
    """The cheapest path through reporting lines and dependencies (see ``connections``), in words.

    Only people introduce people: team units can start or end the path but not sit inside it
    (a hub team such as the IT desk "works with" everyone and would introduce no one).
    """
    org = index.org
    if asker is None or asker == target or target not in org.unit_by_id:
        return None
    units = org.unit_by_id

    def cost(u: str, v: str, data: dict) -> float | None:
        inside = [n for n in (u, v) if n not in (asker, target)]
        return None if any(units[n].kind == "team" for n in inside) else data["weight"]

    try:
        _, path = nx.bidirectional_dijkstra(index.connections, asker, target, weight=cost)
    except nx.NetworkXNoPath:
        name = units[target].name
        return Introduction(steps=(), hops=0, text=f"Nobody links you to {name} yet; contact them directly.")
    steps = [IntroStep(id=asker, name=units[asker].name, relation="you")]
    steps += [
        IntroStep(id=b, name=units[b].name, relation=_relation(org, a, b))
        for a, b in zip(path, path[1:], strict=False)
    ]
    return Introduction(steps=tuple(steps), hops=len(path) - 1, text=_intro_text(org, steps))


def _relation(org: Org, a: str, b: str) -> Relation:
    if org.unit_by_id[a].manager == b:
        return "manager"
    if org.unit_by_id[b].manager == a:
        return "report"
    return "works with"


def _intro_text(org: Org, steps: list[IntroStep]) -> str:
    """ "Your manager Lee Park works with Priya Shah in Payroll."."""
    last = steps[-1]
    dept = contact_of(org, last.id).department
    target = last.name + (f" in {dept}" if dept else "")
    if len(steps) == 2:
        return {
            "manager": f"{target} is your manager.",
            "report": f"{target} reports to you.",
            "works with": f"You already work with {target}.",
        }[last.relation]
    first = steps[1]
    subject = {
        "manager": f"Your manager {first.name}",
        "report": f"Your report {first.name}",
        "works with": f"Your colleague {first.name}",
    }[first.relation]
    verbs = {"manager": "reports to", "report": "manages", "works with": "works with"}
    clauses = [f"{verbs[s.relation]} {target if s is last else s.name}" for s in steps[2:]]
    return subject + " " + ", who ".join(clauses) + "."
