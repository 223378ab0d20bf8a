#!/usr/bin/env bash
# Crash safety of the server under SIGKILL, as an operator meets it: 50 times, the server is
# killed at a random moment while the trustee's phone records payments and the committee runs a
# bill run; it is restarted, and every request whose answer was lost is retried with the same
# Idempotency-Key. Afterwards: every payment is in the books exactly once, no bill run is
# half-written, and `xinyi verify` holds for every compound.
set -uo pipefail
xinyi=$1
rounds=${2:-50}
dir=$(mktemp -d)
pid=
trap '[[ -n "$pid" ]] && kill -9 $pid 2>/dev/null; rm -rf "$dir"' EXIT
fail=0
check() { if [[ "$2" == "$3" ]]; then echo "ok   $1"; else echo "FAIL $1: expected $2, got $3"; fail=1; fi; }
db="$dir/demo.db"
"$xinyi" seed-demo --db "sqlite:$db" >/dev/null 2>&1 || { echo "seed failed"; exit 1; }

start() {
  rm -f "$dir/port"
  "$xinyi" serve --db "sqlite:$db" --listen 127.0.0.1:0 --threads 2 >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do  # up to 30 s on a loaded machine
    url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$dir/server.log" | head -1)
    [[ -n "$url" ]] && return 0
    sleep 0.05
  done
  echo "server did not start"; cat "$dir/server.log"; exit 1
}
login() {  # login name → cookie jar, and the session's CSRF token in $csrf
  csrf=$(curl -s -c "$dir/$1.jar" -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"xinyi-demo\"}" \
    "${url}api/v1/auth/login" | grep -o '"csrf_token":"[0-9a-f]*"' | cut -d'"' -f4)
}
pay() {  # round, i → HTTP status (000 when the server died)
  curl -s -o /dev/null -w '%{http_code}' -m 20 -b "$dir/trustee.jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -H "Idempotency-Key: crash-$1-$2" \
    -d "{\"unit_id\":$((($2 % 60) + 1)),\"amount_fen\":$((100 + $2)),\"method\":\"cash\",\"reference\":\"crash-$1-$2\"}" \
    "${url}api/v1/compounds/1/payments"
}
months=(2027-01 2027-02 2027-03 2027-04 2027-05 2027-06 2027-07 2027-08 2027-09 2027-10 2027-11 2027-12)
per_round=12
for round in $(seq 1 "$rounds"); do
  start
  login trustee
  # The trustee's phone sends payments; the committee runs a bill run; the server dies meanwhile.
  ( for i in $(seq 1 $per_round); do pay "$round" "$i" >/dev/null; done ) &
  client=$!
  curl -s -o /dev/null -m 5 -b "$dir/trustee.jar" -H "X-CSRF-Token: $csrf" -H "Idempotency-Key: bills-$round" -X POST \
    "${url}api/v1/compounds/$(( (round % 5) + 1 ))/bill-runs?period=${months[$(( round % 12 ))]}" &
  sleep "0.$(( RANDOM % 25 ))"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
  wait $client 2>/dev/null
  # Restart and retry everything with the same keys: applied once, whatever was lost.
  start
  login trustee
  for i in $(seq 1 $per_round); do
    code=000
    for _ in 1 2 3; do  # a client retries until it gets an answer
      code=$(pay "$round" "$i")
      [[ "$code" != 000 ]] && break
    done
    [[ "$code" == 201 || "$code" == 409 ]] || { echo "FAIL retry $round-$i answered $code"; fail=1; }
  done
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
done

dups=$(sqlite3 "$db" "SELECT COUNT(*) FROM (SELECT reference FROM payments WHERE reference LIKE 'crash-%' GROUP BY reference HAVING COUNT(*) > 1)")
check "no payment recorded twice after $rounds kills and retries" 0 "$dups"
have=$(sqlite3 "$db" "SELECT COUNT(DISTINCT reference) FROM payments WHERE reference LIKE 'crash-%'")
check "every payment recorded once" $(( rounds * per_round )) "$have"
partial=$(sqlite3 "$db" "SELECT COUNT(*) FROM bill_runs r WHERE r.bills <> (SELECT COUNT(*) FROM bills b WHERE b.run_id = r.id)")
check "no bill run half-written" 0 "$partial"
for cid in 1 2 3 4 5; do
  "$xinyi" verify --db "sqlite:$db" --compound $cid >/dev/null 2>&1; check "verify intact, compound $cid" 0 $?
done
exit $fail
