#!/usr/bin/env bash
# Runs every test of the solution. Works on a fresh clone with no manual step.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test Billing.Functions.sln -c Release --nologo "$@"
