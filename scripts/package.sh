#!/usr/bin/env bash
# Builds the deployable zip for the Functions host: host.json, one folder per function with its
# function.json, the app published self-contained for linux-x64 and ReadyToRun (ADR 0013) in app/ (run bit kept), templates/ and communities/ (the community presets).
# Usage: scripts/package.sh [output.zip]   (default artifacts/helsefellesskap-functions.zip)
# The staged folder stays in artifacts/package (the renderer's Docker build context, infra/Dockerfile).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/helsefellesskap-functions.zip}")
stage=artifacts/package

if ! command -v zip >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq zip >/dev/null
fi

rm -rf "$stage" && mkdir -p "$stage"
dotnet publish functions/Helsefellesskap.Functions --configuration Release --runtime linux-x64 --self-contained true \
  -p:PublishReadyToRun=true --output "$stage/app" --nologo -v quiet
cp functions/host.json "$stage/"
for dir in functions/*/; do
  if [ -f "$dir/function.json" ]; then
    mkdir -p "$stage/$(basename "$dir")" && cp "$dir/function.json" "$stage/$(basename "$dir")/"
  fi
done
cp -r templates "$stage/templates"
cp -r communities "$stage/communities"
chmod +x "$stage/app/Helsefellesskap.Functions"

mkdir -p "$(dirname "$out")" && rm -f "$out"
(cd "$stage" && zip -q -r -X "$out" .)
echo "$out"
