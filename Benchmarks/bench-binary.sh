# The mooring binary a benchmark times (sourced, not run): $MOORING, else the release build, else
# the debug build, as an absolute path in $BIN; cds to the repository.
#
#   source "$(dirname "$0")/bench-binary.sh"    # after `set -euo pipefail`

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${MOORING:-.build/release/mooring}
[ -x "$BIN" ] || BIN=.build/debug/mooring
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
