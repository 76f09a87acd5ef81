#!/usr/bin/env bash
# Runs each test target in its own `swift test` process, one after another.
#
# Tests run programs through ChildProcess (swift-subprocess), which no longer misses a child's
# exit under load, so all targets in one process pass too, and a little faster (here 70-94 s
# against 104 s). But Swift Testing starts every suite of a process at once: on 2 shared cores
# that is dozens of servers and clusters starting together, and timing-sensitive tests have
# failed that way. One target at a time keeps the load a test was written for, and the timeout
# turns any hang into a failure instead of a stuck CI run.
set -uo pipefail
cd "$(dirname "$0")/.."
targets=(ChildProcessTests ManifestsTests MergePatchTests GitSourceTests KubeAPITests LuaSandboxTests LocalClusterTests ReconcilerTests ReportsTests ServiceTests NotifyTests EndToEndTests)
passed=0 failed=0 broken=()
for target in "${targets[@]}"; do
    log=$(mktemp)
    timeout --kill-after=10 900 swift test --skip-build --filter "^${target}\." 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    p=$(grep -c '^✔ Test .* passed' "$log")
    f=$(grep -c '^✘ Test .* failed' "$log")
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$status" -ne 0 ]; then
        [ "$status" -eq 124 ] && echo "error: $target timed out after 900 s" >&2
        [ "$f" -eq 0 ] && failed=$((failed + 1))
        broken+=("$target")
    fi
    rm -f "$log"
done
echo
if ((${#broken[@]})); then echo "failing test targets: ${broken[*]}"; fi
echo "${passed} passed, ${failed} failed"
((${#broken[@]} == 0))
