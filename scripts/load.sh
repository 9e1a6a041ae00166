#!/usr/bin/env bash
# Load and scale measurements (docs/BENCHMARKS.md): starts Azurite and maildev like the tests, then
#   ./scripts/load.sh http                      requests/s and p50/p99 of the billing routes, beside Azurite's raw rate
#   ./scripts/load.sh renewals --count 10000    a renewal run over N due subscriptions by the server in a process of its own (its working set alone; --in-process: in the harness), beside Azurite's raw write rate; [--budget-minutes M] stops the pass there
#   ./scripts/load.sh webhooks --count 4000     signed Stripe events verified, recorded and applied, duplicates mixed in
#   ./scripts/load.sh numbering --count 2000    the invoice counter's grouped draws at 8, 64 and 256 invoices in flight (--in-flight 8,64,256)
#   ./scripts/load.sh azurite --count 30000     Azurite's own reads and writes as a table grows, in steps of --step spaces
#   ./scripts/load.sh web [--runs 20]           the billing tab's assets (bytes, gzipped) and its first render in Chromium
# AZURITE_IN_MEMORY=1 in the environment keeps Azurite's data in memory (large runs).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/emulators.sh
start_emulators_until_exit
dotnet run -c Release --project tests/Billing.Load -- "$@"
