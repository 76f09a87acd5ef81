#!/usr/bin/env bash
# Many environments: ENVIRONMENTS environments of 5 objects each (a Namespace, a ConfigMap, a
# Secret, a Service and a Deployment) in one repository and one configuration, reconciled by
# one `mooring run --listen` into the embedded cluster (poll interval 10 minutes). Prints the
# first sync (process start → every environment reconciled once, health included) and its peak
# RSS next to Flux's published figure, and the steady-state pass (a push webhook → every
# environment reconciled again, nothing changed; median of PASSES) with its requests; then a
# commit that changes one environment's ConfigMap, and the pass after it.
#
# Usage: Benchmarks/many-environments-bench.sh [ENVIRONMENTS] [PASSES]
#        (MOORING=path/to/mooring, default the release build; TIME_SCALE=50)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
ENVIRONMENTS=${1:-1000}
PASSES=${2:-3}

repo="$work/config"
python3 - "$repo/environments" "$ENVIRONMENTS" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    folder = os.path.join(root, f"env-{n:04d}")
    os.makedirs(folder)
    ns = f"env-{n:04d}"
    with open(os.path.join(folder, "app.yaml"), "w") as f:
        f.write(f"""apiVersion: v1
kind: Namespace
metadata:
  name: {ns}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: {ns}
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Secret
metadata:
  name: credentials
  namespace: {ns}
stringData:
  password: p{n}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: {ns}
spec:
  selector: {{app: web}}
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: {ns}
spec:
  replicas: 1
  selector:
    matchLabels: {{app: web}}
  template:
    metadata:
      labels: {{app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
""")
PY
commit_repository "$repo"
{
    service_configuration
    for n in $(seq -f "%04g" 0 $((ENVIRONMENTS - 1))); do
        echo "  env-$n: {path: environments/env-$n, cluster: local, healthTimeout: 30m}"
    done
} >"$work/mooring.yaml"
serve "$work/.mooring/cluster"

export BENCH_WEBHOOK_SECRET=bench-secret
port=$(free_port)
echo "mooring: $BIN; $ENVIRONMENTS environments × 5 objects; time scale $TIME_SCALE; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
started=$(now)
"$BIN" run --listen "127.0.0.1:$port" --config "$work/mooring.yaml" --log-format json --log-level info >"$work/run.log" 2>&1 &
run_pid=$!
pids+=($run_pid)
wait_http "http://127.0.0.1:$port/healthz"
BENCH_REPOSITORY=$repo python3 Benchmarks/many_environments_bench.py "$work/run.log" "http://127.0.0.1:$port/metrics" "$work/.mooring/cluster/kubeconfig" \
    "$BENCH_WEBHOOK_SECRET" "$ENVIRONMENTS" "$started" "$PASSES" "$run_pid" >"$work/results" || { tail -20 "$work/run.log" >&2; exit 2; }
rss=$(peak_rss_mib "$run_pid")
get() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$work/results"; }

first=$(get first_sync_seconds)
printf "%-52s %16s %28s\n" "work" "mooring" "Flux (published)"
printf "%-52s %15ss %28s\n" "first sync of $ENVIRONMENTS environments × 5 objects" "$first" "1,000 Kustomizations: 255 s"
printf "%-52s %12s MiB %28s\n" "peak RSS (VmHWM) of the one process" "$rss" "112 MiB"
printf "%-52s %15ss\n" "steady-state pass, nothing changed (median of $PASSES)" "$(get pass_seconds)"
echo "each pass: $(get pass_seconds_all) (CPU of mooring per pass, median: $(get pass_cpu_seconds) s; load $(cut -d' ' -f1 /proc/loadavg)); environments failing their first sync: $(get first_sync_failed)"
echo "a commit changing env-0000 (every environment at a new revision): $(get commit_pass_seconds) s, CPU $(get commit_pass_cpu_seconds) s; the pass after it: $(get after_commit_pass_seconds) s, CPU $(get after_commit_pass_cpu_seconds) s"
echo "requests per steady-state pass: LIST $(get pass_requests_LIST), GET $(get pass_requests_GET), PATCH $(get pass_requests_PATCH), WATCH $(get pass_requests_WATCH), CREATE $(get pass_requests_CREATE), UPDATE $(get pass_requests_UPDATE), DELETE $(get pass_requests_DELETE)"
grep -q '"level":"error"' "$work/run.log" && { echo "errors logged (first 3):"; grep '"level":"error"' "$work/run.log" | head -3; }
exit 0
