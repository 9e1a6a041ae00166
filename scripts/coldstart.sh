#!/usr/bin/env bash
# Cold start and idle memory of the server as the Functions host starts it: the self-contained
# linux-x64 package of scripts/publish.sh, plain and ReadyToRun, started with
# FUNCTIONS_CUSTOMHANDLER_PORT against Azurite. For each run it measures
#   ready:   process start -> first answer to GET / (what the host waits for before it forwards anything),
#            and the CPU time (user + system, all threads) the process had used by then: less
#            sensitive than wall time to other work on the machine
#   health:  process start -> first answer to GET /api/health (the first request that reaches storage)
#   idle:    the working set (VmRSS) after 10 s idle, and its peak so far (VmHWM)
# and prints every run and the medians. A third variant runs the ReadyToRun build with telemetry on
# (OpenTelemetry with the Azure Monitor exporter, pointed at a closed loopback port: nothing leaves
# the machine) to show what the telemetry costs at start. Figures are in docs/BENCHMARKS.md.
# Usage: scripts/coldstart.sh [runs-per-build]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=publish/coldstart
./scripts/publish.sh "$work/plain" > /dev/null
./scripts/publish.sh "$work/r2r" --ready-to-run > /dev/null
echo "package sizes: plain $(du -sm "$work/plain" | cut -f1) MB, ReadyToRun $(du -sm "$work/r2r" | cut -f1) MB (unzipped)"

source scripts/emulators.sh
start_emulators_until_exit

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$runs" "$work" <<'PY'
import os, signal, socket, statistics, subprocess, sys, time, urllib.request

runs, work = int(sys.argv[1]), sys.argv[2]

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def first_answer(url, started, limit=60):
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                r.read()
                return time.perf_counter() - started
        except OSError:
            if time.perf_counter() - started > limit:
                raise RuntimeError(f"no answer from {url} in {limit} s")
            time.sleep(0.002)

def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])

VARIANTS = {
    "plain": ("plain", {}),
    "r2r": ("r2r", {}),
    "r2r+otel": ("r2r", {"APPLICATIONINSIGHTS_CONNECTION_STRING":
        "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"}),
}
NAMES = {"plain": "plain", "r2r": "ReadyToRun", "r2r+otel": "ReadyToRun, telemetry on"}

def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")  # utime + stime

def run(variant):
    build, extra = VARIANTS[variant]
    port = free_port()
    env = dict(os.environ, **extra,
        FUNCTIONS_CUSTOMHANDLER_PORT=str(port),
        ASPNETCORE_ENVIRONMENT="Production",
        Auth__Issuer="billing-local", Auth__Audience="billing-api",
        Auth__SigningKey="bG9jYWwtb25seS1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMzJieXRlcyE=",
        Storage__Prefix="coldstart", Payments__Sandbox="false", Billing__Clock="system")
    exe = os.path.join(work, build, "Billing.Functions")
    started = time.perf_counter()
    p = subprocess.Popen([exe], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = first_answer(f"http://127.0.0.1:{port}/", started)
        cpu = cpu_ms(p.pid)
        health = first_answer(f"http://127.0.0.1:{port}/api/health", started)
        time.sleep(10)
        return ready * 1000, cpu, health * 1000, status_kb(p.pid, "VmRSS") / 1024, status_kb(p.pid, "VmHWM") / 1024
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

results = {v: [] for v in VARIANTS}
for i in range(runs):
    for variant in results:  # in turn, so that a busy moment on the machine hits every variant
        r = run(variant)
        results[variant].append(r)
        print(f"{variant:8} run {i + 1}: ready {r[0]:6.0f} ms (cpu {r[1]:5.0f} ms), health {r[2]:6.0f} ms, idle working set {r[3]:5.1f} MB (peak {r[4]:5.1f} MB)", flush=True)

print()
print("| build | ready (GET /), median | CPU to ready, median | first /api/health, median | idle working set, median | peak working set, median | runs |")
print("|---|---:|---:|---:|---:|---:|---:|")
for variant, rs in results.items():
    med = [statistics.median(c) for c in zip(*rs)]
    print(f"| {NAMES[variant]} | {med[0]:.0f} ms | {med[1]:.0f} ms | {med[2]:.0f} ms | {med[3]:.0f} MB | {med[4]:.0f} MB | {len(rs)} |")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
