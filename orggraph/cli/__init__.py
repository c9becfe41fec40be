"""The ``orggraph`` command line. This package is the one place that wires core, api and viz together.

Each command lives in its own module, registered on :data:`orggraph.cli.app.app` when imported here.
"""

from orggraph.cli import ask  # noqa: F401
from orggraph.cli import bottlenecks  # noqa: F401
from orggraph.cli import chains  # noqa: F401
from orggraph.cli import check  # noqa: F401
from orggraph.cli import diagram  # noqa: F401
from orggraph.cli import export  # noqa: F401
from orggraph.cli import generate  # noqa: F401
from orggraph.cli import import_network  # noqa: F401
from orggraph.cli import impact  # noqa: F401
from orggraph.cli import map  # noqa: F401
from orggraph.cli import report  # noqa: F401
from orggraph.cli import serve  # noqa: F401
from orggraph.cli import silos  # noqa: F401
from orggraph.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
