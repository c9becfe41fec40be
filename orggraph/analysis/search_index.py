"""The full-text index behind "who do I ask for X", built once per organisation and reused.

Documents are the organisation's capabilities (name and keywords count twice, description once)
and units (name, title, team name), ranked with BM25 (:mod:`bm25s`), one index per kind so short
unit documents are not favoured by length normalisation. Robustness comes from normalising both
sides the same way (:mod:`orggraph.analysis.search_text`) and from mapping each query word onto
the index vocabulary before ranking:

* case, punctuation, plurals and ``-ing``/``-ed`` endings are ignored, so "timecard",
  "Timecards" and "time-cards" meet;
* compounds: adjacent query words are joined ("time cards" -> "timecard") and an unknown word is
  split ("setup" -> "set" + "up") when the result is in the vocabulary; adjacent words in
  documents are also indexed joined when the joined form is a known word;
* typos: an unknown word is mapped to the closest vocabulary words with :mod:`rapidfuzz`;
* synonyms: a small built-in list of HR, IT and finance terms; a capability's own keywords are
  indexed with it, so they act as its synonyms;
* word order: adjacent words are also indexed as an unordered pair, so "store replenishment" and
  "replenishment store" both rank the document with those words side by side first.

Each query word scores a document by its best alternative (exact 1.0, typo 0.9 x similarity,
synonym 0.4 x the word's own weight), and the words' scores add up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import bm25s
import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process, utils

from orggraph.analysis.search_text import PAIR, QUERY_STOPWORDS, STOPWORDS, SYNONYM_GROUPS, pair, stem, words
from orggraph.model import Org

__all__ = ["Hit", "QueryTerm", "SearchIndex"]

EXACT, TYPO_WEIGHT, SYNONYM_WEIGHT = 1.0, 0.9, 0.4


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """How one query word (or joined pair) was understood."""

    text: str
    """The words as typed."""
    alternatives: dict[str, float]
    """Index terms searched for, with their weight (1 = exact)."""
    how: str
    """exact, joined, split, spelling, synonym or unknown."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching document: ``kind`` is "capability" or "unit", ``ref`` its id."""

    kind: str
    ref: str
    score: float
    matched: tuple[str, ...]
    """Words of the document that matched, as written in the data."""


@dataclass(slots=True)
class _Docs:
    kinds: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    fields: list[list[tuple[list[str], int]]] = field(default_factory=list)
    """Per document: (words of one field, how many times it counts)."""


class SearchIndex:
    """BM25 index over one organisation's capabilities and units; build with :meth:`build`."""

    def __init__(self, org: Org, docs: _Docs, tokens: list[list[str]], display: dict[str, str]) -> None:
        self.org = org
        self.kinds = docs.kinds
        self.refs = docs.refs
        self.doc_terms = [frozenset(t) for t in tokens]
        self.display = display
        # One BM25 index per kind: short unit documents (name, title, team) would otherwise be
        # favoured over capabilities by length normalisation against a shared average length.
        self.parts: list[tuple[bm25s.BM25, dict[str, int], int]] = []
        for kind in ("capability", "unit"):
            part_tokens = [t for t, k in zip(tokens, self.kinds, strict=True) if k == kind]
            bm25 = bm25s.BM25()
            bm25.index(part_tokens or [[""]], show_progress=False)
            self.parts.append((bm25, bm25.vocab_dict, len(part_tokens)))
        self.vocab: frozenset[str] = frozenset(t for _, v, _ in self.parts for t in v if t)
        self.synonyms = _synonym_table(self.vocab)
        self.fuzzy_choices = sorted({t for t in self.vocab if PAIR not in t} | set(self.synonyms))
        self.suggest_ids = [c.id for c in org.capabilities]
        self.suggest_keys = [utils.default_process(c.name) for c in org.capabilities]
        self.provided_by: dict[str, list[str]] = {}
        for cap in sorted(org.capabilities, key=lambda c: c.id):
            for p in cap.providers:
                self.provided_by.setdefault(p, []).append(cap.id)
        self.stated_lead_times: dict[str, list[float]] = {}
        for dep in org.dependencies:
            if dep.lead_time_hours is not None:
                self.stated_lead_times.setdefault(dep.capability_id, []).append(dep.lead_time_hours)

    @classmethod
    def build(cls, org: Org) -> SearchIndex:
        """Index every declared capability and every unit of ``org``.

        A capability's name and each keyword count twice, its description once; a unit's name,
        title and team name once each.
        """
        docs = _Docs()
        teams = org.unit_by_id
        for cap in sorted(org.capabilities, key=lambda c: c.id):
            docs.kinds.append("capability")
            docs.refs.append(cap.id)
            docs.fields.append(
                [(words(cap.name), 2), *((words(k), 2) for k in cap.keywords), (words(cap.description), 1)]
            )
        for unit in sorted(org.units, key=lambda u: u.id):
            team = teams[unit.team].name if unit.team in teams else (unit.team or "")
            docs.kinds.append("unit")
            docs.refs.append(unit.id)
            docs.fields.append([(words(unit.name), 1), (words(unit.title), 1), (words(team), 1)])
        return cls._from_docs(org, docs)

    @classmethod
    def _from_docs(cls, org: Org, docs: _Docs) -> SearchIndex:
        """Tokens per document: stems, known compounds of adjacent words, unordered word pairs."""
        stems: dict[str, str] = {}  # word -> stem; a catalogue repeats a few thousand words

        def st(word: str) -> str:
            s = stems.get(word)
            if s is None:
                s = stems[word] = stem(word)
            return s

        display: dict[str, str] = {}
        kept = [[[w for w in ws if w not in STOPWORDS] for ws, _ in fields] for fields in docs.fields]
        for doc in kept:
            for ws in doc:
                for w in ws:
                    display.setdefault(st(w), w)
        known = set(display) | {stem(w) for group in SYNONYM_GROUPS for w in group}
        tokens: list[list[str]] = []
        for doc, fields in zip(kept, docs.fields, strict=True):
            toks: list[str] = []
            for ws, (_, times) in zip(doc, fields, strict=True):
                ss = [st(w) for w in ws]
                field_tokens = ss + [j for a, b in zip(ws, ws[1:], strict=False) if (j := st(a + b)) in known]
                field_tokens += [pair(a, b) for a, b in zip(ss, ss[1:], strict=False)]
                toks.extend(field_tokens * times)
            tokens.append(toks)
        for toks in tokens:
            for t in toks:
                display.setdefault(t, t)
        return cls(org, docs, [t or [""] for t in tokens], display)

    @classmethod
    def for_graph(cls, G: nx.DiGraph) -> SearchIndex:
        """The index of the graph's organisation, built on first use and kept in ``G.graph``."""
        from orggraph.graph import org_of

        org = org_of(G)
        index = G.graph.get("search_index")
        if not isinstance(index, SearchIndex) or index.org is not org:
            index = cls.build(org)
            G.graph["search_index"] = index
        return index

    @cached_property
    def connections(self) -> nx.Graph:
        """Undirected unit graph of who works with whom, for introductions.

        A reporting line or a dependency on a primary provider costs 1 (``weight``); a dependency
        on a backup provider costs 2, since the consumer usually deals with the primary.
        """
        org = self.org
        cost: dict[tuple[str, str], int] = {}
        for dep in org.dependencies:
            for rank, provider in enumerate(org.capability_of(dep).providers):
                if provider != dep.consumer and provider in org.unit_by_id:
                    key = (min(dep.consumer, provider), max(dep.consumer, provider))
                    cost[key] = min(cost.get(key, 2), 1 if rank == 0 else 2)
        for unit in org.units:
            if unit.manager in org.unit_by_id and unit.manager != unit.id:
                cost[(min(unit.id, unit.manager), max(unit.id, unit.manager))] = 1
        H = nx.Graph()
        H.add_nodes_from(sorted(org.unit_by_id))
        H.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(cost.items()))
        return H

    def understand(self, query: str) -> list[QueryTerm]:
        """Map the query's words onto index terms (joins, splits, typos, synonyms).

        Consecutive understood words also form a "phrase" term (their unordered pair), so a
        document with the words next to each other ranks above one that has them far apart.
        """
        raw = words(query)
        terms: list[QueryTerm] = []
        i = 0
        while i < len(raw):
            w = raw[i]
            if i + 1 < len(raw) and self._known(j := stem(w + raw[i + 1])):
                alts = {j: EXACT} if j in self.vocab else {}
                terms.append(self._expand(f"{w} {raw[i + 1]}", alts, "joined", seeds=(j,)))
                i += 2
                continue
            i += 1
            if w in QUERY_STOPWORDS:
                continue
            terms.extend(self._word_terms(w))
        phrases = []
        for a, b in zip(terms, terms[1:], strict=False):
            if a.alternatives and b.alternatives:
                (ta, wa), (tb, wb) = _best(a), _best(b)
                if (p := pair(ta, tb)) in self.vocab:
                    phrases.append(QueryTerm(f"{a.text} {b.text}", {p: wa * wb}, "phrase"))
        return terms + phrases

    def _known(self, term: str) -> bool:
        """In the index, or a synonym of something in the index."""
        return term in self.vocab or bool(self.synonyms.get(term))

    def _word_terms(self, w: str) -> list[QueryTerm]:
        s = stem(w)
        if self._known(s):
            return [self._expand(w, {s: EXACT} if s in self.vocab else {}, "exact", seeds=(s,))]
        split = self._split(w)
        if split:
            return [self._expand(w, {part: EXACT}, "split") for part in split]
        if len(s) >= 4:
            cutoff = 75 if len(s) == 4 else 80
            found = process.extract(s, self.fuzzy_choices, scorer=fuzz.ratio, limit=3, score_cutoff=cutoff)
            seeds = tuple(c for c, _, _ in found)
            alts = {c: TYPO_WEIGHT * score / 100 for c, score, _ in found if c in self.vocab}
            if seeds:
                return [self._expand(w, alts, "spelling", seeds=seeds, seed_weight=TYPO_WEIGHT)]
        return [QueryTerm(w, {}, "unknown")]

    def _split(self, w: str) -> tuple[str, str] | None:
        best: tuple[str, str] | None = None
        for cut in range(2, len(w) - 1):
            a, b = stem(w[:cut]), stem(w[cut:])
            if (
                a in self.vocab
                and b in self.vocab
                and (best is None or min(len(a), len(b)) > min(map(len, best)))
            ):
                best = (a, b)
        return best

    def _expand(
        self, text: str, alts: dict[str, float], how: str, seeds: Iterable[str] = (), seed_weight: float = 1.0
    ) -> QueryTerm:
        alts = dict(alts)
        for seed in list(alts) + list(seeds):
            base = alts.get(seed, seed_weight)
            for syn in self.synonyms.get(seed, ()):
                if alts.get(syn, 0.0) < base * SYNONYM_WEIGHT:
                    alts[syn] = base * SYNONYM_WEIGHT
        if how in ("exact", "joined") and alts and EXACT not in alts.values():
            how = "synonym"
        return QueryTerm(text, alts, how if alts else "unknown")

    def search(self, terms: list[QueryTerm], limit: int) -> list[Hit]:
        """The best ``limit`` documents for the understood query, best first (ties by kind, id)."""
        total = np.zeros(len(self.refs), dtype=np.float64)
        if not self.refs:
            return []
        for term in terms:
            best = np.zeros_like(total)
            for token, weight in term.alternatives.items():
                np.maximum(best, weight * self._scores(token), out=best)
            total += best
        # Documents are stored sorted by (kind, id), so ties are broken by position.
        found = np.flatnonzero(total > 0)
        if len(found) > limit:
            kth = np.partition(total[found], len(found) - limit)[len(found) - limit]
            above, tied = found[total[found] > kth], found[total[found] == kth]
            found = np.sort(np.concatenate([above, tied[: limit - len(above)]]))
        order = found[np.argsort(-total[found], kind="stable")].tolist()
        wanted = {t for term in terms for t in term.alternatives if PAIR not in t}
        return [
            Hit(
                self.kinds[d],
                self.refs[d],
                float(total[d]),
                tuple(sorted(self.display[t] for t in wanted & self.doc_terms[d])),
            )
            for d in order
        ]

    def _scores(self, token: str) -> np.ndarray:
        """BM25 scores of one index term for every document (capabilities, then units)."""
        return np.concatenate(
            [bm25.get_scores_from_ids([v[token]]) if token in v else np.zeros(n) for bm25, v, n in self.parts]
        )

    def closest_capabilities(self, query: str, limit: int = 3) -> list[str]:
        """Capability ids whose names are closest to ``query`` as typed (for "did you mean").

        Plain edit-distance similarity on the normalised name: fast enough for 10k capabilities.
        """
        found = process.extract(
            utils.default_process(query), self.suggest_keys, scorer=fuzz.ratio, processor=None, limit=limit
        )
        return [
            self.suggest_ids[i] for _, _, i in sorted(found, key=lambda f: (-f[1], self.suggest_ids[f[2]]))
        ]


def _best(term: QueryTerm) -> tuple[str, float]:
    return min(term.alternatives.items(), key=lambda kv: (-kv[1], kv[0]))


def _synonym_table(vocab: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Stemmed synonym term -> the other members of its groups that occur in the index."""
    table: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        stems = [stem(w) for w in group]
        for s in stems:
            table.setdefault(s, set()).update(o for o in stems if o != s and o in vocab)
    return {k: tuple(sorted(v)) for k, v in table.items()}
