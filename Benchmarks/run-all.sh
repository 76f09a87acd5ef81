#!/usr/bin/env bash
# Runs every benchmark against a release build; each prints its figures next to its peer's.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in Benchmarks/*.sh; do
    [ "$(basename "$bench")" = run-all.sh ] && continue
    echo "== $bench"
    "$bench"
done
