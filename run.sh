#!/usr/bin/env bash
# Starts everything locally: Azurite (from node_modules, data in .azurite/), and the function app under the Azure
# Functions host (Core Tools' func if installed, else ../shared/functions-host/func) on http://127.0.0.1:7071 with the
# Helgeland community (communities/helgeland.yaml, named by Community__Definition in local.settings.json).
# Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_debian_packages
ensure_npm_packages

[ -f local.settings.json ] || { cp local.settings.sample.json local.settings.json; echo "Created local.settings.json from local.settings.sample.json"; }
setting() { node -e "const v=require('./local.settings.json').Values||{}; process.stdout.write(String(v[process.argv[1]] ?? ''))" "$1"; }

pids=()
# The last started first: the host releases its Durable partitions in storage as it stops, so Azurite stops after it
# (stopped first, the host spent its 10 s stop allowance retrying and was killed).
cleanup() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_open 10000 && port_open 10002; then
  echo "Azurite (or another storage emulator) is already listening on 10000/10002; using it."
else
  mkdir -p .azurite
  # In a session of its own, so Ctrl-C (SIGINT to the terminal's process group) does not stop it before the host.
  setsid node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
    --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  pids+=($!)
  for _ in $(seq 1 100); do port_open 10000 && port_open 10002 && break; sleep 0.1; done
  echo "Azurite started (data in .azurite/)"
fi

func=$(functions_host)
echo "Functions host: $func"
# Built into a folder of its own: the host reads local.settings.json from the app's folder (the tests' build stays without it).
app=artifacts/run
dotnet build functions/Helsefellesskap.Functions --configuration Debug --nologo -v quiet --output "$app"
cp local.settings.json "$app/local.settings.json"
export FUNCTIONS_WORKER_RUNTIME=dotnet-isolated AZURE_FUNCTIONS_ENVIRONMENT=Development
(cd "$app" && exec "$func" start --port 7071) &
pids+=($!)

url=$(setting Links__PublicBaseUrl)
for _ in $(seq 1 300); do curl -fs "$url/api/health" >/dev/null 2>&1 && break; sleep 0.2; done
cat <<MSG

  Helsefellesskap is running at $url
    Case form (Meld inn sak):  $url/api/sak/ny
    Secretariat workspace:     $url/api/sekretariat
    Public page (SSU):         $url/api/offentlig/ssu
    Health:                    $url/api/health
    Local outbox (emails):     $url/api/dev/outbox
    Secretariat key:           $(setting Secretariat__Key)   (header x-functions-key)

  Press Ctrl-C to stop.
MSG
wait "${pids[-1]}"
