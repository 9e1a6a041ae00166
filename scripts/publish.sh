#!/usr/bin/env bash
# Builds the function app package that `azd deploy` or a zip deploy takes:
#   <outdir>/            host.json, one folder per function with its function.json, and the
#                        self-contained linux-x64 server (Billing.Functions) that host.json starts
#   <outdir>.zip         the same, zipped with the executable bit kept
# Usage: scripts/publish.sh [outdir] [--ready-to-run]    (outdir defaults to publish/package)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=publish/package
r2r=false
for arg in "$@"; do
  case "$arg" in
    --ready-to-run) r2r=true ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) out=$arg ;;
  esac
done
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

rm -rf "$out" "$out.zip"
dotnet publish functions/Billing.Functions.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun="$r2r" -o "$out" --nologo -v quiet

# The executable host.json names must be there, at the root of the package.
exe=$(node -e 'console.log(require(process.argv[1]).customHandler.description.defaultExecutablePath)' "$PWD/host.json")
if [ ! -x "$out/$exe" ]; then
  echo "the published server $out/$exe is missing or not executable" >&2
  exit 1
fi
cp host.json "$out/host.json"

# The function.json files come from the endpoint table of the server just published. Emitting
# needs no storage and no secrets: it builds the app without starting it. Settings from the caller's
# environment (a test storage, a port) must not leak into it, so it gets a clean one, but for the
# renewal timer's NCRONTAB schedule (Renewals__Schedule), which function.json carries.
env -i PATH="$PATH" HOME="${HOME:-/tmp}" DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  ${Renewals__Schedule:+Renewals__Schedule="$Renewals__Schedule"} "$out/$exe" --emit-functions "$out" > /dev/null

# zip keeps each file's Unix mode, so the server stays executable once deployed.
python3 - "$out" "$out.zip" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, root))
PY
echo "$out.zip"
