#!/usr/bin/env bash
# `mooring run --once` no-op next to `kubectl diff --server-side` (issue 14: at least 20× faster at
# 1,000 objects, median of 3). COUNT objects of bench_objects.py in one environment: mooring syncs
# them into its embedded cluster, kubectl applies the same files server-side into an identical
# one; then TRIALS rounds each time one `mooring run --once` (a whole process: start, fetch,
# render, LIST, diff, the Lease and the history) and one `kubectl diff --server-side -R -f` of the
# same folder, back to back so both meet the same machine load. Both must find nothing to do
# (mooring exit 0 with 0 PATCH; kubectl diff exit 0), or the run fails.
#
# Usage: Benchmarks/run-once-noop.sh [COUNT]   (MOORING=path/to/mooring, default the release
#        build; TRIALS=3; TIME_SCALE=50; KUBECTL=kubectl; BASELINE=path/to/another/mooring times
#        that one too in every trial, e.g. a build of an earlier commit)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
COUNT=${1:-1000}
TRIALS=${TRIALS:-3}
KUBECTL=${KUBECTL:-kubectl}

repo="$work/config"
python3 Benchmarks/bench_objects.py "$repo/environments/bench" "$COUNT"
commit_repository "$repo"
bench_configuration config 5m >"$work/mooring.yaml"
serve "$work/.mooring/cluster"        # mooring's (found through cluster: local)
serve "$work/kubectl-cluster"         # kubectl's: the same server, fresh
k() { KUBECONFIG="$work/kubectl-cluster/kubeconfig" "$KUBECTL" --cache-dir "$work/kubectl-cache" "$@"; }

echo "mooring: $BIN; kubectl $("$KUBECTL" version --client -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])')" >&2
echo "$COUNT objects + 4 namespaces; first syncs (not timed)…" >&2
"$BIN" run --once --config "$work/mooring.yaml" >"$work/first.out" 2>&1 || { cat "$work/first.out" >&2; exit 2; }
k apply --server-side -R -f "$repo/environments/bench" >/dev/null

mooring_noop() { # [BINARY] prints the seconds; fails unless it was a no-op
    local start end
    start=$(now)
    "${1:-$BIN}" run --once --stats --config "$work/mooring.yaml" >"$work/run.out" 2>"$work/stats" || { cat "$work/run.out" "$work/stats" >&2; exit 2; }
    end=$(now)
    grep -q " 0 PATCH, 0 dry-run PATCH, 0 DELETE" "$work/stats" || { echo "not a no-op: $(cat "$work/stats")" >&2; exit 2; }
    seconds "$start" "$end"
}
kubectl_diff() { # prints the seconds; fails unless kubectl found no difference
    local start end
    start=$(now)
    k diff --server-side -R -f "$repo/environments/bench" >"$work/diff.out" 2>&1 || { head -20 "$work/diff.out" >&2; exit 2; }
    end=$(now)
    seconds "$start" "$end"
}

m_all=() k_all=() b_all=()
for trial in $(seq "$TRIALS"); do
    [ -n "${BASELINE:-}" ] && b_all+=("$(mooring_noop "$BASELINE")")
    m_all+=("$(mooring_noop)")
    k_all+=("$(kubectl_diff)")
    echo "trial $trial: mooring ${m_all[-1]} s, kubectl diff ${k_all[-1]} s${BASELINE:+, baseline ${b_all[-1]} s} (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
m=$(median "${m_all[@]}")
kd=$(median "${k_all[@]}")
faster() { python3 -c "print(f'{$2 / max($1, 0.001):.1f}x faster')"; }
printf "%-44s %10s %14s %14s\n" "operation ($COUNT objects, median of $TRIALS)" "mooring" "kubectl" "ratio"
printf "%-44s %9ss %13ss %14s\n" "run --once no-op vs diff --server-side" "$m" "$kd" "$(faster "$m" "$kd")"
if [ -n "${BASELINE:-}" ]; then
    b=$(median "${b_all[@]}")
    printf "%-44s %9ss %13ss %14s\n" "baseline run --once no-op ($(basename "$BASELINE"))" "$b" "$kd" "$(faster "$b" "$kd")"
    echo "baseline each: ${b_all[*]}"
fi
echo "mooring each: ${m_all[*]}; kubectl diff each: ${k_all[*]}"
echo "mooring requests: $(sed -n 's/^bench: requests: //p' "$work/stats")"
