"""Drives `mooring run --listen` for Benchmarks/live-cache-bench.sh: waits for reconciles in its
/metrics, triggers passes through the signed generic webhook, and times drift healing by
scaling Deployments through the API and polling until mooring puts them back.

Usage: live_cache_bench.py METRICS_URL KUBECONFIG WEBHOOK_SECRET COUNT DRIFT_ENVIRONMENTS
Prints `key value` lines the shell script reads.
"""
import statistics, sys, time
from bench_service import Service, reconciles, requests_by_verb, total, wait_for

service = Service(sys.argv[1], sys.argv[2], sys.argv[3])
count, drift_envs = int(sys.argv[4]), int(sys.argv[5])

# First pass (the first sync, health wait included).
started = time.time()
wait_for(lambda: reconciles(service.metrics(), "bench") >= 1, 3600, "the first sync")
print(f"first_pass_seen {time.time() - started:.2f}")
wait_for(lambda: all(reconciles(service.metrics(), f"drift-{n}") >= 1 for n in range(drift_envs)), 600, "the drift environments")
time.sleep(2)

# Warm no-op passes through the webhook: requests per pass and each pass's reconcile time.
first = before = service.metrics()
durations = []
passes = 3
for _ in range(passes):
    seen = reconciles(before, "bench")
    service.push()
    after = wait_for(lambda: (lambda m: m if reconciles(m, "bench") > seen else None)(service.metrics()), 600, "a webhook pass")
    durations.append(total(after, "mooring_reconcile_duration_seconds_sum", environment="bench")
                     - total(before, "mooring_reconcile_duration_seconds_sum", environment="bench"))
    before = after
for verb, sent in requests_by_verb(first, before).items():
    print(f"noop_requests_{verb} {sent / passes:.1f}")
print(f"noop_seconds {statistics.median(durations):.3f}")
print(f"noop_seconds_all {' '.join(f'{d:.3f}' for d in durations)}")

# Idle: no LIST while nothing happens.
before = service.metrics()
time.sleep(10)
print(f"idle_lists_10s {requests_by_verb(before, service.metrics(), ('LIST',))['LIST']:.0f}")

# Drift: scale one tracked Deployment per drift environment to 3; mooring (selfHeal) puts 1 back.
heals = []
for n in range(drift_envs):
    path = f"/apis/apps/v1/namespaces/drift-{n}/deployments/web"
    start = time.time()
    service.api("PATCH", path, {"spec": {"replicas": 3}})
    wait_for(lambda: service.api("GET", path)["spec"]["replicas"] == 1, 120, f"drift-{n} to be healed")
    heals.append(time.time() - start)
if heals:
    print(f"drift_heal_median {statistics.median(heals):.3f}")
    print(f"drift_heal_all {' '.join(f'{h:.2f}' for h in heals)}")
