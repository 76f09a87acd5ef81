#!/usr/bin/env bash
# The Containerfile's steps without a container engine (CI has none): build the release binary
# the way the builder stage does, assemble the runtime stage's tree, and run `mooring version`
# from that tree alone — the binary, its resources and the kustomize it renders overlays with.
#
#   scripts/assemble-image.sh [OUT]     (default OUT: .build/image)
#
# The tree is what the Containerfile copies into the slim Debian stage:
#   OUT/rootfs/usr/local/bin/mooring                     statically linked Swift runtime
#   OUT/rootfs/usr/local/bin/mooring_Manifests.resources the Kubernetes schema it validates with
#   OUT/rootfs/usr/local/bin/kustomize                   (or kubectl, whose kustomize is embedded)
#   OUT/runtime-packages.txt                             Debian packages the stage installs
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/image}
mkdir -p "$out"
out=$(cd "$out" && pwd)
root="$out/rootfs"
start=$(date +%s)

# The builder stage: a release build with the Swift runtime linked in, so the runtime stage
# needs only Debian's shared libraries.
swift build -c release --product mooring --static-swift-stdlib
bin=$(swift build -c release --show-bin-path)

rm -rf "$root" "$out/runtime-packages.txt"
mkdir -p "$root/usr/local/bin" "$root/etc/mooring" "$root/var/cache/mooring"
cp "$bin/mooring" "$root/usr/local/bin/mooring"
strip "$root/usr/local/bin/mooring" 2>/dev/null || true
for bundle in "$bin"/*.resources; do
    [ -e "$bundle" ] && cp -R "$bundle" "$root/usr/local/bin/"
done
if command -v kustomize >/dev/null; then
    cp "$(command -v kustomize)" "$root/usr/local/bin/kustomize"
elif command -v kubectl >/dev/null; then
    cp "$(readlink -f "$(command -v kubectl)")" "$root/usr/local/bin/kubectl"
fi

# Every shared library the binary needs must come from a Debian package of the runtime stage,
# never from the Swift toolchain.
libraries=$(ldd "$root/usr/local/bin/mooring")
if grep -q "not found" <<<"$libraries"; then
    echo "error: missing libraries:" >&2; grep "not found" <<<"$libraries" >&2; exit 1
fi
if grep -q "/opt/swift\|/usr/lib/swift" <<<"$libraries"; then
    echo "error: the binary still links the Swift toolchain's libraries:" >&2
    grep "/opt/swift\|/usr/lib/swift" <<<"$libraries" >&2; exit 1
fi
: > "$out/runtime-packages.txt"
for library in $(awk '/=>/ {print $3}' <<<"$libraries"); do
    dpkg -S "$(readlink -f "$library")" 2>/dev/null | cut -d: -f1 || dpkg -S "$library" 2>/dev/null | cut -d: -f1 || true
done | sort -u > "$out/runtime-packages.txt"

# The image's entry point, run as the image runs it: from the tree, with no toolchain on PATH,
# an empty HOME and another working directory.
version=$(cd / && env -i PATH="$root/usr/local/bin:/usr/bin:/bin" HOME=/nonexistent "$root/usr/local/bin/mooring" version)
echo "$version"
grep -q "^mooring " <<<"$version"
echo "runtime packages: $(tr '\n' ' ' < "$out/runtime-packages.txt")"
echo "image tree: $(du -sh "$root" | cut -f1) in $out, assembled in $(( $(date +%s) - start )) s"
