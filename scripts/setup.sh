#!/usr/bin/env bash
# Installs what Xinyi needs on Debian 12 (only what is missing), then builds the server and the
# web app. Safe to run again: it only does what is not done yet. Used by demo.sh and test.sh.
#   scripts/setup.sh [--tests]     --tests also installs what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[[ "${1:-}" == "--tests" ]] && want_tests=1

packages=(g++ cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev libqrencode-dev libhpdf-dev libxlsxwriter-dev
  postgresql-client-15)
if ((want_tests)); then
  packages+=(clang clang-format libclang-rt-14-dev libgtest-dev libgmock-dev libbenchmark-dev chromium fonts-wqy-microhei sqlite3 curl hledger ledger poppler-utils
    postgresql-15)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (exact versions from package-lock.json), only when the lock file changed.
if [[ ! -f web/node_modules/.xinyi-lock ]] || ! cmp -s web/package-lock.json web/node_modules/.xinyi-lock; then
  echo "==> installing npm packages"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  cp web/package-lock.json web/node_modules/.xinyi-lock
fi

echo "==> building the web app"
(cd web && npx vite build --logLevel warn)

echo "==> building the server"
build_type=${XINYI_BUILD_TYPE:-RelWithDebInfo}
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DBUILD_TESTING=$((want_tests ? 1 : 0)) >/dev/null
elif ((want_tests)) && ! grep -q "BUILD_TESTING:BOOL=ON" build/CMakeCache.txt; then
  cmake -S . -B build -DBUILD_TESTING=ON >/dev/null
fi
jobs=$(nproc)
ninja -C build -j "$jobs" $( ((want_tests)) || echo xinyi ) | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
test -x build/xinyi
