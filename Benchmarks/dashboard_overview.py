"""See dashboard-overview.sh. Reuses the browser tests' world helpers (git daemon, the embedded
cluster, the binary), with N environments instead of the sample's two."""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tests", "Browser"))
import world  # noqa: E402


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    binary, environments, requests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    world.BINARY = binary
    folder = os.path.join(os.path.dirname(__file__), "..", ".build", "dashboard-bench-sample")
    shutil.rmtree(folder, ignore_errors=True)
    for index in range(environments):
        os.makedirs(os.path.join(folder, f"env-{index:03}"))
        with open(os.path.join(folder, f"env-{index:03}", "configmap.yaml"), "w") as file:
            file.write(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-{index:03}\n  namespace: bench\n"
                       f"data:\n  INDEX: \"{index}\"\n")
    world.SAMPLE = folder
    names = [f"env-{index:03}" for index in range(environments)]
    bench = world.World()
    bench.environment_names = names
    try:
        bench.start(environments=names, interval="10m", before_run=lambda: bench.kubectl("create", "namespace", "bench"))
        world.wait_for(f"{environments} environments reconciled",
                       lambda: all(e.get("checkedAt") for e in bench.api("/api/v1/environments")["environments"]), timeout=900, interval=2)
        print(f"mooring: {binary}; {environments} environments, {requests} requests of /")
        server, client = [], []
        for _ in range(requests):
            started = time.perf_counter()
            with urllib.request.urlopen(bench.base + "/", timeout=30) as response:
                body = response.read()
                timing = response.headers["Server-Timing"]
            client.append((time.perf_counter() - started) * 1000)
            server.append(float(re.search(r"dur=([0-9.]+)", timing).group(1)))
        assert body.count(b'class="card"') == environments, "the overview does not show every environment"
        peer = []
        for _ in range(max(5, requests // 5)):
            started = time.perf_counter()
            result = bench.kubectl("get", "configmaps", "-n", "mooring-system", "-o", "json")
            peer.append((time.perf_counter() - started) * 1000)
            assert result.returncode == 0, result.stderr
        print(f"{'path':<44}{'median':>9}{'p95':>9}{'max':>9}")
        for label, values in (("GET / server-side (Server-Timing)", server), ("GET / client, to the last byte", client),
                              ("kubectl get configmaps -n mooring-system", peer)):
            print(f"{label:<44}{statistics.median(values):>7.2f}ms{percentile(values, 0.95):>7.2f}ms{max(values):>7.2f}ms")
        print(f"kubectl / overview client (median): {statistics.median(peer) / statistics.median(client):.1f}x; "
              f"page size {len(body) // 1024} KiB")
    finally:
        bench.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
