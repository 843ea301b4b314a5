#!/usr/bin/env bash
# Installs what the app and its tests need on a fresh Debian machine with only the .NET SDK, Node and npm:
# Chromium, fonts, poppler-utils, Ghostscript and xmllint (libxml2-utils) from Debian, and the npm packages pinned in package-lock.json.
set -euo pipefail

debian_packages=(chromium fonts-dejavu-core fonts-liberation2 poppler-utils zip ghostscript libxml2-utils)

ensure_debian_packages() {
  local missing=()
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_npm_packages() {
  if [ ! -f node_modules/azurite/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The Azure Functions host's `func`: Core Tools if installed (npm i -g azure-functions-core-tools@4 on a machine with
# internet), else the host built from its public source in ../shared/functions-host/ (its README), or FUNCTIONS_HOST_FUNC.
# Prints the path; fails with what to install.
functions_host() {
  if [ -n "${FUNCTIONS_HOST_FUNC:-}" ]; then echo "$FUNCTIONS_HOST_FUNC"; return; fi
  if command -v func >/dev/null; then command -v func; return; fi
  local shared
  shared="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/functions-host/func"
  if [ -x "$shared" ]; then realpath "$shared"; return; fi
  echo "No Azure Functions host: install Core Tools (func on PATH), set FUNCTIONS_HOST_FUNC, or put the host built from source at $shared" >&2
  return 1
}
