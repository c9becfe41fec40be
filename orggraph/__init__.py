"""orggraph: an organisational dependency graph analyser.

Load an organisation, build its dependency graph (edges point from consumer to provider and
mean "depends on"), and run analyses that each return a pydantic report.
"""

from orggraph.analysis.ask import AskReport, ask
from orggraph.analysis.bottlenecks import BottleneckReport, BottleneckWeights, bottlenecks
from orggraph.analysis.chains import ChainReport, chains
from orggraph.analysis.failure import FailureModel, FailureReport, failure_cascade
from orggraph.analysis.impact import ImpactBaseline, ImpactReport, impact, impact_baseline, snapshot_diff
from orggraph.analysis.provides import NeedsReport, ProvidesReport, needs, provides
from orggraph.analysis.search_index import SearchIndex
from orggraph.analysis.silos import SiloReport, silos
from orggraph.exceptions import (
    CapabilityNotFound,
    InvalidOrgData,
    NoPath,
    NotFound,
    OrgGraphError,
    Problem,
    ScenarioError,
    UnitNotFound,
)
from orggraph.generate import generate_org
from orggraph.graph import build_graph, capability_graph, rollup
from orggraph.io import (
    OrgSummary,
    export_graph,
    load_org,
    load_org_checked,
    org_from_dict,
    save_org,
    summarize_org,
    validate_org,
)
from orggraph.io.network import NetworkImport, read_network
from orggraph.io.scenario_file import load_scenario
from orggraph.model import Capability, Channel, Department, Dependency, Org, OrgMeta, Unit
from orggraph.report import health_report
from orggraph.report_models import HealthReport

__all__ = [
    "AskReport",
    "BottleneckReport",
    "BottleneckWeights",
    "Capability",
    "CapabilityNotFound",
    "ChainReport",
    "Channel",
    "Department",
    "Dependency",
    "FailureModel",
    "FailureReport",
    "HealthReport",
    "ImpactBaseline",
    "ImpactReport",
    "InvalidOrgData",
    "NeedsReport",
    "NetworkImport",
    "NoPath",
    "NotFound",
    "Org",
    "OrgGraphError",
    "OrgMeta",
    "OrgSummary",
    "Problem",
    "ProvidesReport",
    "ScenarioError",
    "SearchIndex",
    "SiloReport",
    "Unit",
    "UnitNotFound",
    "ask",
    "bottlenecks",
    "build_graph",
    "capability_graph",
    "chains",
    "export_graph",
    "failure_cascade",
    "generate_org",
    "health_report",
    "impact",
    "impact_baseline",
    "load_org",
    "load_org_checked",
    "load_scenario",
    "needs",
    "org_from_dict",
    "provides",
    "read_network",
    "rollup",
    "save_org",
    "silos",
    "snapshot_diff",
    "summarize_org",
    "validate_org",
]
