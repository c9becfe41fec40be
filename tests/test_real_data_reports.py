"""Health reports of the published real organisations in ../shared/data/real/, imported as
scripts/real_data.sh does; the findings the README quotes are checked here.

Skipped when ../shared/data/real is absent (CI has it). The data is read in place, never copied.
"""

from __future__ import annotations

import pytest

from orggraph import build_graph, read_network, silos
from orggraph.report import health_report
from orggraph.report_models import HealthReport
from tests.conftest import SHARED_REAL

pytestmark = pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/data/real is not present")

KR = SHARED_REAL / "krackhardt_hightech" / "edgelist_sds-aau"
LZ = SHARED_REAL / "lazega_lawfirm"
EM = SHARED_REAL / "snap_email_eu_core"
LAZEGA = dict(
    matrix=True,
    attributes=LZ / "ELattr.dat",
    id_column=1,
    department_column=4,
    team_column=7,
    title_column=2,
    labels={
        "department": {"1": "Boston", "2": "Hartford", "3": "Providence"},
        "team": {"1": "Litigation", "2": "Corporate"},
        "title": {"1": "Partner", "2": "Associate"},
    },
)


def krackhardt(relation: str):
    return read_network(
        KR / f"Krack-High-Tec-edgelist-{relation}.txt",
        attributes=KR / "Krack-High-Tec-Attributes.csv",
        department_column="DEPT",
        title_column="LEVEL",
        labels={
            "department": {"0": "CEO", **{str(k): f"Department {k}" for k in range(1, 5)}},
            "title": {"1": "CEO", "2": "Vice-president", "3": "Manager"},
        },
        reports_to=KR / "Krack-High-Tec-edgelist-ReportsTo.txt",
    )


def report_of(result) -> HealthReport:
    report = health_report(build_graph(result.org))
    assert HealthReport.model_validate_json(report.model_dump_json()) == report
    return report


def test_krackhardt_advice_bottlenecks_are_mostly_the_formal_managers() -> None:
    result = krackhardt("Advice")
    assert (result.people, result.ties, result.reporting_lines) == (21, 190, 20)
    report = report_of(result)
    top = report.bottlenecks
    # the three vice-presidents 18, 21 and 2 are the advice bottlenecks; the CEO (7) is fourth
    assert [b.id for b in top[:4]] == ["18", "21", "2", "7"]
    assert [b.title for b in top[:3]] == ["Vice-president"] * 3
    assert sum(1 for b in top if b.direct_reports) == 4
    # ... but the VP with the largest span of control (14, seven reports) is not among them
    assert report.headline.managers == 5 and "14" not in {b.id for b in top}
    assert sum(1 for d in result.org.dependencies if d.provider == "2") == 18  # asked by 18 of the 20 others
    assert any((b.unit, b.department, b.partner) == ("2", "department-4", "ceo") for b in report.bridges)
    assert report.chains == ()  # no front line in survey data
    assert any("no unit as front line" in n for n in report.notes)


def test_krackhardt_friendship() -> None:
    report = report_of(krackhardt("Friendship"))
    assert report.bottlenecks[0].id == "2" and report.bottlenecks[0].title == "Vice-president"


def test_lazega_advice_offices_and_practices() -> None:
    result = read_network(LZ / "ELadv.dat", **LAZEGA)
    assert (result.people, result.ties) == (71, 892)
    report = report_of(result)
    # the advice bottlenecks are all Boston partners
    assert {(b.department_name, b.title) for b in report.bottlenecks} == {("Boston", "Partner")}
    # no office is a silo; Boston keeps most advice inside; Providence (4 lawyers) looks outward
    assert not any(s.silo for s in report.silos)
    ei = {s.name: s.ei_index for s in report.silos}
    assert ei["Boston"] < -0.5 and ei["Providence"] > 0.8
    # advice follows the offices more than the practices
    practices = silos(build_graph(result.org), level="team")
    assert report.communities.nmi > practices.nmi
    assert not [f for f in practices.findings if f.kind == "silo"]


def test_lazega_cowork() -> None:
    result = read_network(LZ / "ELwork.dat", undirected=True, **LAZEGA)
    assert (result.ties, result.dependencies, result.isolates) == (378, 756, 1)
    report = report_of(result)
    assert not any(s.silo for s in report.silos)
    assert report.silos[0].name == "Hartford"  # the most inward office
    assert any((b.unit, b.department, b.partner) == ("15", "providence", "hartford") for b in report.bridges)
    assert result.org.unit_by_id["15"].title == "Partner"
    assert report.communities.nmi > silos(build_graph(result.org), level="team").nmi  # offices over practices


def test_email_eu_core_communities_against_the_42_departments() -> None:
    result = read_network(
        EM / "email-Eu-core.txt",
        attributes=EM / "email-Eu-core-department-labels.txt",
        id_column=1,
        department_column=2,
        base=0,
    )
    assert (result.people, result.ties, result.self_loops_dropped) == (1005, 24929, 642)
    report = report_of(result)
    assert report.headline.departments == 42
    assert 0.45 < report.communities.nmi < 0.62
    # the five top bottlenecks all work in department 36
    assert {b.department_name for b in report.bottlenecks} == {"department 36"}
    assert report.communities.modularity_detected > report.communities.modularity_formal
    assert report.loops[0].size == 803 and round(report.headline.cross_department_share, 2) == 0.65


def test_bank_wiring_room_help() -> None:
    result = read_network(
        SHARED_REAL / "bank_wiring_room" / "WIRING_RDHLP.csv",
        matrix=True,
        direction="alter-depends-on-ego",
        department_from_id="^[A-Z]+",
        labels={"department": {"I": "Inspectors", "W": "Wiremen", "S": "Soldermen"}},
    )
    assert result.ties == 24
    report = report_of(result)
    assert report.bottlenecks[0].id == "W6"
    wiremen = next(s for s in report.silos if s.name == "Wiremen")
    assert (wiremen.internal_ties, wiremen.external_ties) == (16, 8)
    assert {s.name: s.ei_index for s in report.silos}["Soldermen"] == 1.0  # help only with wiremen


def test_mod_organogram_by_post_id() -> None:
    result = read_network(
        None,
        attributes=SHARED_REAL / "uk_mod_organogram_2016" / "ministry_of_defence-2016-03-31-senior.csv",
        id_column="Post Unique Reference",
        department_column="Unit",
        title_column="Grade (or equivalent)",
        manager_column="Reports to Senior Post",
        text_ids=True,
    )
    assert (result.people, result.reporting_lines, result.duplicate_rows_merged) == (704, 693, 1)
    assert all(u.name == f"person {u.id}" or u.name == u.id for u in result.org.units)  # ids, never names
    report = report_of(result)
    # reporting trees never cross the ten units, so each unit of 5+ posts is its own silo
    assert report.headline.cross_department_dependencies == 0
    assert sum(1 for s in report.silos if s.silo) == 10
    assert report.bottlenecks[0].id == "1938231" and report.bottlenecks[0].direct_reports == 17
    spans = sorted((len(r) for r in result.org.reports_of.values()), reverse=True)
    assert spans[:3] == [17, 17, 13]
    assert 0.7 < report.communities.nmi < 0.8
