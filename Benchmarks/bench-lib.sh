# Shared by the reconcile benchmarks (sourced, not run): the mooring binary, a scratch folder
# removed on exit with every server started stopped by PID, embedded clusters, a config
# repository committed from a folder, free ports, medians and peak RSS.
#
#   source "$(dirname "$0")/bench-lib.sh"    # after `set -euo pipefail`; cds to the repository

source "$(dirname "${BASH_SOURCE[0]}")/bench-binary.sh"
TIME_SCALE=${TIME_SCALE:-50}

work=$(mktemp -d)
pids=()
bench_cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap bench_cleanup EXIT

# serve DATA_DIR: starts an embedded cluster on a free port, waits for its kubeconfig; its PID
# is in $served_pid (and stopped on exit).
serve() {
    mkdir -p "$1"
    "$BIN" cluster serve --port 0 --data "$1" --time-scale "$TIME_SCALE" >"$1/serve.log" 2>&1 &
    served_pid=$!
    pids+=("$served_pid")
    for _ in $(seq 600); do [ -s "$1/kubeconfig" ] && return; sleep 0.05; done
    echo "cluster in $1 did not start" >&2; exit 2
}

# stop PID: stops a process this script started, and waits for it.
stop() { kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }

# commit_repository DIR: makes DIR a git repository on branch main with one commit of its files.
commit_repository() {
    git -C "$1" init -q -b main
    git -C "$1" add -A
    git -C "$1" -c user.name=bench -c user.email=bench@example.invalid commit -qm "bench objects"
}

# bench_configuration URL HEALTH_TIMEOUT: a mooring.yaml with the one environment `bench` (the
# folder environments/bench of the repository at URL, on the embedded cluster, pruning).
bench_configuration() {
    printf '%s\n' "repository:" "  url: $1" "  interval: 1m" "environments:" "  bench:" \
        "    path: environments/bench" "    cluster: local" "    prune: true" "    healthTimeout: $2"
}

# service_configuration: the start of a mooring.yaml for `run --listen` benchmarks (the repository
# `config` beside it, polled every 10 minutes, the generic webhook signed with
# $BENCH_WEBHOOK_SECRET), up to its `environments:` key; the caller lists them.
service_configuration() {
    printf '%s\n' "repository:" "  url: config" "  interval: 10m" "server:" "  webhooks:" \
        "    generic: {secretEnv: BENCH_WEBHOOK_SECRET}" "environments:"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.2f}')"; }
# median VALUE...: the median, two decimals.
median() { python3 -c "import statistics, sys; print(f'{statistics.median(float(v) for v in sys.argv[1:]):.2f}')" "$@"; }
# peak_rss_mib PID: the process's peak resident set (VmHWM) so far, in MiB.
peak_rss_mib() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
# wait_http URL: waits until URL answers (a service starting).
wait_http() { for _ in $(seq 1200); do curl -sf "$1" >/dev/null && return; sleep 0.05; done; echo "$1 did not answer" >&2; exit 2; }
