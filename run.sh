#!/usr/bin/env bash
# Starts everything locally: Azurite (from node_modules, data in .azurite/), the Helgeland community
# (communities/helgeland.yaml, named by Community__Definition in local.settings.json) and the app
# on http://127.0.0.1:7071. Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_debian_packages
ensure_npm_packages

[ -f local.settings.json ] || { cp local.settings.sample.json local.settings.json; echo "Created local.settings.json from local.settings.sample.json"; }
setting() { node -e "const v=require('./local.settings.json').Values||{}; process.stdout.write(String(v[process.argv[1]] ?? ''))" "$1"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_open 10000 && port_open 10002; then
  echo "Azurite (or another storage emulator) is already listening on 10000/10002; using it."
else
  mkdir -p .azurite
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
    --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  pids+=($!)
  for _ in $(seq 1 100); do port_open 10000 && port_open 10002 && break; sleep 0.1; done
  echo "Azurite started (data in .azurite/)"
fi

dotnet build functions/Helsefellesskap.Functions --configuration Debug --nologo -v quiet
export ASPNETCORE_ENVIRONMENT=Development
dotnet functions/Helsefellesskap.Functions/bin/Debug/net10.0/Helsefellesskap.Functions.dll &
pids+=($!)

url=$(setting Links__PublicBaseUrl)
for _ in $(seq 1 100); do curl -fs "$url/api/health" >/dev/null 2>&1 && break; sleep 0.2; done
cat <<MSG

  Helsefellesskap is running at $url
    Case form (Meld inn sak):  $url/api/sak/ny
    Health:                    $url/api/health
    Local outbox (emails):     $url/api/dev/outbox
    Secretariat key:           $(setting Secretariat__Key)   (header x-functions-key)

  Press Ctrl-C to stop.
MSG
wait "${pids[-1]}"
