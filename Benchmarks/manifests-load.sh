#!/usr/bin/env bash
# Loads 2,000 manifests from a git revision with `mooring render` and prints the time next to
# `kubectl create --dry-run=client -o json -R -f` on the same files (with and without kubectl's
# client-side validation) (kubectl needs an API server for
# discovery, so the embedded local cluster serves it on 127.0.0.1).
#
# Usage: Benchmarks/manifests-load.sh [COUNT] [RUNS]   (release build: make bench)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-2000}
RUNS=${2:-5}
BIN=${MOORING:-.build/release/mooring}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A config repository with COUNT manifests in 20 folders: ConfigMaps, Services and Deployments.
repo="$work/config"
mkdir -p "$repo/environments/bench"
python3 - "$repo/environments/bench" "$COUNT" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    folder = os.path.join(root, f"team-{i % 20:02d}")
    os.makedirs(folder, exist_ok=True)
    kind = i % 3
    with open(os.path.join(folder, f"object-{i:05d}.yaml"), "w") as f:
        if kind == 0:
            f.write(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-{i}\n  namespace: bench\n  labels:\n    app: app-{i}\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"a,b,c\"\n  TIMEOUT: \"30\"\n")
        elif kind == 1:
            f.write(f"apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\n  namespace: bench\nspec:\n  selector:\n    app: app-{i}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n")
        else:
            f.write(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: bench
  labels:
    app: app-{i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-{i}
  template:
    metadata:
      labels:
        app: app-{i}
    spec:
      containers:
        - name: web
          image: registry.example/app@sha256:{i:064x}
          ports:
            - containerPort: 8080
          env:
            - name: MODE
              value: production
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
""")
PY
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@localhost commit -qm "2000 manifests"
cat > "$work/mooring.yaml" <<YAML
repository:
  url: $repo
environments:
  bench:
    path: environments/bench
YAML

# The local cluster, for kubectl's discovery.
"$BIN" cluster serve --port 0 --data "$work/cluster" --kubeconfig "$work/kubeconfig" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/kubeconfig" ] && break; sleep 0.1; done
export KUBECONFIG="$work/kubeconfig"
kubectl version >/dev/null 2>&1 || { echo "local cluster did not start:" >&2; cat "$work/serve.log" >&2; exit 2; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() { # prints the median wall time of RUNS runs of "$@", after one warm-up run
    "$@" >/dev/null 2>&1
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
        awk "BEGIN {print $end - $start}"
    done | median
}

# Check both produce the same number of objects before timing them.
ours=$("$BIN" render --config "$work/mooring.yaml" --env bench --summary | grep -vc '^#')
theirs=$(kubectl create --dry-run=client -o name -R -f "$repo/environments/bench" | wc -l)
[ "$ours" = "$COUNT" ] && [ "$theirs" = "$COUNT" ] || { echo "object counts differ: mooring $ours, kubectl $theirs, expected $COUNT" >&2; exit 1; }

m=$(timeit "$BIN" render --config "$work/mooring.yaml" --env bench)
k=$(timeit kubectl create --dry-run=client --validate=false -o json -R -f "$repo/environments/bench")
kv=$(timeit kubectl create --dry-run=client -o json -R -f "$repo/environments/bench")
printf 'load %d manifests (median of %d runs)\n' "$COUNT" "$RUNS"
printf '  mooring render (git tree at a revision, YAML out)          %8.3f s\n' "$m"
printf '  kubectl create --dry-run=client --validate=false -o json  %8.3f s   ratio %6.2fx\n' "$k" "$(awk "BEGIN {print $k / $m}")"
printf '  kubectl create --dry-run=client -o json (validates)       %8.3f s   ratio %6.2fx\n' "$kv" "$(awk "BEGIN {print $kv / $m}")"
echo "  (mooring parses and checks identity but does not validate against the schema: the"
echo "   --validate=false row is the like-for-like one; kubectl's default adds OpenAPI validation)"
