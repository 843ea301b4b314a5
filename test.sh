#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, and tests against a real Azurite (started and
# stopped by the tests), Debian's Chromium and the Azure Functions host (Core Tools' func, or ../shared/functions-host).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_debian_packages
# npm's packages (Azurite, Playwright, axe) install while the projects build: neither needs the other (~15 s saved).
ensure_npm_packages &
npm_packages=$!
FUNCTIONS_HOST_FUNC=$(functions_host)
export FUNCTIONS_HOST_FUNC
echo "Functions host: $FUNCTIONS_HOST_FUNC"

# The benchmarks are not tests, but they must keep compiling with the app (dotnet test builds test projects only).
dotnet build tests/Helsefellesskap.Benchmarks --configuration Release --nologo -v quiet
wait "$npm_packages"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# One line per test as it ends (its name and time): progress during the ~13 minutes, and where the time goes. The full
# output (the in-process apps' logs too) goes to the log; a failed test's message and stack trace are printed at the end.
dotnet test Helsefellesskap.Functions.sln --configuration Release --logger "console;verbosity=normal" > "$log" 2>&1 &
runner=$!
tail -n +1 -f --pid="$runner" "$log" | grep --line-buffered -E '^  (Passed|Failed|Skipped) |^Total tests|^ +(Passed|Failed|Skipped): '
wait "$runner"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  if grep -q '^Total tests' "$log"; then
    echo "Failures, with the output around them:"
    awk '/^  Failed /{show=1} /^  (Passed|Skipped) /{show=0} show' "$log" | tail -n 400
    # Last, where a truncated CI log still shows it: each failed test's name, message and first frames.
    echo "Failed tests:"
    awk '/^  Failed /{show=1; lines=0} /^  Standard Output Messages:/ || /^  (Passed|Skipped) /{show=0}
         /^  (Error Message|Stack Trace):/{lines=0}
         show {lines++; if (lines <= 7) print}' "$log"
  else
    tail -n 80 "$log" # the build or the test host failed before the tests ran
  fi
fi

# One closing line in the plain form: "N passed, N failed".
# (With no failure there is no "Failed:" line: grep finds nothing, which is not an error here.)
passed=$({ grep -oE '^ +Passed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -oE '^ +Failed: +[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
