"""``orggraph serve``: the web API (FastAPI on uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orggraph.cli.app import app
from orggraph.cli.options import DataArg
from orggraph.cli.output import fail
from orggraph.exceptions import OrgGraphError


@app.command()
def serve(
    data: DataArg,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Without tokens only loopback is allowed.")
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    tokens_file: Annotated[
        Path | None,
        typer.Option(
            help="File of 'token:role' lines (roles: viewer, analyst, admin); chmod 600. "
            "Also ORGGRAPH_TOKENS / ORGGRAPH_TOKENS_FILE."
        ),  # fmt: skip
    ] = None,
    privacy: Annotated[
        bool,
        typer.Option("--privacy", help="Pseudonyms instead of names, small groups withheld, for everyone."),
    ] = False,
    watch: Annotated[
        float,
        typer.Option(
            min=0, max=86400, help="Reload the data when it changes (check every N seconds; 0 = off)."
        ),
    ] = 0.0,
    access_log: Annotated[
        bool, typer.Option(help="Log every request line (paths and query strings may name people).")
    ] = False,
    allow_insecure_bind: Annotated[
        bool,
        typer.Option(
            "--allow-insecure-bind", help="Serve on a non-loopback address WITHOUT tokens (unsafe)."
        ),
    ] = False,
) -> None:
    """Serve the analyses as a web API (JSON, OpenAPI at /openapi.json).

    Tokens come from ORGGRAPH_TOKENS ("token:role,...") or a tokens file, never from the repository.
    With no token configured the server runs in open local mode: it binds to loopback only and
    refuses any other address unless --allow-insecure-bind is given.

    Example: ORGGRAPH_TOKENS_FILE=~/.orggraph-tokens orggraph serve data/sample-org.yaml --port 8000
    """
    import uvicorn

    from api import create_app
    from api.config import ConfigError, Settings, check_bind

    try:
        settings = Settings.from_env(
            tokens_file=tokens_file,
            privacy=privacy or None,
            watch_interval=watch or None,
            allow_insecure_bind=allow_insecure_bind or None,
        )
        notice = check_bind(
            host, has_tokens=bool(settings.tokens), allow_insecure=settings.allow_insecure_bind
        )
        application = create_app(data, settings)
    except (ConfigError, OrgGraphError) as e:
        raise fail(str(e)) from e
    if notice:
        typer.echo(notice, err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Serving {data} on http://{shown}:{port}/api (OpenAPI: /openapi.json)", err=True)
    uvicorn.run(
        application, host=host, port=port, server_header=False, log_level="info", access_log=access_log
    )
