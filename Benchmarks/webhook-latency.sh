#!/usr/bin/env bash
# Webhook latency: a commit to a 100-object environment, from the moment a signed push webhook
# is sent to `mooring run --listen` until the changed object reads back updated from the cluster,
# median and p95 over 20 pushes; next to the same change found by `mooring run` polling every 1 s
# (from the commit until the object is updated). Both against one embedded local cluster.
#
# Usage: Benchmarks/webhook-latency.sh [PUSHES] [OBJECTS]   (MOORING=path/to/mooring; default: release build)
set -euo pipefail
source "$(dirname "$0")/bench-binary.sh"
PUSHES=${1:-20}
OBJECTS=${2:-100}
exec python3 Benchmarks/webhook_latency.py "$BIN" "$PUSHES" "$OBJECTS"
