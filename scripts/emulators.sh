#!/usr/bin/env bash
# Sourced by test.sh, run.sh, load.sh and coldstart.sh: installs (npm ci) and starts the local emulators, bound to 127.0.0.1,
# Azurite for Azure Storage and maildev for SMTP, and exports the settings that point the app at them.
#   start_emulators <state-dir> [fixed]   fixed: the well-known ports (10000-10002, 1025, 1080); else free ones
#   stop_emulators
#   start_emulators_until_exit            free ports, a temporary state folder, both gone when the script exits
set -euo pipefail

EMULATOR_PIDS=()

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$name did not start on port $port" >&2
  return 1
}

start_emulators() {
  local state=$1 mode=${2:-free}
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # The web pages' toolchain (esbuild, lit) comes from the same package.json: installed here too, before
  # anything runs from node_modules, so the build never has to reinstall under a running emulator.
  if [ ! -x "$root/node_modules/.bin/azurite" ] || [ ! -x "$root/node_modules/.bin/maildev" ] || [ ! -x "$root/node_modules/.bin/esbuild" ] || [ ! -d "$root/node_modules/lit" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  mkdir -p "$state"
  local blob queue table smtp web
  if [ "$mode" = fixed ]; then
    blob=10000 queue=10001 table=10002 smtp=1025 web=1080
  else
    blob=$(free_port) queue=$(free_port) table=$(free_port) smtp=$(free_port) web=$(free_port)
  fi

  # AZURITE_IN_MEMORY=1 keeps Azurite's data in memory only: its disk persistence rewrites a growing
  # database file and slows it down as tables grow, which the load measurements would otherwise measure.
  local persistence=(--location "$state/azurite")
  if [ "${AZURITE_IN_MEMORY:-0}" = 1 ]; then persistence=(--inMemoryPersistence); fi
  # AZURITE_DEBUG=<file> writes Azurite's debug log there (every request it served, to count them).
  if [ -n "${AZURITE_DEBUG:-}" ]; then persistence+=(--debug "$AZURITE_DEBUG"); fi
  # Azurite holds every table in its JavaScript heap: a 100,000-space run outgrows Node's default limit.
  NODE_OPTIONS="--max-old-space-size=12288" "$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose "${persistence[@]}" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
    > "$state/azurite.log" 2>&1 &
  EMULATOR_PIDS+=($!)
  # Its own mail folder in the state folder: by default every maildev on the machine writes to /tmp/maildev, forever.
  "$root/node_modules/.bin/maildev" --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$smtp" --web "$web" --silent --mail-directory "$state/maildev" \
    > "$state/maildev.log" 2>&1 &
  EMULATOR_PIDS+=($!)
  wait_for_port "$table" Azurite
  wait_for_port "$blob" Azurite
  wait_for_port "$queue" Azurite
  wait_for_port "$smtp" maildev
  wait_for_port "$web" maildev

  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  export Email__SmtpHost=127.0.0.1 Email__SmtpPort="$smtp" MAILDEV_API="http://127.0.0.1:$web"
}

stop_emulators() {
  # Azurite ignores SIGTERM while it flushes: ask politely, then insist, and never wait forever.
  local pid
  for pid in "${EMULATOR_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 25); do
    local alive=0
    for pid in "${EMULATOR_PIDS[@]:-}"; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${EMULATOR_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  done
  EMULATOR_PIDS=()
}

start_emulators_until_exit() {
  EMULATOR_STATE=$(mktemp -d)
  trap 'stop_emulators; rm -rf "$EMULATOR_STATE"' EXIT
  start_emulators "$EMULATOR_STATE"
}
