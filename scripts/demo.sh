#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, load the demo district into
# sqlite:xinyi.db and serve it on http://127.0.0.1:8080 (the address and the demo accounts are
# printed). Extra arguments go to `xinyi demo`, e.g. --listen 0.0.0.0:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/xinyi demo --db sqlite:xinyi.db --listen 127.0.0.1:8080 "$@"
