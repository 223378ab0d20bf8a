#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run the whole test suite
# (unit, store, HTTP integration, browser, crash and fuzz tests) with ctest; then the unit,
# store and HTTP suites again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600

# The same unit, store and HTTP suites under AddressSanitizer and UndefinedBehaviorSanitizer
# (SQLite; any report fails the run), in their own build tree.
echo "==> the suites again under AddressSanitizer and UndefinedBehaviorSanitizer"
cd ..
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if [[ ! -f build-asan/build.ninja ]]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON -DXINYI_WERROR=OFF -DCMAKE_CXX_FLAGS="$san -O1" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" >/dev/null
fi
ninja -C build-asan domain_tests app_tests http_tests | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
cd build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$(nproc)" --timeout 900 -E '^(pg\.|pg_cluster|browser|journal|cli|crash|fuzz)'
