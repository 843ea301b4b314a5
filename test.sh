#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, and tests against a real Azurite (started and
# stopped by the tests), Debian's Chromium and the Azure Functions host (Core Tools' func, or ../shared/functions-host).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_debian_packages
ensure_npm_packages
FUNCTIONS_HOST_FUNC=$(functions_host)
export FUNCTIONS_HOST_FUNC
echo "Functions host: $FUNCTIONS_HOST_FUNC"

# The benchmarks are not tests, but they must keep compiling with the app (dotnet test builds test projects only).
dotnet build tests/Helsefellesskap.Benchmarks --configuration Release --nologo -v quiet

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Helsefellesskap.Functions.sln --configuration Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line in the plain form: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
