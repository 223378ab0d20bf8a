#!/usr/bin/env bash
# Side by side with the peers: the same 200,000-transaction journal, imported and reported by
# xinyi (import-journal + balance) and reported by ledger-cli and hledger (balance).
#   bash bench/compare.sh [TRANSACTIONS]      (needs: bash scripts/setup.sh --tests; hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
command -v hyperfine >/dev/null || { sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo); "${sudo_cmd[@]}" apt-get install -y -qq hyperfine >/dev/null; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
x=build/xinyi
$x gen-journal --transactions "$n" -o "$dir/j.journal"
echo "journal: $n transactions, $(du -h "$dir/j.journal" | cut -f1)"
prep="rm -f $dir/x.db*; $x seed-demo --db sqlite:$dir/x.db >/dev/null 2>&1"
hyperfine --warmup 1 --runs 5 --export-markdown "$dir/table.md" \
  --prepare "$prep" -n "xinyi import-journal + balance" \
  "$x import-journal --db sqlite:$dir/x.db --compound 1 $dir/j.journal >/dev/null 2>&1 && $x balance --db sqlite:$dir/x.db --compound 1 >/dev/null" \
  -n "ledger -f J balance" "ledger -f $dir/j.journal balance >/dev/null" \
  -n "hledger -f J balance" "hledger -f $dir/j.journal balance >/dev/null"
cat "$dir/table.md"
