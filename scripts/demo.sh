#!/usr/bin/env bash
# The demo: render both sample environments from this repository and summarise them.
set -euo pipefail
cd "$(dirname "$0")/.."
for env in develop master; do
  echo "== environment $env"
  .build/debug/mooring render --env "$env" --summary
done
