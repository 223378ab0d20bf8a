#!/usr/bin/env bash
# The rules of ARCHITECTURE.md that a grep can check: which folder may include which, where SQL
# may be written, where transactions may be opened. Fails with the offending lines.
set -u
cd "$(dirname "$0")/.."
fail=0
# forbid FOLDER PATTERN WHY: no line of src/FOLDER matches PATTERN.
forbid() {
  local hits
  hits=$(grep -RnE "$2" --include='*.cc' --include='*.h' "src/$1" 2>/dev/null)
  if [[ -n "$hits" ]]; then
    echo "FAIL: src/$1 $3:"
    echo "$hits" | head -20
    fail=1
  fi
}
sql='"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP)[[:space:]]'

forbid domain '#include "(store|auth|app|http|report|demo|cli)/' "must stay pure (includes only domain/)"
forbid store '#include "(auth|app|http|report|demo|cli)/' "may include only store/ and domain/"
forbid auth '#include "(store|app|http|report|demo|cli)/' "may include only auth/ and domain/"
forbid report '#include "(store|auth|app|http|demo|cli)/' "may include only report/ and domain/"
forbid app '#include "(http|report|demo|cli)/' "must not reach outward (http, report, demo, cli)"
forbid http '#include "(store|demo)/' "talks to the store only through app/ use cases"
# JSON at the edge: use cases take and return structs; request bodies are decoded in http/.
forbid app 'JsonIn|parse_json|std::string_view body' "decodes no request body (that is the route file's job)"
forbid app 'boost/json|boost::json|json::' "speaks no JSON (use cases take and return structs; the audit detail is a typed store::AuditDetail)"
forbid http '\.db\.(read|write)\(' "opens no transaction (that is a use case's job)"
forbid http "$sql" "holds no SQL"
forbid cli "$sql" "holds no SQL"
forbid app "$sql" "holds no SQL (it lives in the store/ repositories)"
forbid demo "$sql" "holds no SQL (it writes through the use cases and reads through repositories)"
for layer in app http cli demo; do
  forbid $layer '#include "store/unit_condition.h"' "does not build SQL conditions (a store/-only header)"
done
for layer in app http cli demo; do
  forbid $layer '\.(query|query_one|execute|scalar|exec_script)\(' "runs no statement on a Connection (only store/ does)"
done

# One name, one type: two headers of one layer defining a struct of the same name in the same
# namespace is an ODR violation the compiler does not report (AddressSanitizer found one).
for layer in store app http; do  # one namespace each (domain has several)
  dups=$(grep -rhoE '^(struct|class|enum class) [A-Z][A-Za-z0-9_]*' src/$layer --include='*.h' |
    awk '{print $NF}' | sort | uniq -d)
  if [[ -n "$dups" ]]; then
    echo "FAIL: src/$layer headers define these types twice: $dups"
    fail=1
  fi
done

# Issue 18: a use case (a function of src/app taking `App& app`) takes the compound as a
# CompoundId, never as a bare integer (the cores beneath, taking a Connection, keep the store's
# int64 keys). Declarations span lines, so each header is read whole.
bare=$(for h in src/app/*.h; do
  tr '\n' ' ' < "$h" | grep -oE '[A-Za-z_0-9]+\([^;{}]*App& app[^;{}]*std::int64_t (cid|compound_id)\b' |
    sed "s|^|$h: |"
done)
if [[ -n "$bare" ]]; then
  echo "FAIL: use cases taking the compound as a bare integer (take a CompoundId):"
  echo "$bare" | head -20
  fail=1
fi

# And anywhere else under src/ (a new folder gets no exemption).
count=$(grep -RnoE "$sql" --include='*.cc' --include='*.h' src | grep -vc '^src/store/')
if (( count > 0 )); then
  echo "FAIL: $count SQL literals outside src/store/: put them in a store/ repository"
  grep -RnE "$sql" --include='*.cc' --include='*.h' src | grep -v '^src/store/' | head -20
  fail=1
fi
exit $fail
