#!/usr/bin/env bash
# The look stays as committed: the C++ as .clang-format formats it, the web as Prettier does.
# Run `clang-format -i` on the files listed, or `npm run format` in web/, to fix.
set -u
cd "$(dirname "$0")/.."
fail=0
files=$(git ls-files '*.cc' '*.h' | grep -E '^(src|tests|bench|fuzz)/')
if ! out=$(clang-format --dry-run --Werror $files 2>&1); then
  echo "FAIL: C++ not formatted (clang-format -i these):"
  echo "$out" | grep -oE '^[^:]+\.(cc|h)' | sort -u | head -20
  fail=1
fi
if ! (cd web && npx --no-install prettier --check src e2e >/tmp/xinyi-prettier.log 2>&1); then
  echo "FAIL: web not formatted (cd web && npm run format):"
  head -20 /tmp/xinyi-prettier.log
  fail=1
fi
exit $fail
