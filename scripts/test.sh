#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run the whole test suite
# (unit, store, HTTP integration and browser tests) with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600
