"""Shared fixtures: the bundled sample organisation and its graph (loaded once per session)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from orggraph import Org, build_graph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SAMPLE = DATA / "sample-org.yaml"
SHARED_REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.fixture(scope="session")
def sample_org() -> Org:
    from orggraph.io import load_org

    return load_org(SAMPLE)


@pytest.fixture(scope="session")
def sample_graph(sample_org: Org) -> nx.DiGraph:
    return build_graph(sample_org)
