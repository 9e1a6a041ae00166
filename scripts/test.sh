#!/usr/bin/env bash
# Runs every test of the solution against real emulators: it installs and starts Azurite and
# maildev on free ports of 127.0.0.1, installs Chromium when it is missing (the browser tests drive
# it), runs `dotnet test`, and stops them. Works on a fresh clone.
# Extra arguments go to `dotnet test` (e.g. --filter Rule=N2).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The browser tests drive the system's Chromium (Debian's package): install it when it is missing
# (CI runs as root on a fresh machine, with no stdin).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium (apt-get) for the browser tests..." >&2
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo -n); fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq chromium; }
fi
source scripts/emulators.sh
start_emulators_until_exit
dotnet test Billing.Functions.sln -c Release --nologo "$@"
