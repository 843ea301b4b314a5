#!/usr/bin/env bash
# Builds the deployable zip of the function app (ADR 0018): the isolated worker published self-contained for linux-x64, ReadyToRun
# (ADR 0013), with what the Worker SDK writes beside it (host.json, functions.metadata, worker.config.json and the
# host's extensions in .azurefunctions/), and templates/ and communities/ (the community presets).
# Usage: scripts/package.sh [output.zip]   (default artifacts/helsefellesskap-functions.zip)
# PACKAGE_READY_TO_RUN=false leaves ReadyToRun out (the package test: the same layout, a minute less on 2 cores).
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
  -p:PublishReadyToRun="${PACKAGE_READY_TO_RUN:-true}" --output "$stage" --nologo -v quiet
cp -r templates "$stage/templates"
cp -r communities "$stage/communities"

mkdir -p "$(dirname "$out")" && rm -f "$out"
(cd "$stage" && zip -q -r -X "$out" .)
echo "$out"
