#!/usr/bin/env bash
# Live cache benchmark: `mooring run --listen` (watch-driven cache) with COUNT objects in one
# environment plus DRIFT small environments (one Deployment each, selfHeal) on the embedded
# cluster, poll interval 10 minutes. Prints, side by side with kubectl on an identical cluster:
#   - a warm no-op pass (triggered by the signed webhook; median of 3): its requests per verb from
#     mooring_kube_requests_total and its time, vs `kubectl diff --server-side` of the same files
#     (median of 3);
#   - LISTs sent while idle for 10 s;
#   - drift: time from a `scale` of a tracked Deployment to mooring putting it back (median);
#   - peak RSS of the `mooring run` process, with COUNT + DRIFT tracked objects.
#
# Usage: Benchmarks/live-cache-bench.sh [COUNT] [DRIFT]   (MOORING=path/to/mooring; default: release build;
#        NO_PEER=1 skips kubectl, for profiling runs)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
COUNT=${1:-1000}
DRIFT=${2:-10}

repo="$work/config"
python3 Benchmarks/bench_objects.py "$repo/environments/bench" "$COUNT"
for n in $(seq 0 $((DRIFT - 1))); do
    mkdir -p "$repo/environments/drift-$n"
    cat >"$repo/environments/drift-$n/web.yaml" <<YAML
apiVersion: v1
kind: Namespace
metadata:
  name: drift-$n
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: drift-$n
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
YAML
done
commit_repository "$repo"
port=$(free_port)
{
    service_configuration
    echo "  bench: {path: environments/bench, cluster: local, prune: true, healthTimeout: 10m}"
    for n in $(seq 0 $((DRIFT - 1))); do
        echo "  drift-$n: {path: environments/drift-$n, cluster: local, selfHeal: true, healthTimeout: 5m}"
    done
} >"$work/mooring.yaml"

serve "$work/.mooring/cluster"
serve "$work/kubectl-cluster"

export BENCH_WEBHOOK_SECRET=bench-secret
echo "mooring: $BIN; $COUNT objects + $DRIFT drift environments; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$BIN" run --listen "127.0.0.1:$port" --config "$work/mooring.yaml" --log-format json >"$work/run.log" 2>&1 &
run_pid=$!
pids+=($run_pid)
wait_http "http://127.0.0.1:$port/healthz"
python3 Benchmarks/live_cache_bench.py "http://127.0.0.1:$port/metrics" "$work/.mooring/cluster/kubeconfig" \
    "$BENCH_WEBHOOK_SECRET" "$COUNT" "$DRIFT" >"$work/results" || { tail -20 "$work/run.log" >&2; exit 2; }
rss=$(peak_rss_mib "$run_pid")
get() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$work/results"; }
if [ -n "${NO_PEER:-}" ]; then # mooring's side only (profiling runs)
    cat "$work/results"; echo "peak RSS of mooring run: $rss MiB"; exit 0
fi

export KUBECONFIG="$work/kubectl-cluster/kubeconfig"
k() { kubectl --cache-dir "$work/kubectl-cache" "$@"; }
k apply --server-side -R -f "$repo/environments/bench" >/dev/null
diffs=()
for _ in 1 2 3; do
    t0=$(now); k diff --server-side -R -f "$repo/environments/bench" >/dev/null || true; diffs+=("$(seconds "$t0" "$(now)")")
done
k_diff=$(median "${diffs[@]}")

noop=$(get noop_seconds)
printf "%-44s %12s %14s %9s\n" "operation (medians of 3)" "mooring" "kubectl" "ratio"
printf "%-44s %11ss %13ss %9s\n" "warm no-op pass (run) vs diff --server-side" "$noop" "$k_diff" \
    "$(python3 -c "print(f'{$k_diff / max($noop, 0.0005):.0f}x faster')")"
echo "each: mooring $(get noop_seconds_all); kubectl ${diffs[*]}"
echo "warm no-op requests per pass: LIST $(get noop_requests_LIST), GET $(get noop_requests_GET), PATCH $(get noop_requests_PATCH), WATCH $(get noop_requests_WATCH), CREATE $(get noop_requests_CREATE), UPDATE $(get noop_requests_UPDATE) (Lease renewals), DELETE $(get noop_requests_DELETE)"
echo "LISTs while idle for 10 s: $(get idle_lists_10s)"
echo "first pass seen after: $(get first_pass_seen) s (all environments, health wait included)"
[ "$DRIFT" -gt 0 ] && echo "drift healed (scale → replicas put back, poll interval 10m): median $(get drift_heal_median) s over $DRIFT; each: $(get drift_heal_all)"
echo "peak RSS of mooring run: $rss MiB ($((COUNT + DRIFT)) tracked objects + namespaces)"
