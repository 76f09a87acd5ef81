#!/usr/bin/env bash
# Reconcile benchmark: COUNT objects (ConfigMaps, Secrets, Services, Deployments in 4 namespaces)
# synced by `mooring run --once` into the embedded local cluster, next to `kubectl apply
# --server-side -f` and `kubectl diff --server-side -f` on the same objects against an identical
# local cluster. Prints first sync, no-op reconcile (with its request counts: the target is at
# most one LIST per resource type and zero PATCH) and one-object change times.
#
# Usage: Benchmarks/reconcile-bench.sh [COUNT]   (MOORING=path/to/mooring; default: release build)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000}
BIN=${MOORING:-.build/release/mooring}
[ -x "$BIN" ] || BIN=.build/debug/mooring
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TIME_SCALE=${TIME_SCALE:-50}

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# The config repository: 4 namespaces, COUNT objects spread over them, a quarter of each kind.
repo="$work/config"
mkdir -p "$repo/environments/bench"
python3 Benchmarks/bench_objects.py "$repo/environments/bench" "$COUNT"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.invalid commit -qm "bench objects"
cat >"$work/mooring.yaml" <<YAML
repository:
  url: config
  interval: 1m
environments:
  bench:
    path: environments/bench
    cluster: local
    prune: true
    healthTimeout: 5m
YAML

serve() { # serve DATA_DIR → waits for its kubeconfig
    mkdir -p "$1"
    "$BIN" cluster serve --port 0 --data "$1" --time-scale "$TIME_SCALE" >"$1/serve.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 200); do [ -s "$1/kubeconfig" ] && return; sleep 0.05; done
    echo "cluster in $1 did not start" >&2; exit 2
}
serve "$work/.mooring/cluster"        # mooring's (found through cluster: local)
serve "$work/kubectl-cluster"         # kubectl's: the same server, fresh

now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.2f}')"; }
change_one() { # $1 = new value of one ConfigMap's LOG_LEVEL
    sed -i "s/LOG_LEVEL: .*/LOG_LEVEL: $1/" "$repo/environments/bench/bench-0/object-00000.yaml"
    git -C "$repo" -c user.name=bench -c user.email=bench@example.invalid commit -qam "change one object"
}

mooring_run() { # prints the seconds; request counts go to $work/stats
    local start end
    start=$(now)
    "$BIN" run --once --stats --config "$work/mooring.yaml" >"$work/run.out" 2>"$work/stats" || { cat "$work/run.out" "$work/stats" >&2; exit 2; }
    end=$(now)
    seconds "$start" "$end"
}

echo "mooring: $BIN; $COUNT objects + 4 namespaces; local cluster time scale $TIME_SCALE" >&2
m_first=$(mooring_run); m_first_stats=$(grep requests "$work/stats")
m_noop=$(mooring_run); m_noop_stats=$(grep requests "$work/stats")
change_one debug
m_change=$(mooring_run); m_change_stats=$(grep requests "$work/stats")

export KUBECONFIG="$work/kubectl-cluster/kubeconfig"
k() { kubectl --cache-dir "$work/kubectl-cache" "$@"; }
start=$(now); k apply --server-side -R -f "$repo/environments/bench" >/dev/null; k_first=$(seconds "$start" "$(now)")
start=$(now); k apply --server-side -R -f "$repo/environments/bench" >/dev/null; k_noop=$(seconds "$start" "$(now)")
start=$(now); k diff --server-side -R -f "$repo/environments/bench" >/dev/null || true; k_diff=$(seconds "$start" "$(now)")
change_one warn
start=$(now); k apply --server-side -R -f "$repo/environments/bench" >/dev/null; k_change=$(seconds "$start" "$(now)")

ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
printf "%-34s %10s %12s %10s\n" "operation" "mooring" "kubectl" "ratio"
printf "%-34s %9ss %11ss %10s\n" "first sync (incl. health wait)" "$m_first" "$k_first" "$(ratio "$m_first" "$k_first")"
printf "%-34s %9ss %11ss %10s\n" "no-op reconcile vs apply" "$m_noop" "$k_noop" "$(ratio "$m_noop" "$k_noop")"
printf "%-34s %9ss %11ss %10s\n" "no-op reconcile vs diff" "$m_noop" "$k_diff" "$(ratio "$m_noop" "$k_diff")"
printf "%-34s %9ss %11ss %10s\n" "one-object change" "$m_change" "$k_change" "$(ratio "$m_change" "$k_change")"
echo "first sync:  $m_first_stats"
echo "no-op:       $m_noop_stats"
echo "one change:  $m_change_stats"
