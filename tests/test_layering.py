"""The core library stays free of the web, CLI and drawing stacks (they load only when used)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("fastapi", "typer", "click", "pyvis", "graphviz", "uvicorn", "starlette")


def test_importing_orggraph_pulls_in_no_ui_or_web_packages() -> None:
    code = (
        "import json, sys, orggraph, orggraph.io; "
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
