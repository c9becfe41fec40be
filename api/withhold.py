"""What a caller may not see, taken out of an analysis report without changing any figure in it.

Reports keep their model (the response schema stays the same); withheld lists come back
empty and the ``*_count`` fields still say how many there are.
"""

from __future__ import annotations

from orggraph.analysis.bottlenecks import BottleneckReport
from orggraph.analysis.silos import SiloReport
from orggraph.report_models import HealthReport

__all__ = [
    "bottlenecks_without_groups",
    "report_without_groups",
    "silos_department_view",
    "silos_without_groups",
]


def silos_department_view(report: SiloReport) -> SiloReport:
    """The silo report without anything that names a person (for the viewer role).

    Spanners, sole links, brokers, each unit's community and the units no front-line unit
    depends on are withheld; so are findings about particular people.
    """
    return report.model_copy(
        update={
            "groups": tuple(g.model_copy(update={"spanners": ()}) for g in report.groups),
            "sole_links": (),
            "brokers": (),
            "community_of": {},
            "cut_off_units": (),
            "findings": tuple(f for f in report.findings if not f.units),
        }
    )


def silos_without_groups(report: SiloReport, withheld: frozenset[str]) -> SiloReport:
    """The silo report without the figures of ``withheld`` groups (privacy mode's small departments)."""
    if not withheld:
        return report
    return report.model_copy(
        update={
            "groups": tuple(g for g in report.groups if g.group not in withheld),
            "never_exchange": tuple(p for p in report.never_exchange if not {p.a, p.b} & withheld),
            "sole_links": tuple(s for s in report.sole_links if not {s.group, s.partner} & withheld),
            "cut_off_groups": tuple(g for g in report.cut_off_groups if g not in withheld),
            "communities": tuple(
                c.model_copy(update={"groups": tuple(s for s in c.groups if s.group not in withheld)})
                for c in report.communities
            ),
            "split_groups": tuple(s for s in report.split_groups if s.group not in withheld),
            "brokers": tuple(b for b in report.brokers if b.group not in withheld),
            "findings": tuple(f for f in report.findings if not set(f.groups) & withheld),
        }
    )


def bottlenecks_without_groups(report: BottleneckReport, withheld: frozenset[str]) -> BottleneckReport:
    """A department-level bottleneck report without the entries of ``withheld`` departments."""
    if not withheld:
        return report
    return report.model_copy(
        update={
            "entries": tuple(e for e in report.entries if e.id not in withheld),
            "recommendations": tuple(r for r in report.recommendations if r.unit not in withheld),
        }
    )


def report_without_groups(report: HealthReport, withheld: frozenset[str]) -> HealthReport:
    """The report without the findings and rows of ``withheld`` departments (privacy mode's small ones)."""
    if not withheld:
        return report
    findings = tuple(f for f in report.findings if not set(f.departments) & withheld)
    kept = {f.id for f in findings}
    recommendations = [r for r in report.recommendations if r.finding in kept]
    return report.model_copy(
        update={
            "findings": findings,
            "recommendations": tuple(
                r.model_copy(update={"rank": i}) for i, r in enumerate(recommendations, start=1)
            ),
            "bottlenecks": tuple(b for b in report.bottlenecks if b.department not in withheld),
            "single_points_of_failure": tuple(
                s for s in report.single_points_of_failure if s.department not in withheld
            ),
            "overloaded": tuple(o for o in report.overloaded if o.department not in withheld),
            "silos": tuple(s for s in report.silos if s.department not in withheld),
            "bridges": tuple(b for b in report.bridges if not {b.department, b.partner} & withheld),
            "names": {k: v for k, v in report.names.items() if k not in withheld},
        }
    )
