#!/usr/bin/env bash
# Plain-text accounting and crash safety, as an accountant and an operator meet them:
# - hledger and ledger-cli read the exported journal and show the balances the store holds;
# - importing the export again doubles every balance, and re-running an import adds nothing;
# - SIGKILL during an import, 20 times, leaves whole batches or none, and verify intact;
#   re-running the import then completes it without doubling a batch.
set -uo pipefail
xinyi=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() { if [[ "$2" == "$3" ]]; then echo "ok   $1"; else echo "FAIL $1: expected $2, got $3"; fail=1; fi; }
db="sqlite:$dir/demo.db"
"$xinyi" seed-demo --db "$db" >/dev/null 2>&1 || { echo "seed failed"; exit 1; }
sums() {  # account → sum in fen, sorted, for one compound
  sqlite3 "$dir/demo.db" "SELECT account || ' ' || SUM(amount_fen) FROM postings WHERE compound_id = $1 GROUP BY account HAVING SUM(amount_fen) <> 0 ORDER BY account"
}

for cid in 3 5; do
  "$xinyi" export-journal --db "$db" --compound $cid -o "$dir/c$cid.journal"; check "export compound $cid" 0 $?
  for tool in hledger ledger; do
    if [[ $tool == hledger ]]; then out=$(hledger -f "$dir/c$cid.journal" balance --flat --no-total 2>&1); else out=$(ledger -f "$dir/c$cid.journal" balance --flat --no-total 2>&1); fi
    # "  6863.74 CNY  assets:1001:银行存款·基本户" → "1001 686374"
    got=$(echo "$out" | awk '{amt=$1; gsub(/\./,"",amt); split($3,p,":"); if ($2=="CNY" && p[2]!="") printf "%s %d\n", p[2], amt+0}' | sort)
    check "$tool shows the same balances as the store (compound $cid)" "$(sums $cid)" "$got"
  done
done

before=$(sums 3 | awk '{print $1, 2*$2}')
"$xinyi" import-journal --db "$db" --compound 3 "$dir/c3.journal" >/dev/null 2>&1; check "import the export" 0 $?
check "every balance doubled" "$before" "$(sums 3)"
"$xinyi" import-journal --db "$db" --compound 3 "$dir/c3.journal" >"$dir/out" 2>&1
grep -q '"appended":0' "$dir/out"; check "importing the same file again adds nothing" 0 $?
"$xinyi" verify --db "$db" --compound 3 >/dev/null 2>&1; check "verify after import" 0 $?
printf '2025-03-01 bad\n    1001  5\n    4001  -4\n' >"$dir/bad.journal"
"$xinyi" import-journal --db "$db" --compound 3 "$dir/bad.journal" >"$dir/out" 2>&1; check "an unbalanced journal is bad input" 2 $?
grep -q "line 1" "$dir/out"; check "the error names the line" 0 $?

# Crash safety: 20 different imports, each killed at a random moment while it writes.
n=8000; batch=50
base=$(sqlite3 "$dir/demo.db" "SELECT COUNT(*) FROM ledger_entries WHERE compound_id = 1")
whole=1; intact=1; partial=0
for i in $(seq 1 20); do
  "$xinyi" gen-journal --transactions $n --seed $i -o "$dir/g$i.journal"
  before=$(sqlite3 "$dir/demo.db" "SELECT COUNT(*) FROM ledger_entries WHERE compound_id = 1")
  "$xinyi" import-journal --db "$db" --compound 1 --batch $batch "$dir/g$i.journal" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf "0.%02d" $(( (RANDOM % 25) + 3 )))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  count=$(sqlite3 "$dir/demo.db" "SELECT COUNT(*) FROM ledger_entries WHERE compound_id = 1")
  (( (count - before) % batch == 0 )) || whole=0
  (( count - before < n )) && partial=$((partial + 1))
  "$xinyi" verify --db "$db" --compound 1 >/dev/null 2>&1 || intact=0
done
echo "     ($partial of 20 imports were cut short by SIGKILL)"
check "most imports were killed mid-way" 1 $(( partial >= 15 ))
check "after every SIGKILL only whole batches are stored" 1 $whole
check "after every SIGKILL verify is intact" 1 $intact
resumed=0
for i in $(seq 1 20); do
  "$xinyi" import-journal --db "$db" --compound 1 --batch $batch "$dir/g$i.journal" >/dev/null 2>&1 && resumed=$((resumed + 1))
done
check "every import completes on a re-run" 20 $resumed
check "no batch was stored twice" $((base + 20 * n)) "$(sqlite3 "$dir/demo.db" "SELECT COUNT(*) FROM ledger_entries WHERE compound_id = 1")"
"$xinyi" verify --db "$db" --compound 1 >/dev/null 2>&1; check "verify intact at the end" 0 $?

if ((fail)); then echo "journal: FAILED"; exit 1; fi
echo "journal: all passed"
