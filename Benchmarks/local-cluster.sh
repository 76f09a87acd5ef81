#!/usr/bin/env bash
# Measures the embedded local cluster (release build): GET, LIST of 10,000 ConfigMaps and
# server-side apply rates, and the server's resident memory holding 10,000 objects; kubectl
# doing the same work is timed next to it where that makes sense (kubectl pays its own start-up
# and discovery per invocation, so it is measured per command, not per object).
#
# Usage: Benchmarks/local-cluster.sh [OBJECTS]     (after: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
OBJECTS=${1:-10000}
BIN=${MOORING:-.build/release/mooring}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }
command -v curl >/dev/null && command -v kubectl >/dev/null || { echo "needs curl and kubectl" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$BIN" cluster serve --data "$work/data" --port 0 > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [ -f "$work/data/kubeconfig" ] && break; sleep 0.1; done
export KUBECONFIG="$work/data/kubeconfig"
URL=$(sed -n 's/^Local cluster serving at //p' "$work/serve.log")
TOKEN=$(cat "$work/data/token")
KUBECTL=(kubectl --cache-dir "$work/kubecache")
"${KUBECTL[@]}" get --raw /readyz >/dev/null

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%9.0f /s  (%d in %.2f s)", n / (b - a), n, b - a }'; }
per() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%9.1f ms each (%d in %.2f s)", (b - a) * 1000 / n, n, b - a }'; }

# curl config files: one request per block, 16 in flight on keep-alive connections.
python3 - "$work" "$URL" "$TOKEN" "$OBJECTS" <<'PY'
import json, sys
work, url, token, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
auth = f'header = "Authorization: Bearer {token}"\n'
base = f"{url}/api/v1/namespaces/default/configmaps"
def cm(i, value):
    return json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"cm-{i:05d}", "labels": {"bench": "yes"}},
                       "data": {"key": value, "index": str(i)}})
with open(f"{work}/create.curl", "w") as f:
    for i in range(count):
        f.write(f'{auth}header = "Content-Type: application/json"\nrequest = "POST"\nurl = "{base}"\ndata = {json.dumps(cm(i, "v1"))}\noutput = "/dev/null"\n' + ("next\n" if i < count - 1 else ""))
with open(f"{work}/get.curl", "w") as f:
    for i in range(5000):
        f.write(f'{auth}url = "{base}/cm-{i % count:05d}"\noutput = "/dev/null"\n' + ("next\n" if i < 4999 else ""))
with open(f"{work}/apply.curl", "w") as f:
    for i in range(2000):
        f.write(f'{auth}header = "Content-Type: application/apply-patch+yaml"\nrequest = "PATCH"\n'
                f'url = "{base}/cm-{i:05d}?fieldManager=bench&force=true"\ndata = {json.dumps(cm(i, "v2"))}\noutput = "/dev/null"\n' + ("next\n" if i < 1999 else ""))
with open(f"{work}/apply.yaml", "w") as f:
    for i in range(200):
        f.write("---\n" + json.dumps(json.loads(cm(i, "v3")) | {"metadata": {"name": f"cm-{i:05d}", "namespace": "default"}}) + "\n")
PY
CURL=(curl -s --no-progress-meter --parallel --parallel-max 16 --parallel-immediate)

echo "Local cluster benchmark: $OBJECTS ConfigMaps, release build, $(nproc) cores"
a=$(now); "${CURL[@]}" --config "$work/create.curl"; b=$(now)
count=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/namespaces/default/configmaps?limit=1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["metadata"].get("remainingItemCount",0)+len(d["items"]))')
echo "CREATE (curl, 16 parallel)   $(rate "$OBJECTS" "$a" "$b")   stored: $count"

a=$(now); "${CURL[@]}" --config "$work/get.curl"; b=$(now)
echo "GET    (curl, 16 parallel)   $(rate 5000 "$a" "$b")"
a=$(now); for i in $(seq 20); do "${KUBECTL[@]}" get cm cm-00001 -o name >/dev/null; done; b=$(now)
echo "GET    (kubectl get cm x)    $(per 20 "$a" "$b")"

auth=(-H "Authorization: Bearer $TOKEN")
a=$(now); for i in $(seq 10); do curl -s "${auth[@]}" "$URL/api/v1/namespaces/default/configmaps" -o "$work/list.json"; done; b=$(now)
echo "LIST   (curl, $OBJECTS items)  $(per 10 "$a" "$b"), $(wc -c < "$work/list.json") bytes"
a=$(now); for i in $(seq 3); do "${KUBECTL[@]}" get cm -o name > "$work/names.txt"; done; b=$(now)
echo "LIST   (kubectl get cm)      $(per 3 "$a" "$b"), $(wc -l < "$work/names.txt") names"
a=$(now); for i in $(seq 3); do "${KUBECTL[@]}" get cm > /dev/null; done; b=$(now)
echo "LIST   (kubectl table)       $(per 3 "$a" "$b")"

a=$(now); "${CURL[@]}" --config "$work/apply.curl"; b=$(now)
echo "SSA    (curl, 16 parallel)   $(rate 2000 "$a" "$b")"
a=$(now); "${KUBECTL[@]}" apply --server-side --force-conflicts --field-manager=bench -f "$work/apply.yaml" >/dev/null; b=$(now)
echo "SSA    (kubectl apply -f, 200 objects) $(rate 200 "$a" "$b")"

rss=$(awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server_pid/status")
journal=$(du -sh "$work/data" | cut -f1)
echo "Memory: resident $rss with $count ConfigMaps; data folder $journal"
