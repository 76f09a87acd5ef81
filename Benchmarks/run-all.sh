#!/usr/bin/env bash
# Runs every benchmark against a release build; each prints its figures next to its peer's.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in Benchmarks/*.sh; do
    case "$(basename "$bench")" in
        run-all.sh | bench-lib.sh | bench-binary.sh) continue ;;  # this script, and the two the others source
    esac
    echo "== $bench"
    "$bench"
done
