#!/usr/bin/env bash
# KubeAPI client benchmark: Mooring's libcurl client next to the Python `kubernetes` client,
# doing the same work against the same embedded local cluster:
#   GETs per second with 1 and 16 concurrent requests, LIST of 10,000 ConfigMaps (time and peak
#   memory of the process), 1,000 server-side applies.
# Usage: Benchmarks/kubeapi-bench.sh [path/to/mooring]   (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
MOORING=${1:-}
if [ -z "$MOORING" ]; then
  swift build -c release --product mooring >&2
  MOORING=.build/release/mooring
fi
python3 -c "import kubernetes" 2>/dev/null || python3 -m pip install -q kubernetes >&2

WORK=$(mktemp -d /tmp/kubeapi-bench.XXXXXX)
"$MOORING" cluster serve --port 0 --data "$WORK/cluster" > "$WORK/cluster.log" 2>&1 &
CLUSTER_PID=$!
trap 'kill "$CLUSTER_PID" 2>/dev/null; wait "$CLUSTER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
KUBECONFIG_FILE="$WORK/cluster/kubeconfig"
for _ in $(seq 1 200); do
  [ -s "$KUBECONFIG_FILE" ] && grep -q "serving at" "$WORK/cluster.log" 2>/dev/null && break
  sleep 0.1
done

GETS=${GETS:-2000}
OBJECTS=${OBJECTS:-10000}
APPLIES=${APPLIES:-1000}
RESULTS="$WORK/results.jsonl"
mooring_run() { "$MOORING" debug bench-client "$@" --kubeconfig "$KUBECONFIG_FILE" | tee -a "$RESULTS"; }
python_run() { python3 Benchmarks/kubeapi_bench.py "$@" --kubeconfig "$KUBECONFIG_FILE" | tee -a "$RESULTS"; }

echo "seeding $OBJECTS ConfigMaps..." >&2
mooring_run seed --count "$OBJECTS" --concurrency 16 > /dev/null
for concurrency in 1 16; do
  mooring_run gets --count "$GETS" --concurrency "$concurrency"
  python_run gets --count "$GETS" --concurrency "$concurrency"
done
mooring_run list --count "$OBJECTS"
python_run list --count "$OBJECTS"
mooring_run applies --count "$APPLIES"
python_run applies --count "$APPLIES"

python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
def find(client, phase, concurrency=None):
    for row in rows:
        if row["client"] == client and row["phase"] == phase and (concurrency is None or row["concurrency"] == concurrency):
            return row
print()
print(f"{'work':34} {'mooring':>14} {'python':>14} {'ratio':>8}")
for label, phase, concurrency in [("GETs/s, 1 at a time", "gets", 1), ("GETs/s, 16 concurrent", "gets", 16)]:
    m, p = find("mooring", phase, concurrency), find("python-kubernetes", phase, concurrency)
    print(f"{label:34} {m['perSecond']:14.0f} {p['perSecond']:14.0f} {m['perSecond'] / p['perSecond']:7.2f}x")
m, p = find("mooring", "list"), find("python-kubernetes", "list")
print(f"{'LIST ' + str(m['items']) + ' ConfigMaps, seconds':34} {m['seconds']:14.3f} {p['seconds']:14.3f} {p['seconds'] / m['seconds']:7.2f}x")
print(f"{'LIST peak RSS, MiB':34} {m['peakRSSKiB'] / 1024:14.1f} {p['peakRSSKiB'] / 1024:14.1f} {p['peakRSSKiB'] / m['peakRSSKiB']:7.2f}x")
m, p = find("mooring", "applies"), find("python-kubernetes", "applies")
print(f"{str(m['count']) + ' server-side applies, seconds':34} {m['seconds']:14.3f} {p['seconds']:14.3f} {p['seconds'] / m['seconds']:7.2f}x")
print("(ratio > 1: mooring faster / smaller)")
PY
