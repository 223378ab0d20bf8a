#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (AddressSanitizer and UBSan on) and runs each
# for SECONDS (default 10) from its committed corpus in fuzz/corpus/. A crash, a sanitizer
# report or a broken property fails the test; the input is kept in OUT/artifacts/.
#   tests/fuzz/run.sh OUT [SECONDS]
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: run.sh OUT [SECONDS]}"
seconds="${2:-10}"
mkdir -p "$out/artifacts"
if [ ! -f "$out/build.ninja" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CXX=clang++ cmake -S "$src/fuzz" -B "$out" -G Ninja "${launcher[@]}" >/dev/null
fi
cmake --build "$out" >/dev/null
for pair in csv_roster:csv bank_statement:statement journal:journal canonical_json:json published_entry:published \
    upload_sniff:upload http_request:request; do
  name=${pair%%:*}
  corpus=${pair##*:}
  mkdir -p "$out/corpus/$corpus"
  if ! "$out/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$out/artifacts/$name-" "$out/corpus/$corpus" "$src/fuzz/corpus/$corpus" 2>"$out/$name.log"; then
    tail -60 "$out/$name.log"
    echo "fuzz_$name: FAILED (input kept in $out/artifacts/)"
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$name.log" | awk '{print $2}')
  echo "fuzz_$name: ${runs:-?} inputs in ${seconds} s, no crash"
done
