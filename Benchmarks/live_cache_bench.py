"""Drives `mooring run --listen` for Benchmarks/live-cache-bench.sh: waits for reconciles in its
/metrics, triggers a pass through the signed generic webhook, and times drift healing by
scaling Deployments through the API and polling until mooring puts them back.

Usage: live_cache_bench.py METRICS_URL KUBECONFIG WEBHOOK_SECRET COUNT DRIFT_ENVIRONMENTS
Prints `key value` lines the shell script reads.
"""
import hashlib, hmac, json, re, statistics, sys, time, urllib.request

metrics_url, kubeconfig, secret, count, drift_envs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
server = re.search(r"server:\s*(\S+)", open(kubeconfig).read()).group(1)


def metrics():
    text = urllib.request.urlopen(metrics_url, timeout=10).read().decode()
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


def total(values, prefix, **labels):
    return sum(v for k, v in values.items() if k.startswith(prefix) and all(f'{a}="{b}"' in k for a, b in labels.items()))


def reconciles(values, env):
    return total(values, "mooring_reconcile_duration_seconds_count", environment=env)


def wait_for(condition, timeout, what):
    end = time.time() + timeout
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    sys.exit(f"timed out waiting for {what}")


def api(method, path, body=None, content_type="application/merge-patch+json"):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server + path, data=data, method=method, headers={"Content-Type": content_type})
    return json.loads(urllib.request.urlopen(request, timeout=30).read())


# First pass (the first sync, health wait included).
started = time.time()
wait_for(lambda: reconciles(metrics(), "bench") >= 1, 3600, "the first sync")
print(f"first_pass_seen {time.time() - started:.2f}")
wait_for(lambda: all(reconciles(metrics(), f"drift-{n}") >= 1 for n in range(drift_envs)), 600, "the drift environments")
time.sleep(2)

# Warm no-op passes through the webhook: requests and reconcile time per pass.
before = metrics()
passes = 3
for _ in range(passes):
    seen = reconciles(metrics(), "bench")
    body = json.dumps({"ref": "refs/heads/main"}).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(metrics_url.replace("/metrics", "/hooks/generic"), data=body, method="POST",
                                     headers={"Content-Type": "application/json", "X-Mooring-Signature": signature})
    urllib.request.urlopen(request, timeout=30).read()
    wait_for(lambda: reconciles(metrics(), "bench") > seen, 600, "a webhook pass")
after = metrics()
for verb in ["LIST", "GET", "WATCH", "PATCH", "CREATE", "UPDATE", "DELETE"]:
    print(f"noop_requests_{verb} {(total(after, 'mooring_kube_requests_total', verb=verb) - total(before, 'mooring_kube_requests_total', verb=verb)) / passes:.1f}")
duration = total(after, "mooring_reconcile_duration_seconds_sum", environment="bench") - total(before, "mooring_reconcile_duration_seconds_sum", environment="bench")
print(f"noop_seconds {duration / passes:.3f}")

# Idle: no LIST while nothing happens.
before = metrics()
time.sleep(10)
after = metrics()
print(f"idle_lists_10s {total(after, 'mooring_kube_requests_total', verb='LIST') - total(before, 'mooring_kube_requests_total', verb='LIST'):.0f}")

# Drift: scale one tracked Deployment per drift environment to 3; mooring (selfHeal) puts 1 back.
heals = []
for n in range(drift_envs):
    path = f"/apis/apps/v1/namespaces/drift-{n}/deployments/web"
    start = time.time()
    api("PATCH", path, {"spec": {"replicas": 3}})
    wait_for(lambda: api("GET", path)["spec"]["replicas"] == 1, 120, f"drift-{n} to be healed")
    heals.append(time.time() - start)
print(f"drift_heal_median {statistics.median(heals):.3f}")
print(f"drift_heal_all {' '.join(f'{h:.2f}' for h in heals)}")
