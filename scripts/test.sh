#!/usr/bin/env bash
# Runs every test of the solution against real emulators: it installs and starts Azurite and
# maildev on free ports of 127.0.0.1, runs `dotnet test`, and stops them. Works on a fresh clone.
# Extra arguments go to `dotnet test` (e.g. --filter Rule=N2).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/emulators.sh
start_emulators_until_exit
dotnet test Billing.Functions.sln -c Release --nologo "$@"
