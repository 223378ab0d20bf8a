#!/usr/bin/env bash
# Load benchmarks at city scale (issue: production engine and scale), one engine per run:
#
#   bash bench/load.sh sqlite        [COMPOUNDS UNITS MONTHS]   default 1000 500 24
#   bash bench/load.sh postgresql    [COMPOUNDS UNITS MONTHS]
#
# Generates the city once per engine and size (xinyi gen-city, kept under /tmp/xinyi-bench),
# starts `xinyi serve` on it, measures the cold start to the first answer, then runs wrk
# (2 threads, 64 connections, 20 s each, --latency) on:
#   ceiling   GET /api/v1/health                      (a trivial in-process response)
#   summary   GET /api/v1/public/compounds/{id}        (a compound's public summary; cached, and
#             again with a session cookie, which bypasses the public answer cache)
#   ledger    GET /api/v1/public/compounds/{id}/feed   (a page of 50 ledger entries)
#   bills     GET /api/v1/me/bills                     (a signed-in resident's bills)
# and prints a Markdown table with throughput, p50, p99 and the server's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
compounds=${2:-1000} units=${3:-500} months=${4:-24}
root=/tmp/xinyi-bench
mkdir -p "$root"
command -v wrk >/dev/null || { sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo); "${sudo_cmd[@]}" apt-get install -y -qq wrk >/dev/null; }
bin=build/xinyi
tag="${compounds}x${units}x${months}"
port=18$((RANDOM % 900 + 100))

case "$engine" in
  sqlite) url="sqlite:$root/city-$tag.db" ;;
  postgresql)
    bash tests/support/pg_cluster.sh keep "$root/pg-$tag" 25432 >/dev/null
    url="postgresql://postgres@127.0.0.1:25432/postgres"
    ;;
  *) echo "usage: $0 sqlite|postgresql [COMPOUNDS UNITS MONTHS]" >&2; exit 2 ;;
esac

if [[ ! -f "$root/generated-$engine-$tag" ]] || ! "$bin" balance --db "$url" --compound 1 >/dev/null 2>&1; then
  echo "==> generating $compounds compounds × $units units × $months months on $engine"
  start=$(date +%s)
  "$bin" gen-city --db "$url" --compounds "$compounds" --units-per-compound "$units" --months "$months"
  echo "generated in $(( $(date +%s) - start )) s" | tee "$root/generated-$engine-$tag"
fi
cat "$root/generated-$engine-$tag"

# Cold start: from exec to the first answer.
t0=$(date +%s%N)
"$bin" serve --db "$url" --listen "127.0.0.1:$port" --threads 2 >"$root/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; do sleep 0.005; done
cold_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

cid=$(sqlite3 -version >/dev/null 2>&1; curl -s "http://127.0.0.1:$port/api/v1/public/compounds" | grep -o '"id":[0-9]*' | tail -1 | cut -d: -f2)
login=$(curl -s -c "$root/cookies" -H 'Content-Type: application/json' -d '{"login":"gen-resident1","password":"xinyi-gen"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" -o /dev/null -w '%{http_code}')
cookie=$(awk '$6 == "xinyi_session" { print "xinyi_session=" $7 }' "$root/cookies")
[[ "$login" == 200 && -n "$cookie" ]] || { echo "resident sign-in failed ($login)"; exit 1; }

run() {  # name path [header]
  local out
  if [[ -n "${3:-}" ]]; then out=$(wrk -t2 -c64 -d20s --latency -H "$3" "http://127.0.0.1:$port$2")
  else out=$(wrk -t2 -c64 -d20s --latency "http://127.0.0.1:$port$2"); fi
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99" "${errors:-none}"
}

echo
echo "engine: $engine, $compounds compounds × $units units × $months months; cold start to first answer: ${cold_ms} ms"
echo
echo "| what | path | requests/s | p50 | p99 | errors |"
echo "|---|---|---:|---:|---:|---|"
run ceiling /api/v1/health
run summary "/api/v1/public/compounds/$cid"
run "summary, uncached (a session cookie bypasses the public cache)" "/api/v1/public/compounds/$cid" "Cookie: xinyi_session=none"
run ledger "/api/v1/public/compounds/$cid/feed?limit=50"
run "ledger, uncached" "/api/v1/public/compounds/$cid/feed?limit=50" "Cookie: xinyi_session=none"
run bills /api/v1/me/bills "Cookie: $cookie"
echo
echo "server peak memory (VmHWM): $(awk '/VmHWM/ { print $2, $3 }' /proc/$pid/status)"
