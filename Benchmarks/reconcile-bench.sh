#!/usr/bin/env bash
# Reconcile benchmark: COUNT objects (ConfigMaps, Secrets, Services, Deployments in 4 namespaces)
# synced by `mooring run --once` into the embedded local cluster, next to `kubectl apply
# --server-side -f` and `kubectl diff --server-side -f` on the same objects against an identical
# local cluster. Prints first sync, no-op reconcile (with its request counts: the target is at
# most one LIST per resource type and zero PATCH) and one-object change times, each the median
# of TRIALS runs on fresh clusters (mooring's and kubectl's started side by side each trial).
#
# Usage: Benchmarks/reconcile-bench.sh [COUNT] [first-sync]   (MOORING=path/to/mooring, default the
#        release build; TRIALS=3; TIME_SCALE=50). `first-sync` times only the first syncs (10,000
#        objects: kubectl's no-op and change applies take minutes each).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
COUNT=${1:-1000}
SCOPE=${2:-all}
TRIALS=${TRIALS:-3}

# The config repository: 4 namespaces, COUNT objects spread over them, a quarter of each kind.
repo="$work/config"
python3 Benchmarks/bench_objects.py "$repo/environments/bench" "$COUNT"
commit_repository "$repo"

change_one() { # $1 = new value of one ConfigMap's LOG_LEVEL
    sed -i "s/LOG_LEVEL: .*/LOG_LEVEL: $1/" "$repo/environments/bench/bench-0/object-00000.yaml"
    git -C "$repo" -c user.name=bench -c user.email=bench@example.invalid commit -qam "change one object"
}

mooring_run() { # $1 = trial folder; prints the seconds; request counts go to $1/stats
    local start
    start=$(now)
    "$BIN" run --once --stats --config "$1/mooring.yaml" >"$1/run.out" 2>"$1/stats" || { cat "$1/run.out" "$1/stats" >&2; exit 2; }
    seconds "$start" "$(now)"
}
timed() { local start; start=$(now); "$@" >/dev/null || true; seconds "$start" "$(now)"; }

declare -A times
record() { times[$1]="${times[$1]:-} $2"; }
echo "mooring: $BIN; $COUNT objects + 4 namespaces; $TRIALS trials; time scale $TIME_SCALE; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for trial in $(seq "$TRIALS"); do
    t="$work/trial-$trial"
    mkdir -p "$t"
    bench_configuration ../config 10m >"$t/mooring.yaml"
    serve "$t/.mooring/cluster"; m_cluster=$served_pid      # mooring's (found through cluster: local)
    serve "$t/kubectl-cluster"; k_cluster=$served_pid       # kubectl's: the same server, fresh
    record m_first "$(mooring_run "$t")"; first_stats=$(grep requests "$t/stats")
    export KUBECONFIG="$t/kubectl-cluster/kubeconfig"
    k() { kubectl --cache-dir "$t/kubectl-cache" "$@"; }
    record k_first "$(timed k apply --server-side -R -f "$repo/environments/bench")"
    if [ "$SCOPE" = all ]; then
        record m_noop "$(mooring_run "$t")"; noop_stats=$(grep requests "$t/stats")
        record k_noop "$(timed k apply --server-side -R -f "$repo/environments/bench")"
        record k_diff "$(timed k diff --server-side -R -f "$repo/environments/bench")"
        change_one "debug-$trial"
        record m_change "$(mooring_run "$t")"; change_stats=$(grep requests "$t/stats")
        record k_change "$(timed k apply --server-side -R -f "$repo/environments/bench")"
    fi
    stop "$m_cluster"; stop "$k_cluster"
    echo "trial $trial: mooring ${times[m_first]##* } s, kubectl ${times[k_first]##* } s (first sync); load $(cut -d' ' -f1 /proc/loadavg)" >&2
done

m() { median ${times[$1]}; }
line() { # label mooring-key kubectl-key
    local a b
    a=$(m "$2"); b=$(m "$3")
    printf "%-34s %9ss %11ss %10s %s\n" "$1" "$a" "$b" "$(python3 -c "print(f'{$a / $b:.2f}x')")" \
        "$(python3 -c "print(f'({$b / $a:.1f}x faster)' if $a < $b else '')")"
}
echo "medians of $TRIALS; each run: mooring${times[m_first]} | kubectl${times[k_first]} (first sync)"
printf "%-34s %10s %12s %10s\n" "operation" "mooring" "kubectl" "ratio"
line "first sync (incl. health wait)" m_first k_first
if [ "$SCOPE" = all ]; then
    line "no-op reconcile vs apply" m_noop k_noop
    line "no-op reconcile vs diff" m_noop k_diff
    line "one-object change" m_change k_change
fi
echo "first sync:  $first_stats"
[ "$SCOPE" = all ] && { echo "no-op:       $noop_stats"; echo "one change:  $change_stats"; }
exit 0
