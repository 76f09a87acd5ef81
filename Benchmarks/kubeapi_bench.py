#!/usr/bin/env python3
"""The Python `kubernetes` client doing what `mooring debug bench-client` does, against the
same server; prints one JSON line per result in the same shape."""
import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor

from kubernetes import client, config


def peak_rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def config_map(name, namespace, index):
    return {"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": name, "namespace": namespace, "labels": {"bench": "yes"}},
            "data": {"index": str(index), "payload": "x" * 200}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", choices=["gets", "list", "applies"])
    parser.add_argument("--kubeconfig", required=True)
    parser.add_argument("--namespace", default="bench")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()

    configuration = client.Configuration()
    config.load_kube_config(config_file=args.kubeconfig, client_configuration=configuration)
    configuration.connection_pool_maxsize = max(args.concurrency, 4)
    api = client.CoreV1Api(client.ApiClient(configuration))

    def get(index):
        api.read_namespaced_config_map(f"seed-{index % 100}", args.namespace)

    def apply(index):
        name = f"py-applied-{index}"
        api.patch_namespaced_config_map(name, args.namespace, config_map(name, args.namespace, index),
                                         field_manager="bench", force=True,
                                         _content_type="application/apply-patch+yaml")

    extra = {}
    started = time.perf_counter()
    if args.phase == "list":
        result = api.list_namespaced_config_map(args.namespace)
        extra["items"] = len(result.items)
    else:
        job = get if args.phase == "gets" else apply
        if args.concurrency == 1:
            for index in range(args.count):
                job(index)
        else:
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                list(pool.map(job, range(args.count)))
    seconds = time.perf_counter() - started
    line = {"client": "python-kubernetes", "phase": args.phase, "count": args.count,
            "concurrency": args.concurrency, "seconds": seconds, "perSecond": args.count / seconds,
            "peakRSSKiB": peak_rss_kib()}
    line.update(extra)
    print(json.dumps(line))


if __name__ == "__main__":
    main()
