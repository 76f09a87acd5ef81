#!/usr/bin/env bash
# Dashboard overview: `mooring run --listen` with 100 environments (one ConfigMap each) on the
# embedded local cluster, all reconciled; then GET / 50 times. Prints the server-side time (the
# page's Server-Timing header) and the time to the last byte seen by the client, median and p95,
# next to the peer: `kubectl get configmaps -n mooring-system` reading the same 100 histories a
# script would need for the same overview.
#
# Usage: Benchmarks/dashboard-overview.sh [ENVIRONMENTS] [REQUESTS]   (MOORING=path/to/mooring; default: release build)
set -euo pipefail
source "$(dirname "$0")/bench-binary.sh"
ENVIRONMENTS=${1:-100}
REQUESTS=${2:-50}
exec python3 Benchmarks/dashboard_overview.py "$BIN" "$ENVIRONMENTS" "$REQUESTS"
