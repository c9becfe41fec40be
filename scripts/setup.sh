#!/usr/bin/env bash
# One-command set-up: a virtual environment with orggraph and its test tools, Graphviz's `dot`
# when it is missing (and we may install it), then the main job on the bundled sample organisation.
#   bash scripts/setup.sh            install, write the sample's health report and map, serve them (interactive only)
#   bash scripts/setup.sh --no-serve install and write the report and map, without starting the server
#   bash scripts/setup.sh --no-run   install only (used by .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "orggraph needs Python 3.11 or newer; $("$PYTHON" --version 2>&1) found. Set PYTHON=/path/to/python3.11." >&2
    exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'

install_apt() {  # install Debian packages when allowed; otherwise say how
    local missing=("$@")
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
        local SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo -n"
        $SUDO apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "note: please install ${missing[*]} with your package manager (graphviz draws the diagrams; chromium runs the browser tests)." >&2
    fi
}
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
# Debian's Chromium runs the browser tests of the map and the report (never a downloaded browser).
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] || install_apt "${missing[@]}"
# Compile the kernels used for large organisations (about 20,000 people and up) once, now: numba caches them.
.venv/bin/python -c 'from orggraph.analysis._reach_jit import compile_kernels; compile_kernels()'

[ "${1:-}" = "--no-run" ] && exit 0

.venv/bin/orggraph check data/sample-org.yaml >/dev/null
echo "== orggraph report data/sample-org.yaml -o out/report.html"
.venv/bin/orggraph report data/sample-org.yaml -o out/report.html
if [ -t 0 ] && [ "${1:-}" != "--no-serve" ]; then
    echo "Serving the report and the live map on this machine only: http://127.0.0.1:8000/api/report.html"
    echo "(Ctrl-C stops the server; then run the tests with: .venv/bin/python -m pytest -q)"
    exec .venv/bin/orggraph serve data/sample-org.yaml --host 127.0.0.1 --port 8000
fi
