#!/usr/bin/env bash
# One-command set-up: a virtual environment with orggraph and its test tools, Graphviz's `dot`
# when it is missing (and we may install it), then the main job on the bundled sample organisation.
#   bash scripts/setup.sh            install and run the main job
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

[ "${1:-}" = "--no-run" ] && exit 0

echo "== orggraph check data/sample-org.yaml"
.venv/bin/orggraph check data/sample-org.yaml
