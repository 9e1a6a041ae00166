#!/usr/bin/env bash
# Builds the function app package, on any machine with the .NET SDK, bash and python3 (Linux or
# macOS, x64 or arm64; Windows through WSL). It is the prepackage hook of azure.yaml, and azd
# uploads the zip it writes as it is:
#   <outdir>/            host.json, one folder per function with its function.json, and the
#                        self-contained linux-x64 server (Billing.Functions) that host.json starts
#   <outdir>.zip         the same, with Unix modes: the server 0755, so the host can start it
# Nothing here runs the linux-x64 server: this machine may not be able to.
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
manifest=$(mktemp -d "${TMPDIR:-/tmp}/billing-manifest.XXXXXX")
trap 'rm -rf "$manifest"' EXIT

rm -rf "$out" "$out.zip"
dotnet publish functions/Billing.Functions.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun="$r2r" -o "$out" --nologo -v quiet
cp host.json "$out/host.json"

# The function.json files come from the endpoint table of the same server, built for this machine's
# own .NET runtime (framework-dependent), which writes them and exits: it builds the app without
# starting it, so it needs no storage and no secret, and, globalization invariant, no ICU. Settings
# from the caller's environment (a test storage, a port) must not leak into it, so it gets a clean
# one, but for the renewal timer's NCRONTAB schedule (Renewals__Schedule), which function.json carries.
dotnet build functions/Billing.Functions.csproj -c Release -o "$manifest" --nologo -v quiet
env -i PATH="$PATH" HOME="${HOME:-/tmp}" ${DOTNET_ROOT:+DOTNET_ROOT="$DOTNET_ROOT"} \
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
  ${Renewals__Schedule:+Renewals__Schedule="$Renewals__Schedule"} \
  dotnet "$manifest/Billing.Functions.dll" --emit-functions "$out" > /dev/null

# The zip says each entry's mode itself, as made on Unix, whatever this machine's file system keeps:
# the executable that host.json names 0755 (on Flex the package is mounted read-only, so the host
# cannot chmod it), other files 0755 if executable here, else 0644.
python3 - "$out" "$out.zip" <<'PY'
import json, os, shutil, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with open(os.path.join(root, "host.json"), encoding="utf-8") as f:
    handler = json.load(f)["customHandler"]["description"]["defaultExecutablePath"]
if not os.path.isfile(os.path.join(root, handler)):
    sys.exit(f"the published server {os.path.join(root, handler)} is missing")
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            entry = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root).replace(os.sep, "/"))
            executable = entry.filename == handler or os.stat(path).st_mode & 0o111
            entry.create_system = 3  # Unix: readers take the mode below
            entry.external_attr = (0o100755 if executable else 0o100644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source, z.open(entry, "w") as sink:
                shutil.copyfileobj(source, sink)
PY
echo "$out.zip"
