#!/usr/bin/env bash
# A bounded mixed read/write soak (issue: production engine and scale):
#
#   bash bench/soak.sh [SECONDS=600] [sqlite|postgresql]
#
# Loads the demo district into a fresh store, serves it, and runs wrk for SECONDS with 16
# connections: nine public reads for each ledger write by a committee member (bench/soak.lua).
# Then it stops the server and checks: no request failed (no non-2xx answer, no socket error),
# every write landed exactly once (entries appended = writes answered 201), and
# `xinyi verify` finds every compound's log intact. Prints the server's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600} engine=${2:-sqlite}
root=/tmp/xinyi-soak
rm -rf "$root"; mkdir -p "$root"
command -v wrk >/dev/null || { sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo); "${sudo_cmd[@]}" apt-get install -y -qq wrk >/dev/null; }
bin=build/xinyi
port=19$((RANDOM % 900 + 100))
if [[ "$engine" == postgresql ]]; then
  bash tests/support/pg_cluster.sh start "$root/pg" 26432 >/dev/null
  url="postgresql://postgres@127.0.0.1:26432/postgres"
  trap 'bash tests/support/pg_cluster.sh stop "$root/pg"' EXIT
else
  url="sqlite:$root/soak.db"
fi
"$bin" seed-demo --db "$url" >/dev/null 2>&1
"$bin" serve --db "$url" --listen "127.0.0.1:$port" --threads 2 >"$root/serve.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; do sleep 0.05; done
curl -sf -c "$root/cookies" -H 'Content-Type: application/json' -d '{"login":"committee","password":"xinyi-demo"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" >/dev/null
export XINYI_COOKIE="xinyi_session=$(awk '$6 == "xinyi_session" { print $7 }' "$root/cookies")"
export XINYI_ORIGIN="http://127.0.0.1:$port"
before=$(curl -s "http://127.0.0.1:$port/api/v1/public/compounds/1/sth" | grep -o '"tree_size":[0-9]*' | cut -d: -f2)

echo "==> soak: $seconds s, 16 connections, 1 write in 10, $engine"
wrk -t2 -c16 -d"${seconds}s" --timeout 10s -s bench/soak.lua "http://127.0.0.1:$port" | tee "$root/wrk.txt"
after=$(curl -s "http://127.0.0.1:$port/api/v1/public/compounds/1/sth" | grep -o '"tree_size":[0-9]*' | cut -d: -f2)
hwm=$(awk '/VmHWM/ { print $2, $3 }' /proc/$pid/status)
kill -TERM $pid; wait $pid || true
writes=$(grep -c '"POST /api/v1/compounds/1/ledger/transactions' "$root/serve.log" || true)
created=$(grep '"POST /api/v1/compounds/1/ledger/transactions' "$root/serve.log" | grep -c ' 201 ' || true)

fail=0
if grep -qE "Non-2xx|Socket errors" "$root/wrk.txt"; then echo "FAIL: some requests failed"; fail=1; fi
echo "writes answered: $writes, created: $created, entries appended: $((after - before))"
[[ $created -eq $((after - before)) ]] || { echo "FAIL: entries appended differ from writes answered 201"; fail=1; }
"$bin" verify --db "$url" | tail -5 || { echo "FAIL: verify"; fail=1; }
echo "server peak memory (VmHWM): $hwm"
exit $fail
