"""The ``orggraph`` command line. This package is the one place that wires core, api and viz together.

Each command lives in its own module, registered on :data:`orggraph.cli.app.app` when imported here.
"""

from orggraph.cli import (
    ask,  # noqa: F401
    bottlenecks,  # noqa: F401
    chains,  # noqa: F401
    check,  # noqa: F401
    diagram,  # noqa: F401
    export,  # noqa: F401
    generate,  # noqa: F401
    impact,  # noqa: F401
    import_network,  # noqa: F401
    map,  # noqa: F401
    report,  # noqa: F401
    serve,  # noqa: F401
    silos,  # noqa: F401
)
from orggraph.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
