"""Talking to a running `mooring run --listen` and its cluster, for the benchmark drivers:
Prometheus text from /metrics, sums over labelled series, polling for a condition, the signed
generic webhook, and plain requests to the cluster's API.
"""
import hashlib, hmac, json, re, sys, time, urllib.request


class Service:
    def __init__(self, metrics_url, kubeconfig, secret):
        self.metrics_url = metrics_url
        self.secret = secret
        self.server = re.search(r"server:\s*(\S+)", open(kubeconfig).read()).group(1)

    def metrics(self):
        text = urllib.request.urlopen(self.metrics_url, timeout=60).read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values

    def push(self, ref="refs/heads/main"):
        """Sends a signed generic push webhook: every environment following `ref` is reconciled."""
        body = json.dumps({"ref": ref}).encode()
        signature = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(self.metrics_url.replace("/metrics", "/hooks/generic"), data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Mooring-Signature": signature})
        urllib.request.urlopen(request, timeout=60).read()

    def api(self, method, path, body=None, content_type="application/merge-patch+json"):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.server + path, data=data, method=method, headers={"Content-Type": content_type})
        return json.loads(urllib.request.urlopen(request, timeout=60).read())


def total(values, prefix, **labels):
    """The sum of every series named `prefix…` carrying all of `labels`."""
    return sum(v for k, v in values.items() if k.startswith(prefix) and all(f'{a}="{b}"' in k for a, b in labels.items()))


def reconciles(values, env=None):
    """Reconciles ended so far: of `env`, or of every environment."""
    labels = {"environment": env} if env else {}
    return total(values, "mooring_reconcile_duration_seconds_count", **labels)


def requests_by_verb(before, after, verbs=("LIST", "GET", "WATCH", "PATCH", "CREATE", "UPDATE", "DELETE")):
    return {verb: total(after, "mooring_kube_requests_total", verb=verb) - total(before, "mooring_kube_requests_total", verb=verb)
            for verb in verbs}


def wait_for(condition, timeout, what, interval=0.05):
    end = time.time() + timeout
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    sys.exit(f"timed out waiting for {what}")
