"""Driver of Benchmarks/webhook-latency.sh: times push → applied, by webhook and by 1 s polling.

Every server it starts (the embedded cluster, mooring) listens on 127.0.0.1 and is stopped by
its PID at the end, whatever happens.
"""
import hashlib, hmac, json, os, random, signal, socket, statistics, subprocess, sys, tempfile, time
import urllib.request, urllib.error

BIN, PUSHES, OBJECTS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
SECRET = "benchmark-webhook-secret"
work = tempfile.mkdtemp(prefix="mooring-webhook-bench-")
children = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, log, env=None):
    child = subprocess.Popen(args, stdout=open(log, "w"), stderr=subprocess.STDOUT, env=env)
    children.append(child)
    return child


def stop(child, sig=signal.SIGTERM):
    if child.poll() is None:
        child.send_signal(sig)
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def git(*args):
    subprocess.run(["git", "-C", repo, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *args],
                   check=True, stdout=subprocess.DEVNULL)


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.005)
    raise SystemExit(f"timed out: {what}")


# The config repository: one namespace and OBJECTS ConfigMaps.
repo = os.path.join(work, "config")
folder = os.path.join(repo, "environments", "bench")
os.makedirs(folder)
with open(os.path.join(folder, "00-namespace.yaml"), "w") as f:
    f.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n")
for i in range(OBJECTS - 1):
    with open(os.path.join(folder, f"settings-{i:03d}.yaml"), "w") as f:
        f.write(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-{i:03d}\n  namespace: bench\ndata:\n  VALUE: initial\n")
subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
git("add", "-A")
git("commit", "-qm", "bench objects")


def change(value):
    with open(os.path.join(folder, "settings-000.yaml"), "w") as f:
        f.write(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-000\n  namespace: bench\ndata:\n  VALUE: {value}\n")
    git("commit", "-qam", f"VALUE={value}")


def config(interval):
    path = os.path.join(work, "mooring.yaml")
    with open(path, "w") as f:
        f.write(f"""repository:
  url: config
  interval: {interval}
environments:
  bench:
    path: environments/bench
    cluster: local
    prune: true
server:
  webhooks:
    generic: {{secretEnv: BENCH_WEBHOOK_SECRET}}
""")
    return path


try:
    # The embedded cluster, shared by both runs (cluster: local finds it through its data folder).
    data = os.path.join(work, ".mooring", "cluster")
    os.makedirs(data)
    start([BIN, "cluster", "serve", "--port", "0", "--data", data, "--time-scale", "50"], os.path.join(work, "cluster.log"))
    wait_for(lambda: os.path.exists(os.path.join(data, "kubeconfig")) and os.path.getsize(os.path.join(data, "kubeconfig")) > 0, 30, "cluster")
    kubeconfig = open(os.path.join(data, "kubeconfig")).read()
    server = next(line.split("server:")[1].strip() for line in kubeconfig.splitlines() if "server:" in line)
    token = open(os.path.join(data, "token")).read().strip()

    def live_value():
        request = urllib.request.Request(f"{server}/api/v1/namespaces/bench/configmaps/settings-000",
                                         headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                return json.load(answer).get("data", {}).get("VALUE")
        except urllib.error.URLError:
            return None

    env = dict(os.environ, BENCH_WEBHOOK_SECRET=SECRET)

    # 1. Webhooks: mooring run --listen with a 10-minute poll interval.
    port = free_port()
    service = start([BIN, "run", "--listen", f"127.0.0.1:{port}", "--config", config("10m"), "--log-format", "json"],
                    os.path.join(work, "service.log"), env)

    def ready():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as answer:
                return answer.status == 200
        except (urllib.error.URLError, ConnectionError):
            return False

    wait_for(ready, 300, "mooring run --listen ready")
    wait_for(lambda: live_value() == "initial", 60, "initial sync")
    webhook = []
    for n in range(PUSHES):
        value = f"hook-{n}"
        change(value)
        body = json.dumps({"ref": "refs/heads/main"}).encode()
        signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        sent = time.monotonic()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/hooks/generic", data=body, method="POST",
                                         headers={"X-Mooring-Signature": signature, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 202, answer.status
        wait_for(lambda: live_value() == value, 60, f"push {n} applied")
        webhook.append(time.monotonic() - sent)
        # Pushes a second or two apart, as a team pushes: the client-side rate limit (kubectl's
        # 50 QPS, burst 300) refills between them. Back-to-back pushes measure that limit instead.
        time.sleep(random.uniform(1.0, 2.0))
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        exposition = answer.read().decode()
    requests = sum(float(line.rsplit(" ", 1)[1]) for line in exposition.splitlines() if line.startswith("mooring_kube_requests_total{"))
    reconciles = sum(float(line.rsplit(" ", 1)[1]) for line in exposition.splitlines()
                     if line.startswith("mooring_reconcile_duration_seconds_count{"))
    stop(service)

    # 2. Polling every second: mooring run, no webhook.
    poller = start([BIN, "run", "--config", config("1s")], os.path.join(work, "poller.log"))
    polled = []
    for n in range(PUSHES):
        time.sleep(random.uniform(0.2, 1.2))  # land anywhere in the poll cycle
        value = f"poll-{n}"
        change(value)
        committed = time.monotonic()
        wait_for(lambda: live_value() == value, 60, f"poll {n} applied")
        polled.append(time.monotonic() - committed)
    stop(poller)

    def p95(values):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]

    rows = [("webhook → applied", webhook), ("1 s polling → applied", polled)]
    print(f"mooring: {BIN}; {OBJECTS}-object environment, {PUSHES} pushes each, embedded local cluster")
    print(f"{'path':28} {'median':>9} {'p95':>9} {'max':>9}")
    for name, values in rows:
        print(f"{name:28} {statistics.median(values) * 1000:7.0f}ms {p95(values) * 1000:7.0f}ms {max(values) * 1000:7.0f}ms")
    print(f"polling / webhook (median): {statistics.median(polled) / statistics.median(webhook):.1f}x")
    print(f"API requests per reconcile (from /metrics): {requests / max(reconciles, 1):.0f}")
finally:
    for child in reversed(children):
        stop(child)
    subprocess.run(["rm", "-rf", work])
