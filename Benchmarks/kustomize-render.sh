#!/usr/bin/env bash
# Renders kustomize overlays with `mooring render` (a commit's tree exported from git into a
# private folder, kustomize run there, its output parsed and attributed to source files) and
# prints the time next to `kubectl kustomize` on the same tree, checked out. Mooring asks
# kustomize for `buildMetadata: [originAnnotations]` (how objects keep their source file), which
# costs kustomize time of its own, so a third column times kubectl kustomize with that option:
# the difference between it and mooring render is Mooring's own overhead (process start, the
# mirror fetch, following the kustomizations, the export, parsing and attribution).
#
# Two trees: the repository's sample (environments/develop), and a generated base of COUNT
# Deployments + Services with an overlay (namespace, namePrefix, images, replicas, a
# configMapGenerator, a strategic-merge patch, a JSON 6902 patch and a component).
#
# Usage: Benchmarks/kustomize-render.sh [COUNT] [RUNS]   (release build: make bench)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-500}
RUNS=${2:-7}
BIN=${MOORING:-.build/release/mooring}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 2; }
KUBECTL=${KUBECTL:-kubectl}

work=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] && echo "work folder kept: $work" || rm -rf "$work"' EXIT
repo="$work/config"
mkdir -p "$repo"
cp -R environments "$repo/environments"
python3 - "$repo/environments" "$COUNT" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
base = os.path.join(root, "generated-base")
os.makedirs(base, exist_ok=True)
names = []
for i in range(count):
    name = f"app-{i:04d}.yaml"
    names.append(name)
    with open(os.path.join(base, name), "w") as f:
        f.write(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  labels: {{app: app-{i}}}
spec:
  replicas: 1
  selector: {{matchLabels: {{app: app-{i}}}}}
  template:
    metadata: {{labels: {{app: app-{i}}}}}
    spec:
      containers:
        - name: web
          image: registry.example/app:1.0
          envFrom: [{{configMapRef: {{name: settings}}}}]
          ports: [{{containerPort: 8080}}]
---
apiVersion: v1
kind: Service
metadata:
  name: app-{i}
spec:
  selector: {{app: app-{i}}}
  ports: [{{port: 80, targetPort: 8080}}]
""")
with open(os.path.join(base, "kustomization.yaml"), "w") as f:
    f.write("resources:\n" + "".join(f"  - {n}\n" for n in names))
    f.write("configMapGenerator:\n  - name: settings\n    literals: [LOG_LEVEL=info, WORKERS=4]\n")
comp = os.path.join(root, "generated-component")
os.makedirs(comp, exist_ok=True)
with open(os.path.join(comp, "kustomization.yaml"), "w") as f:
    f.write("apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n  - pairs: {team: platform}\n")
overlay = os.path.join(root, "generated")
os.makedirs(overlay, exist_ok=True)
with open(os.path.join(overlay, "kustomization.yaml"), "w") as f:
    f.write("""resources: [../generated-base]
components: [../generated-component]
namespace: bench
namePrefix: prod-
images:
  - name: registry.example/app
    newTag: "2.0"
replicas:
  - name: app-0
    count: 3
configMapGenerator:
  - name: settings
    behavior: merge
    literals: [LOG_LEVEL=warn]
patches:
  - path: resources.yaml
    target: {kind: Deployment}
  - target: {kind: Service}
    patch: |-
      - op: add
        path: /spec/type
        value: ClusterIP
""")
with open(os.path.join(overlay, "resources.yaml"), "w") as f:
    f.write("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: any}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n")
PY
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@localhost commit -qm "overlays"
cat > "$work/mooring.yaml" <<YAML
repository:
  url: $repo
environments:
  develop:
    path: environments/develop
  generated:
    path: environments/generated
render:
  kustomize:
    binary: $(command -v "$KUBECTL")
YAML

# "wall cpu": the medians of RUNS runs of a command (after one warm-up run), wall-clock and CPU
# (user + system of the command and its children, e.g. the kustomize mooring starts). CPU time is
# the steadier figure on a machine shared with other work.
timeit() {
    python3 - "$RUNS" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
def once():
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
once()
samples = [once() for _ in range(runs)]
print(f"{statistics.median(s[0] for s in samples):.3f} {statistics.median(s[1] for s in samples):.3f}")
PY
}
row() { # label, "wall cpu"
    local label=$1
    set -- $2
    printf '    %-38s wall %7.3f s   cpu %7.3f s\n' "$label" "$1" "$2"
}

echo "$("$BIN" version | tail -1); $COUNT generated Deployments + Services; median of $RUNS runs; $(nproc) cores"
for env in develop generated; do
    # Both must produce as many objects before they are timed (that they are the same objects
    # is what Tests/EndToEndTests/KustomizeEquivalenceTests checks).
    "$BIN" render --config "$work/mooring.yaml" --env "$env" > "$work/ours.yaml"
    "$KUBECTL" kustomize "$repo/environments/$env" > "$work/theirs.yaml"
    objects=$(grep -c '^kind:' "$work/theirs.yaml")
    [ "$(grep -c '^kind:' "$work/ours.yaml")" = "$objects" ] || { echo "object counts differ for $env" >&2; exit 1; }
    # The same tree with the overlay asking for origin annotations itself.
    rm -rf "$work/origins" && cp -R "$repo" "$work/origins"
    printf '\nbuildMetadata: [originAnnotations]\n' >> "$work/origins/environments/$env/kustomization.yaml"
    m=$(timeit "$BIN" render --config "$work/mooring.yaml" --env "$env")
    k=$(timeit "$KUBECTL" kustomize "$repo/environments/$env")
    o=$(timeit "$KUBECTL" kustomize "$work/origins/environments/$env")
    echo "$env: $objects objects"
    row "mooring render" "$m"
    row "kubectl kustomize" "$k"
    row "kubectl kustomize + originAnnotations" "$o"
    set -- $m $k $o
    printf '    mooring / kubectl kustomize: wall %.2fx, cpu %.2fx; Mooring'"'"'s own overhead (over kustomize with origins): wall %+.0f ms, cpu %+.0f ms\n' \
        "$(awk "BEGIN {print $1 / $3}")" "$(awk "BEGIN {print $2 / $4}")" "$(awk "BEGIN {print ($1 - $5) * 1000}")" "$(awk "BEGIN {print ($2 - $6) * 1000}")"
done
