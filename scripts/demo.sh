#!/usr/bin/env bash
# The demo: reconcile this repository's sample environments (the develop and master kustomize
# overlays over environments/base, as committed) into the embedded local cluster, show their
# status, and let the real kubectl look at the result.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/debug/mooring
DATA=.mooring/cluster

# The cluster runs on its own so kubectl can reach it after `mooring run` has exited; mooring
# reuses a local cluster whose kubeconfig answers. --time-scale 10 makes rollouts quick.
"$BIN" cluster serve --data "$DATA" --port 0 --time-scale 10 > .mooring-serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -f .mooring-serve.log' EXIT
for _ in $(seq 100); do
    KUBECONFIG=$DATA/kubeconfig kubectl version >/dev/null 2>&1 && break
    sleep 0.1
done

echo "== mooring version"
"$BIN" version

echo
echo "== mooring render --env develop --summary   (kustomize builds the overlay; each object names its source)"
"$BIN" render --env develop --summary

echo
echo "== mooring run --once"
status=0
"$BIN" run --once || status=$?

echo
echo "== mooring status"
"$BIN" status

echo
echo "== kubectl get deployments,services,ingresses,jobs -A   (the real kubectl, as an independent client; the Jobs are the smoke tests)"
KUBECONFIG=$DATA/kubeconfig kubectl get deployments,services,ingresses,jobs -A

cat <<TEXT

The cluster's state is kept in $DATA. To look around with kubectl yourself:
  $BIN cluster serve --data $DATA &
  export KUBECONFIG=$PWD/$DATA/kubeconfig
  kubectl get all -n django-develop
TEXT
exit "$status"
