"""orggraph's web API (FastAPI): every analysis over HTTP, typed, documented and authenticated.

Start it with ``orggraph serve DATA``, or build the app with :func:`create_app`.
"""

from api.app import create_app

__all__ = ["create_app"]
