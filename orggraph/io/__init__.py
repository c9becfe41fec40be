"""Reading and writing organisations: native YAML/JSON, CSV folders, graph exports, validation.

Load with :func:`load_org` (a path) or :func:`org_from_dict` (parsed data); both validate fully and
raise :class:`~orggraph.exceptions.InvalidOrgData` listing every problem, or return an Org. The
``*_checked`` variants also return the warnings. :func:`validate_org` runs the cross-reference
rules on an Org built in code. :func:`save_org` and :func:`export_graph` write atomically.
"""

from orggraph.io.export import GRAPH_FORMATS, ORG_FORMATS, export_graph, native_data, save_org
from orggraph.io.loader import (
    DEFAULT_MAX_BYTES,
    LoadResult,
    load_org,
    load_org_checked,
    org_from_dict,
    org_from_dict_checked,
    org_from_text,
)
from orggraph.io.summary import OrgSummary, summarize_org
from orggraph.io.validate import validate_org

__all__ = [
    "DEFAULT_MAX_BYTES",
    "GRAPH_FORMATS",
    "ORG_FORMATS",
    "LoadResult",
    "OrgSummary",
    "export_graph",
    "load_org",
    "load_org_checked",
    "native_data",
    "org_from_dict",
    "org_from_dict_checked",
    "org_from_text",
    "save_org",
    "summarize_org",
    "validate_org",
]
