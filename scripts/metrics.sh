#!/usr/bin/env bash
# The shape of the code, measured the same way every time (issue 18's closing notes use it):
# SQL literals outside store/, the longest functions as Universal Ctags measures them (lambdas
# included), the include fan-in of the busiest headers, and lines per folder.
set -eu
cd "$(dirname "$0")/.."

echo "## SQL string literals outside src/store/"
grep -RnoE '"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE)[[:space:]]' \
  --include='*.cc' --include='*.h' src | grep -v '^src/store/' | wc -l

echo "## Longest functions (lines, name, file)"
if command -v ctags >/dev/null; then
  ctags -R --languages=C++ --c++-kinds=f --fields=+ne -f - src |
    awk -F'\t' '{ line=""; end=""; scope="";
      for (i = 4; i <= NF; i++) {
        if ($i ~ /^line:/) line = substr($i, 6);
        if ($i ~ /^end:/) end = substr($i, 5);
        if ($i ~ /^function:/) scope = substr($i, 10);
      }
      if (line != "" && end != "") {
        name = $1; if (name ~ /^__anon/) name = "lambda in " scope;
        print end - line + 1 "\t" name "\t" $2 ":" line }
    }' | sort -rn | head -n "${TOP:-12}"
else
  echo "(universal-ctags not installed)"
fi

echo "## Include fan-in of the busiest headers"
grep -RhoE '#include "[^"]+"' src tests bench 2>/dev/null | sed -E 's/#include "(.*)"/\1/' |
  sort | uniq -c | sort -rn | head -n 10

echo "## Lines per folder"
for d in $(find src web/src -type d -not -path "*/node_modules*" | sort); do
  n=$(find "$d" -maxdepth 1 -type f \( -name '*.cc' -o -name '*.h' -o -name '*.vue' -o -name '*.js' \) \
      -exec cat {} + 2>/dev/null | wc -l)
  [ "$n" -gt 0 ] && printf '%6d  %s\n' "$n" "$d"
done
