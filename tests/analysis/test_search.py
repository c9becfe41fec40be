"""Who do I ask: search robustness, provider choice, introductions, no-match, provides/needs."""

from __future__ import annotations

import networkx as nx
import pytest

from orggraph import (
    Capability,
    Channel,
    Department,
    Dependency,
    Org,
    SearchIndex,
    Unit,
    UnitNotFound,
    ask,
    build_graph,
    needs,
    provides,
)
from orggraph.analysis.search_text import stem


def _org() -> Org:
    """A small shop: stores, payroll, IT, finance; everything below is checked by hand."""
    return Org(
        departments=[
            Department(id="stores", name="Stores"),
            Department(id="payroll", name="Payroll"),
            Department(id="it", name="IT"),
            Department(id="finance", name="Finance"),
        ],
        units=[
            Unit(id="ceo", name="Cara Boss", title="Chief Executive"),
            Unit(id="lee.park", name="Lee Park", title="Store Manager", department="stores", manager="ceo"),
            Unit(
                id="ana.costa",
                name="Ana Costa",
                title="Sales Assistant",
                department="stores",
                manager="lee.park",
            ),
            Unit(id="kim.wu", name="Kim Wu", title="Head of Payroll", department="payroll", manager="ceo"),
            Unit(
                id="priya.shah",
                name="Priya Shah",
                title="Payroll Officer",
                department="payroll",
                manager="kim.wu",
                channel=Channel(type="chat", address="@priya"),
            ),
            Unit(
                id="dana.reyes",
                name="Dana Reyes",
                title="Payroll Clerk",
                department="payroll",
                manager="kim.wu",
                available=False,
            ),
            Unit(
                id="it-desk",
                name="IT Service Desk",
                kind="team",
                department="it",
                manager="ceo",
                channel=Channel(type="ticket", address="https://it.example/desk"),
            ),
            Unit(
                id="omar.haddad",
                name="Omar Haddad",
                title="Accounts Payable",
                department="finance",
                manager="ceo",
            ),
        ],
        capabilities=[
            Capability(
                id="timecards",
                name="Timecards",
                description="Weekly timecards submitted by store managers",
                keywords=("timesheet",),
                providers=("lee.park",),
            ),
            Capability(
                id="payroll-run",
                name="Payroll run",
                description="Salaries paid every two weeks",
                keywords=("payslip", "wages"),
                providers=("dana.reyes", "priya.shah"),
                lead_time_hours=48,
                channel=Channel(type="email", address="payroll@example.com"),
            ),
            Capability(
                id="laptop-setup",
                name="Laptop set-up",
                description="New laptops configured and delivered",
                providers=("it-desk",),
                lead_time_hours=24,
            ),
            Capability(
                id="freight-account-payment",
                name="Freight account payment",
                description="Carriers' freight invoices paid",
                keywords=("carrier invoices",),
                providers=("omar.haddad",),
            ),
        ],
        dependencies=[
            Dependency(
                consumer="lee.park", capability="payroll-run", cadence="biweekly", criticality="critical"
            ),
            Dependency(
                consumer="priya.shah",
                capability="timecards",
                cadence="weekly",
                criticality="high",
                lead_time_hours=5,
            ),
            Dependency(consumer="ana.costa", capability="laptop-setup", cadence="adhoc", criticality="low"),
            Dependency(consumer="lee.park", capability="freight-account-payment", lead_time_hours=72),
            Dependency(consumer="ana.costa", capability="freight-account-payment", lead_time_hours=24),
        ],
    )


@pytest.fixture(scope="module")
def org() -> Org:
    return _org()


@pytest.fixture(scope="module")
def index(org: Org) -> SearchIndex:
    return SearchIndex.build(org)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("timecards", "timecards"),
        ("Timecards", "timecards"),
        ("timecard", "timecards"),
        ("time cards", "timecards"),
        ("TIME-CARDS", "timecards"),
        ("tiemcards", "timecards"),
        ("who handles freight invoices", "freight-account-payment"),
        ("invoices freight", "freight-account-payment"),
        ("freight invoice", "freight-account-payment"),
        ("bills", "freight-account-payment"),
        ("my paycheck is wrong", "payroll-run"),
        ("salary", "payroll-run"),
        ("pay slips", "payroll-run"),
        ("new computer", "laptop-setup"),
        ("laptp", "laptop-setup"),
    ],
)
def test_query_finds_expected_capability(index: SearchIndex, query: str, expected: str) -> None:
    report = ask(index, query)
    assert report.found
    assert report.answers[0].kind == "capability"
    assert report.answers[0].capability_id == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("who is the payroll clerk", "dana.reyes"), ("Omar Haddad", "omar.haddad"), ("service desk", "it-desk")],
)
def test_people_and_teams_are_answerable(index: SearchIndex, query: str, expected: str) -> None:
    top = ask(index, query).answers[0]
    assert (top.kind, top.ask_first.id) == ("unit", expected)


def test_unit_answer_lists_what_it_provides(index: SearchIndex) -> None:
    top = ask(index, "payroll clerk").answers[0]
    assert top.provides == ("Payroll run",)
    assert not top.ask_first.available and top.notes


def test_stemming_meets_plural_and_verb_forms() -> None:
    assert stem("invoices") == stem("invoice") == stem("invoicing")
    assert stem("policies") == stem("policy")
    assert stem("access") == "access"


def test_unavailable_primary_sends_you_to_first_available_backup(index: SearchIndex) -> None:
    answer = ask(index, "payroll run").answers[0]
    assert answer.capability_id == "payroll-run"
    assert answer.ask_first.id == "priya.shah"
    assert "Dana Reyes is marked unavailable" in answer.reason
    assert [b.id for b in answer.backups] == ["dana.reyes"]
    assert answer.backups[0].available is False


def test_answer_carries_channel_lead_time_and_escalation(index: SearchIndex) -> None:
    payroll = ask(index, "payroll run").answers[0]
    assert (payroll.channel.type, payroll.channel.address, payroll.channel_source) == (
        "email",
        "payroll@example.com",
        "capability",
    )
    assert (payroll.lead_time_hours, payroll.lead_time_source) == (48, "capability")
    assert [c.id for c in payroll.escalation] == ["kim.wu", "ceo"]

    laptop = ask(index, "laptop").answers[0]
    assert (laptop.channel.type, laptop.channel_source) == ("ticket", "provider")  # team's own channel

    freight = ask(index, "freight").answers[0]
    assert freight.channel is None and any("No channel" in n for n in freight.notes)
    # no lead time on the capability: the median of the two stated on dependencies (72 h, 24 h)
    assert (freight.lead_time_hours, freight.lead_time_source) == (48, "dependencies")
    assert any("No backup" in n for n in freight.notes)


def test_introduction_path_in_words(index: SearchIndex) -> None:
    answer = ask(index, "payroll run", as_unit="ana.costa").answers[0]
    intro = answer.introduction
    assert intro is not None
    assert [s.id for s in intro.steps] == ["ana.costa", "lee.park", "priya.shah"]
    assert [s.relation for s in intro.steps] == ["you", "manager", "works with"]
    assert intro.text == "Your manager Lee Park works with Priya Shah in Payroll."
    assert ask(index, "payroll run").answers[0].introduction is None


def test_direct_contact_is_said_plainly(index: SearchIndex) -> None:
    intro = ask(index, "freight", as_unit="lee.park").answers[0].introduction
    assert intro is not None and intro.hops == 1
    assert intro.text == "You already work with Omar Haddad in Finance."


def _two_provider_org() -> Org:
    """Recruitment by HR (primary, other department) or by a recruiter inside the stores team."""
    return Org(
        units=[
            Unit(id="hr.amy", name="Amy Hill", department="hr"),
            Unit(id="store.bob", name="Bob Stone", department="stores", team="store-1"),
            Unit(id="store.cat", name="Cat Lane", department="stores", team="store-1"),
            Unit(id="store.dan", name="Dan Ray", department="stores", team="store-2"),
            Unit(id="area.eve", name="Eve Moss", department="stores", team="area-office"),
        ],
        capabilities=[
            Capability(
                id="recruitment",
                name="Recruitment",
                description="Hiring shop staff",
                providers=("hr.amy", "store.cat"),
            ),
            Capability(id="rota", name="Rota planning", providers=("hr.amy", "area.eve")),
        ],
    )


@pytest.mark.parametrize(
    ("asker", "query", "expected", "reason"),
    [
        (None, "recruitment", "hr.amy", "primary provider"),
        ("store.bob", "recruitment", "store.cat", "in your team"),  # same team wins over the primary
        ("store.dan", "recruitment", "store.cat", "in your department"),  # other store: same department
        ("hr.amy", "recruitment", "store.cat", "first backup (you are the primary provider)"),
        ("store.bob", "rota", "area.eve", "in your department"),
    ],
)
def test_asker_aware_provider_choice(asker: str | None, query: str, expected: str, reason: str) -> None:
    answer = ask(SearchIndex.build(_two_provider_org()), query, as_unit=asker).answers[0]
    assert answer.ask_first.id == expected
    assert answer.reason == reason


def test_equal_matches_rank_the_askers_team_first() -> None:
    org = Org(
        units=[
            Unit(id="north.desk", name="North Desk", kind="team", department="it"),
            Unit(id="south.desk", name="South Desk", kind="team", department="it"),
            Unit(id="sue", name="Sue South", department="stores", team="south.desk"),
        ],
        capabilities=[
            Capability(id="a-laptops", name="Laptop setup", providers=("north.desk",)),
            Capability(id="b-laptops", name="Laptop setup", providers=("south.desk",)),
        ],
    )
    index = SearchIndex.build(org)
    assert [a.capability_id for a in ask(index, "laptop setup").answers] == [
        "a-laptops",
        "b-laptops",
    ]  # by id
    assert [a.capability_id for a in ask(index, "laptop setup", as_unit="sue").answers] == [
        "b-laptops",
        "a-laptops",
    ]


def test_no_match_says_so_and_suggests(index: SearchIndex) -> None:
    report = ask(index, "xyzzy qwv")
    assert not report.found
    assert report.answers == ()
    assert report.message.startswith("Nothing in")
    assert len(report.suggestions) == 3
    assert set(report.suggestions) <= {c.name for c in _org().capabilities}
    assert report.unmatched == ("xyzzy", "qwv")


def test_question_without_content_words(index: SearchIndex) -> None:
    report = ask(index, "who do I ask?")
    assert not report.found and "no words to search for" in report.message


def test_partial_match_names_the_unmatched_words(index: SearchIndex) -> None:
    report = ask(index, "freight zzyzx")
    assert report.found and report.unmatched == ("zzyzx",)
    assert "zzyzx" in report.message


def test_unknown_asker_suggests_close_ids(index: SearchIndex) -> None:
    with pytest.raises(UnitNotFound, match="Did you mean 'ana.costa'"):
        ask(index, "laptop", as_unit="ana.cost")


def test_graph_caches_its_index_and_agrees_with_a_built_one(org: Org, index: SearchIndex) -> None:
    G = build_graph(org)
    first = ask(G, "tiemcards", top=3)
    assert SearchIndex.for_graph(G) is SearchIndex.for_graph(G)
    assert first == ask(index, "tiemcards", top=3)


def test_top_limits_answers_and_relevance_is_relative(index: SearchIndex) -> None:
    report = ask(index, "payroll", top=2)
    assert len(report.answers) == 2
    assert report.answers[0].relevance == 1.0
    assert report.answers[1].relevance <= 1.0
    assert [a.rank for a in report.answers] == [1, 2]


def test_provides_lists_capabilities_and_consumers(org: Org) -> None:
    report = provides(build_graph(org), "priya.shah")
    assert [(p.capability_id, p.role) for p in report.items] == [("payroll-run", "backup 1")]
    assert [c.unit.id for c in report.items[0].consumers] == ["lee.park"]
    assert report.consumers == 1 and report.sole_provider_of == ()

    omar = provides(build_graph(org), "omar.haddad")
    consumers = omar.items[0].consumers
    assert [(c.unit.id, c.lead_time_hours) for c in consumers] == [("ana.costa", 24), ("lee.park", 72)]
    assert omar.sole_provider_of == ("freight-account-payment",)
    assert "No backup" in omar.message


def test_provides_includes_direct_dependencies_and_says_when_empty(org: Org) -> None:
    extra = Dependency(consumer="ana.costa", provider="kim.wu")
    direct = Org(units=org.units, capabilities=org.capabilities, dependencies=(*org.dependencies, extra))
    report = provides(build_graph(direct), "kim.wu")
    assert [p.capability_id for p in report.items] == ["direct:kim.wu"]
    assert (
        provides(build_graph(org), "ceo").message
        == "Cara Boss provides nothing recorded in the organisation data."
    )


def test_needs_lists_dependencies_with_who_to_ask(org: Org) -> None:
    report = needs(build_graph(org), "lee.park")
    assert [n.capability_id for n in report.items] == [
        "payroll-run",
        "freight-account-payment",
    ]  # critical first
    payroll = report.items[0]
    assert payroll.ask_first.id == "priya.shah" and "unavailable" in payroll.reason
    assert [b.id for b in payroll.backups] == ["dana.reyes"]
    assert report.without_backup == ("freight-account-payment",)
    assert report.providers == 3


@pytest.mark.parametrize("fn", [provides, needs])
def test_unknown_unit_suggests(org: Org, fn) -> None:
    with pytest.raises(UnitNotFound, match="Did you mean 'priya.shah'"):
        fn(build_graph(org), "priya.sha")


def test_connections_graph_is_undirected_union_of_work_and_reporting(index: SearchIndex) -> None:
    H = index.connections
    assert isinstance(H, nx.Graph) and not H.is_directed()
    assert H.has_edge("ana.costa", "lee.park")  # reporting line
    assert H.has_edge("lee.park", "priya.shah")  # payroll backup provider


def test_introductions_never_pass_through_a_team_unit() -> None:
    """The desk links Ann to Bo in one step, but a team introduces nobody: go via Ann's manager."""
    org = Org(
        units=[
            Unit(id="ann", name="Ann", manager="max"),
            Unit(id="max", name="Max"),
            Unit(id="bo", name="Bo", manager="max"),
            Unit(id="desk", name="Help Desk", kind="team"),
        ],
        capabilities=[
            Capability(id="tickets", name="Tickets", providers=("desk",)),
            Capability(id="audits", name="Audits", providers=("bo",)),
        ],
        dependencies=[
            Dependency(consumer="ann", capability="tickets"),
            Dependency(consumer="bo", capability="tickets"),
        ],
    )
    intro = ask(SearchIndex.build(org), "audits", as_unit="ann").answers[0].introduction
    assert intro is not None
    assert [s.id for s in intro.steps] == ["ann", "max", "bo"]
    assert intro.text == "Your manager Max manages Bo."


# --- the sample organisation (data/sample-org.yaml; facts listed in data/README.md) ---------------


@pytest.fixture(scope="module")
def sample_index(sample_org: Org) -> SearchIndex:
    return SearchIndex.build(sample_org)


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        # plural, singular, compound, case and typo all reach the timecards capability
        ("timecards", "capability", "timecards"),
        ("timecard", "capability", "timecards"),
        ("time cards", "capability", "timecards"),
        ("Time-Cards", "capability", "timecards"),
        ("tiemcards", "capability", "timecards"),
        # word order and plurals
        ("who handles freight invoices", "capability", "freight-account-payment"),
        ("invoices freight", "capability", "freight-account-payment"),
        ("freight invoice", "capability", "freight-account-payment"),
        ("store replenishment", "capability", "store-replenishment"),
        ("replenishment store", "capability", "store-replenishment"),
        ("contract sign-off", "capability", "contract-signoff"),
        ("contract signoff", "capability", "contract-signoff"),
        ("set up new carrier", "capability", "carrier-creditor-setup"),
        ("carrier setup", "capability", "carrier-creditor-setup"),
        # synonyms, from the data's keywords and the built-in list
        ("my paycheck", "capability", "payroll-run"),
        ("salary", "capability", "payroll-run"),
        ("wages", "capability", "payroll-run"),
        ("missing payslip", "capability", "payroll-queries"),
        ("wrong tax code", "capability", "payroll-queries"),
        ("new computer", "capability", "laptop-setup"),
        ("laptp", "capability", "laptop-setup"),
        ("password reset", "capability", "it-support"),
        ("who sorts the post", "capability", "mail-sorting"),
        ("reimbursement", "capability", "expense-claims"),
        ("expenses", "capability", "expense-claims"),
        ("job advert", "capability", "job-adverts"),
        ("recruitment", "capability", "recruitment"),
        ("pay run approval", "capability", "pay-run-approval"),
        # people and teams by name, title or team
        ("who is the payroll clerk", "unit", "dana.reyes"),
        ("Dana Reyes", "unit", "dana.reyes"),
        ("sam lee", "unit", "sam.lee"),
        ("complaints specialist", "unit", "nora.quinn"),
        ("service desk", "unit", "it-service-desk"),
    ],
)
def test_sample_queries_top_answer(sample_index: SearchIndex, query: str, kind: str, expected: str) -> None:
    top = ask(sample_index, query).answers[0]
    assert top.kind == kind
    assert (top.capability_id if kind == "capability" else top.ask_first.id) == expected


@pytest.mark.parametrize(
    ("query", "asker", "ask_first", "reason"),
    [
        # laptop-setup: primary the IT service desk, backup ben.okoro in the it-service team
        ("laptop", None, "it-service-desk", "primary provider"),
        ("laptop", "jack.moran", "ben.okoro", "in your team"),
        # pay-run-approval: primary nadia.farouk (payroll), backup martin.cole (finance)
        ("pay run approval", None, "nadia.farouk", "primary provider"),
        ("pay run approval", "chen.yu", "martin.cole", "in your department"),
        # customer-refunds: primary olivia.grant, backup fatima.diallo (accounts-payable team)
        ("customer refunds", "omar.haddad", "fatima.diallo", "in your team"),
        # timecards are approved by your own manager
        ("timecards", "ana.costa", "ewan.macleod", "in your team"),
    ],
)
def test_sample_asker_aware_provider(
    sample_index: SearchIndex, query: str, asker: str | None, ask_first: str, reason: str
) -> None:
    top = ask(sample_index, query, as_unit=asker).answers[0]
    assert (top.ask_first.id, top.reason) == (ask_first, reason)


def test_sample_unavailable_recruiter_is_skipped(sample_index: SearchIndex, sample_org: Org) -> None:
    top = ask(sample_index, "recruitment").answers[0]
    assert sample_org.unit_by_id["tom.baker"].available is False
    assert top.ask_first.id == "ines.moreau"
    assert [(b.id, b.available) for b in top.backups] == [("tom.baker", False), ("kwame.boateng", True)]


def test_sample_answer_is_complete(sample_index: SearchIndex, sample_org: Org) -> None:
    top = ask(sample_index, "my paycheck", as_unit="ana.costa").answers[0]
    cap = sample_org.capability_by_id["payroll-run"]
    assert top.ask_first.id == "dana.reyes"
    assert top.channel == cap.channel and top.lead_time_hours == cap.lead_time_hours
    assert [c.id for c in top.escalation] == sample_org.management_chain("dana.reyes")
    assert any("No backup" in n for n in top.notes)
    intro = top.introduction
    assert intro is not None and intro.steps[0].id == "ana.costa" and intro.steps[-1].id == "dana.reyes"
    for a, b in zip(intro.steps, intro.steps[1:], strict=False):
        assert sample_index.connections.has_edge(a.id, b.id)
    assert intro.text == "Your manager Ewan MacLeod works with Dana Reyes in Payroll."


def test_sample_no_match(sample_index: SearchIndex) -> None:
    report = ask(sample_index, "quantum teleporter")
    assert not report.found and not report.answers
    assert report.suggestions and "Closest capabilities" in report.message


def test_sample_provides_and_needs(sample_graph: nx.DiGraph, sample_org: Org) -> None:
    dana = provides(sample_graph, "dana.reyes")
    run = next(p for p in dana.items if p.capability_id == "payroll-run")
    depending = {d.consumer for d in sample_org.dependencies if d.capability_id == "payroll-run"}
    assert run.role == "primary" and not run.other_providers
    assert {c.unit.id for c in run.consumers} == depending
    assert "payroll-run" in dana.sole_provider_of

    store = needs(sample_graph, "store-12")
    by_cap = {n.capability_id: n for n in store.items}
    assert by_cap["payroll-run"].ask_first.id == "dana.reyes"
    assert by_cap["store-replenishment"].ask_first.id == "sam.lee"
    assert store.items[0].criticality == "critical"
