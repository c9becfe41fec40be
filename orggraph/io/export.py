"""Write an organisation back out: native YAML/JSON, the CSV folder, and graph formats for other tools.

* :func:`save_org` writes the native schema (YAML or JSON) or the CSV folder; loading the result
  gives an equal :class:`~orggraph.model.Org`.
* :func:`export_graph` writes the dependency graph (edges consumer -> provider, "depends on") as
  GraphML or GEXF for Gephi and Cytoscape, or node-link JSON for D3 and networkx. GraphML and
  GEXF only hold scalar attributes, so structured values are flattened: ``channel`` becomes
  ``channel_type``/``channel_address``, lists become ``"; "``-joined text, and an edge's ``links``
  become ``capability_names``, ``cadences``, ``single_provider``, ``reporting`` and a readable
  ``detail``. Node-link JSON keeps the links as a list of objects as well.

Every write is atomic (see :mod:`orggraph.io.atomic`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import yaml
from pydantic import BaseModel

from orggraph.exceptions import OrgGraphError
from orggraph.graph import Link, build_graph
from orggraph.io.atomic import atomic_file, atomic_folder
from orggraph.io.csvfolder import CSV_FILES, write_csv_folder
from orggraph.io.loader import NATIVE_SUFFIXES
from orggraph.model import Org

__all__ = ["GRAPH_FORMATS", "ORG_FORMATS", "export_graph", "native_data", "save_org"]

OrgFormat = Literal["yaml", "json", "csv"]
GraphFormat = Literal["graphml", "gexf", "json"]
ORG_FORMATS: tuple[str, ...] = ("yaml", "json", "csv")
GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")

_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def native_data(org: Org) -> dict[str, Any]:
    """The org as native-schema data (plain dicts and lists), leaving out fields at their default."""
    data = org.model_dump(mode="json", exclude_defaults=True)
    data["org"] = org.org.model_dump(mode="json", exclude_none=True)
    return {
        key: data[key]
        for key in ("org", "departments", "units", "capabilities", "dependencies")
        if key in data
    }


def save_org(org: Org, path: str | Path, fmt: OrgFormat | None = None) -> Path:
    """Write ``org`` as native YAML or JSON, or as a CSV folder; return the path written.

    ``fmt`` defaults from the suffix: ``.yaml``/``.yml``, ``.json``, anything else a CSV folder.
    An existing CSV folder is replaced only when it holds nothing but orggraph's CSV files.
    """
    path = Path(path)
    fmt = fmt or NATIVE_SUFFIXES.get(path.suffix.lower(), "csv")
    if fmt == "csv":
        names = {name for names in CSV_FILES.values() for name in names}
        with atomic_folder(path, replaceable=names) as temp:
            write_csv_folder(org, temp)
    elif fmt in ("yaml", "json"):
        data = native_data(org)
        if fmt == "yaml":
            text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
        else:
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        with atomic_file(path) as temp:
            temp.write_text(text, encoding="utf-8")
    else:
        raise OrgGraphError(f"unknown organisation format {fmt!r}; expected one of: {', '.join(ORG_FORMATS)}")
    return path


def export_graph(
    source: Org | nx.DiGraph,
    path: str | Path,
    fmt: GraphFormat | None = None,
    *,
    reporting_lines: bool = False,
) -> Path:
    """Write the dependency graph of ``source`` (an Org, or a graph such as a roll-up) for other tools.

    ``fmt`` is ``graphml``, ``gexf`` or ``json`` (node-link), by default from the suffix.
    ``reporting_lines`` adds the manager <-> report links when ``source`` is an Org. The files
    read back with ``nx.read_graphml``, ``nx.read_gexf`` and ``nx.node_link_graph``.
    """
    path = Path(path)
    fmt = fmt or {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}.get(path.suffix.lower())  # type: ignore[assignment]
    if fmt not in GRAPH_FORMATS:
        raise OrgGraphError(
            f"unknown graph format {fmt!r} for {path.name}; expected one of: {', '.join(GRAPH_FORMATS)}"
        )
    G = build_graph(source, reporting_lines=reporting_lines) if isinstance(source, Org) else source
    flat = flat_graph(G, keep_links=fmt == "json")
    with atomic_file(path) as temp:
        if fmt == "graphml":
            nx.write_graphml(flat, temp)
        elif fmt == "gexf":
            nx.write_gexf(flat, temp)
        else:
            data = nx.node_link_data(flat, edges="edges")
            temp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def flat_graph(G: nx.DiGraph, *, keep_links: bool = False) -> nx.DiGraph:
    """A copy of ``G`` whose graph, node and edge attributes are all str, int, float or bool."""
    H = nx.DiGraph()
    org = G.graph.get("org")
    graph_attrs = {k: v for k, v in G.graph.items() if k != "org"}
    if isinstance(org, Org):
        graph_attrs["org_name"] = org.org.name
        if org.org.as_of is not None:
            graph_attrs["as_of"] = org.org.as_of.isoformat()
    H.graph.update(_flatten(graph_attrs))
    for node, attrs in G.nodes(data=True):
        flat = _flatten(attrs)
        flat.setdefault("label", str(attrs.get("name", node)))
        H.add_node(node, **flat)
    for u, v, attrs in G.edges(data=True):
        links = attrs.get("links")
        if isinstance(links, tuple) and links and all(isinstance(link, Link) for link in links):
            flat = _flatten({k: val for k, val in attrs.items() if k != "links"})
            flat.update(_link_summary(links))
            if keep_links:
                flat["links"] = [link._asdict() for link in links]
        else:
            flat = _flatten(attrs)
        H.add_edge(u, v, **flat)
    return H


def _link_summary(links: tuple[Link, ...]) -> dict[str, Any]:
    return {
        "capability_names": "; ".join(link.capability_name for link in links),
        "cadences": "; ".join(link.cadence for link in links),
        "single_provider": any(link.providers == 1 and not link.reporting for link in links),
        "reporting": any(link.reporting for link in links),
        "detail": "; ".join(
            f"{link.capability_name} ({link.cadence}, {link.criticality}, provider {link.provider_rank + 1} "
            f"of {link.providers})"
            for link in links
        ),
    }


def _flatten(attrs: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Scalars kept, None dropped, mappings and models as ``prefix_key``, sequences ``"; "``-joined."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        name = f"{prefix}{key}"
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json")
        if value is None:
            continue
        if isinstance(value, bool | int | float | str):
            out[name] = value
        elif isinstance(value, Mapping):
            out.update(_flatten(value, prefix=f"{name}_"))
        elif isinstance(value, list | tuple | set | frozenset):
            items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
            out[name] = "; ".join(str(item) for item in items)
        else:
            out[name] = str(value)
    return out
