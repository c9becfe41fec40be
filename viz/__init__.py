"""Visualisation: the interactive dependency map (pyvis + vis-network, one offline HTML page)
and Graphviz diagrams. ``viz`` imports the orggraph core; the core never imports ``viz``.

Public functions return strings or bytes and write nothing, so the CLI and the API decide
where the result goes.
"""

from viz.insights import MapInsights, compute_insights
from viz.map import render_map
from viz.mapdata import AUTO_DEPARTMENT_ABOVE, MAX_MAP_NODES, MapTooLarge

__all__ = [
    "AUTO_DEPARTMENT_ABOVE",
    "MAX_MAP_NODES",
    "MapInsights",
    "MapTooLarge",
    "compute_insights",
    "render_map",
]
