"""Drives `mooring run --listen` for Benchmarks/many-environments-bench.sh by reading its JSON log
(one line per environment's reconcile, with `environment`, `trigger` and a millisecond `time`),
so measuring adds no load to the process measured: the first sync is the time from the
process's start until every environment has reconciled once; a steady-state pass is the time
from a signed push webhook (every environment follows main) until every environment has
reconciled after it. Passes are taken one after another; the median is printed.

Usage: many_environments_bench.py LOG METRICS_URL KUBECONFIG WEBHOOK_SECRET ENVIRONMENTS STARTED_AT PASSES PID
Prints `key value` lines the shell script reads.
"""
import datetime, json, os, statistics, subprocess, sys, time
from bench_service import Service, requests_by_verb, wait_for

log_path, metrics_url, kubeconfig, secret = sys.argv[1:5]
environments, started_at, passes, pid = int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
service = Service(metrics_url, kubeconfig, secret)


class Log:
    """The reconcile results logged since an offset."""
    def __init__(self, path):
        self.path, self.offset, self.results = path, 0, []

    def skip_to_end(self):
        self.offset, self.results = os.path.getsize(self.path), []

    def read(self):
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            chunk = f.read()
        complete = chunk[:chunk.rfind(b"\n") + 1]
        self.offset += len(complete)
        for line in complete.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if "trigger" in entry and "environment" in entry:
                at = datetime.datetime.strptime(entry["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
                self.results.append((entry["environment"], at.timestamp(), "error" not in entry))
        return self.results

    def all_done(self):
        results = self.read()
        return len({env for env, _, _ in results}) >= environments and results


def cpu_seconds():
    """CPU time (user + system) the mooring process has used: a pass's cost whatever the machine's load."""
    fields = open(f"/proc/{pid}/stat").read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def finished(results):
    """The time the last environment's first result after the mark was logged, and how many failed."""
    first = {}
    for env, at, ok in results:
        first.setdefault(env, (at, ok))
    return max(at for at, _ in first.values()), sum(1 for _, ok in first.values() if not ok)


log = Log(log_path)
results = wait_for(log.all_done, 7200, "every environment's first sync", interval=0.2)
done, failed = finished(results)
print(f"first_sync_seconds {done - started_at:.2f}")
print(f"first_sync_failed {failed}")
time.sleep(5)  # let health waits and follow-up drift passes settle

def timed_pass(what):
    """A push webhook, then every environment's next result: (seconds, CPU seconds, failures)."""
    log.skip_to_end()
    cpu_before = cpu_seconds()
    pushed = time.time()
    service.push()
    done, failed = finished(wait_for(log.all_done, 600, what, interval=0.02))
    return done - pushed, cpu_seconds() - cpu_before, failed


durations, requests, cpu = [], [], []
for _ in range(passes):
    before = service.metrics()
    seconds, used, failed = timed_pass("a steady-state pass")
    cpu.append(used)
    durations.append(seconds)
    time.sleep(1)
    requests.append(requests_by_verb(before, service.metrics()))
    if failed:
        print(f"pass_failed {failed}")
print(f"pass_seconds {statistics.median(durations):.3f}")
print(f"pass_seconds_all {' '.join(f'{d:.3f}' for d in durations)}")
print(f"pass_cpu_seconds {statistics.median(cpu):.2f}")
for verb in requests[0]:
    print(f"pass_requests_{verb} {statistics.median(r[verb] for r in requests):.0f}")

# A commit that changes one environment (env-0000's ConfigMap): every environment is at a new
# revision, so each passes in full (and records a sync at it); then the pass after it.
repository = os.environ.get("BENCH_REPOSITORY")
if repository:
    path = os.path.join(repository, "environments", "env-0000", "app.yaml")
    text = open(path).read()
    open(path, "w").write(text.replace("LOG_LEVEL: info", "LOG_LEVEL: debug", 1))
    subprocess.run(["git", "-C", repository, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
                    "commit", "-qam", "env-0000 logs debug"], check=True)
    for name in ("commit_pass", "after_commit_pass"):
        seconds, used, failed = timed_pass(name.replace("_", " "))
        print(f"{name}_seconds {seconds:.3f}")
        print(f"{name}_cpu_seconds {used:.2f}")
        if failed:
            print(f"{name}_failed {failed}")
        time.sleep(2)
