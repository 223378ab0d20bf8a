#!/usr/bin/env bash
# The command line as a user meets it: exit codes, an idempotent seed, import errors, and a
# server that starts, answers and stops cleanly on SIGTERM.
set -uo pipefail
xinyi=$1
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
pid=
fail=0
check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then echo "ok   $1"; else echo "FAIL $1: expected $2, got $3"; fail=1; fi
}

"$xinyi" --help >/dev/null; check "--help exits 0" 0 $?
"$xinyi" >/dev/null 2>&1; check "no subcommand is a usage error" 1 $?
"$xinyi" serve --bogus >/dev/null 2>&1; check "unknown flag is a usage error" 1 $?
"$xinyi" migrate --db mysql://x >/dev/null 2>&1; check "unknown store URL is bad input" 2 $?
"$xinyi" migrate --db "sqlite:$dir/x.db" >/dev/null 2>&1; check "migrate" 0 $?

db="sqlite:$dir/demo.db"
"$xinyi" seed-demo --db "$db" >/dev/null 2>&1; check "seed-demo" 0 $?
count() { sqlite3 "$dir/demo.db" "SELECT (SELECT COUNT(*) FROM units)+(SELECT COUNT(*) FROM persons)+(SELECT COUNT(*) FROM users)"; }
first=$(count)
"$xinyi" seed-demo --db "$db" >/dev/null 2>&1; check "second seed-demo" 0 $?
check "second seed-demo adds nothing" "$first" "$(count)"

printf '房号,面积,业主\n1栋101,abc,张三\n' >"$dir/bad.csv"
"$xinyi" import-units --db "$db" --compound 1 "$dir/bad.csv" >"$dir/out" 2>&1; check "a bad roster is bad input" 2 $?
grep -q "line 2" "$dir/out"; check "the error names the line" 0 $?
printf '房号,面积,业主\n9栋101,66.6,张三\n' >"$dir/good.csv"
"$xinyi" import-units --db "$db" --compound 1 "$dir/good.csv" >"$dir/out" 2>&1; check "a good roster imports" 0 $?
grep -q '"units_created":1' "$dir/out"; check "the report counts the unit" 0 $?

port=$((20000 + RANDOM % 20000))
"$xinyi" serve --db "$db" --listen "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health"); check "serve answers" 200 "$code"
kill -TERM $pid; wait $pid; check "SIGTERM stops the server cleanly" 0 $?
grep -q "stopped" "$dir/serve.log"; check "the log says it stopped" 0 $?

"$xinyi" serve --db "$db" --listen "nonsense" >/dev/null 2>&1; check "bad --listen is a usage error" 1 $?

# The verifier: intact books exit 0; any edit to a stored entry exits 3 naming the entry.
"$xinyi" verify --db "$db" >"$dir/verify.out" 2>&1; check "verify --db on intact books" 0 $?
check "every compound is intact" 5 "$(grep -c '^intact' "$dir/verify.out")"
"$xinyi" serve --db "$db" --listen "127.0.0.1:$port" >"$dir/serve2.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
url="http://127.0.0.1:$port/api/v1/public/compounds/2"
"$xinyi" verify --url "$url" --save-sth "$dir/sth.json" >/dev/null 2>&1; check "verify --url on intact books" 0 $?
test -s "$dir/sth.json"; check "verify --save-sth saves the head" 0 $?
# A witness verifies the log itself, then co-signs the head it verified.
"$xinyi" witness keygen -o "$dir/witness.key" >/dev/null; check "witness keygen" 0 $?
check "the key file is private" 600 "$(stat -c %a "$dir/witness.key")"
echo "xinyi-demo" >"$dir/pw"
"$xinyi" witness cosign --key "$dir/witness.key" --server "http://127.0.0.1:$port" --compound 3 --login staff --password-file "$dir/pw" >"$dir/w.out" 2>&1
check "witness cosign" 0 $?
curl -s "http://127.0.0.1:$port/api/v1/public/compounds/3/sth" | grep -q '"witnesses":\[{'; check "the head shows the co-signature" 0 $?
"$xinyi" witness cosign --key "$dir/witness.key" --server "http://127.0.0.1:$port" --compound 3 --login committee --password-file "$dir/pw" >/dev/null 2>&1
check "only community staff may co-sign" 2 $?
sqlite3 "$dir/demo.db" "UPDATE ledger_entries SET canonical = replace(canonical, '\"amount_fen\":', '\"amount_fen\":1') WHERE compound_id = 2 AND idx = 7"
"$xinyi" verify --url "$url" --since "$dir/sth.json" >"$dir/verify.out" 2>&1; check "verify --url catches an edited entry" 3 $?
"$xinyi" witness cosign --key "$dir/witness.key" --server "http://127.0.0.1:$port" --compound 2 --login staff --password-file "$dir/pw" >/dev/null 2>&1
check "a witness refuses to co-sign a log that does not verify" 3 $?
kill -TERM $pid; wait $pid
"$xinyi" verify --db "$db" --compound 2 >"$dir/verify.out" 2>&1; check "verify --db catches an edited entry" 3 $?
grep -q "#7" "$dir/verify.out"; check "the message names entry #7" 0 $?
"$xinyi" verify --db "$db" --compound 1 >/dev/null 2>&1; check "other compounds stay intact" 0 $?

if ((fail)); then echo "cli: FAILED"; exit 1; fi
echo "cli: all passed"
