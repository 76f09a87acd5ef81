#!/usr/bin/env python3
"""Writes metrics-stack/10-crd-collectors.yaml and 11-crd-alertrules.yaml: CRDs as large and as
nested as a monitoring operator's (a few hundred KiB of openAPIV3Schema with descriptions, list
maps, int-or-string quantities, patterns, defaults, a CEL rule and a scale subresource), too large
for client-side apply's last-applied annotation, so they need `kubectl apply --server-side`.
The content is generated (seeded), not copied from any project. Re-run: python3 make-large-crds.py
"""
import json
import os
import random

import yaml

random.seed(7)
HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = ("scrape interval target label relabel endpoint metric sample series retention shard replica query rule alert "
         "route receiver silence window threshold bucket histogram summary gauge counter exporter tenant namespace selector").split()


def sentence(n):
    return " ".join(random.choice(WORDS) for _ in range(n)).capitalize() + "."


def leaf(kind):
    node = {"description": sentence(24)}
    if kind == "string":
        node["type"] = "string"
    elif kind == "int":
        node.update({"type": "integer", "format": "int32", "minimum": 0})
    elif kind == "bool":
        node["type"] = "boolean"
    elif kind == "dur":
        node.update({"type": "string", "pattern": "^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"})
    else:
        node.update({"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True})
    return node


def struct(depth, width):
    props = {}
    for i in range(width):
        name = random.choice(WORDS) + random.choice(WORDS).capitalize() + str(i)
        if depth > 0 and i % 4 == 0:
            child = struct(depth - 1, max(3, width - 3))
            if i % 8 == 0:
                props[name] = {"type": "array", "description": sentence(30), "items": child}
                if i % 16 == 0:
                    key = next(iter(child["properties"]))
                    child.setdefault("required", [key])
                    props[name].update({"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": [key]})
            else:
                props[name] = child
        else:
            props[name] = leaf(random.choice(["string", "int", "bool", "dur", "quantity"]))
    return {"type": "object", "description": sentence(40), "properties": props}


def crd(plural, kind, depth, width):
    spec = struct(depth, width)
    spec["properties"]["replicas"] = {"type": "integer", "format": "int32", "minimum": 0, "default": 1, "description": sentence(20)}
    spec["properties"]["retention"] = {"type": "string", "default": "24h", "pattern": "^[0-9]+(ms|s|m|h|d|w|y)$",
                                       "description": sentence(20)}
    spec["x-kubernetes-validations"] = [{"rule": "self.replicas <= 10", "message": "at most 10 replicas"}]
    version = {"name": "v1", "served": True, "storage": True,
               "subresources": {"status": {}, "scale": {"specReplicasPath": ".spec.replicas",
                                                        "statusReplicasPath": ".status.replicas",
                                                        "labelSelectorPath": ".status.selector"}},
               "additionalPrinterColumns": [{"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"},
                                            {"name": "Ready", "type": "integer", "jsonPath": ".status.availableReplicas"},
                                            {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}],
               "schema": {"openAPIV3Schema": {"type": "object", "required": ["spec"], "description": sentence(40),
                                              "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                                                             "metadata": {"type": "object"}, "spec": spec,
                                                             "status": {"type": "object",
                                                                        "x-kubernetes-preserve-unknown-fields": True}}}}}
    return {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": f"{plural}.monitoring.example.com", "labels": {"app.kubernetes.io/name": "metrics-stack"},
                         "annotations": {"controller-gen.kubebuilder.io/version": "v0.16.4",
                                         "operator.monitoring.example.com/version": "0.78.1"}},
            "spec": {"group": "monitoring.example.com", "scope": "Namespaced",
                     "names": {"plural": plural, "singular": kind.lower(), "kind": kind, "listKind": kind + "List",
                               "categories": ["monitoring"]},
                     "versions": [version]}}


def main():
    for file, (plural, kind, depth, width) in {"10-crd-collectors.yaml": ("collectors", "Collector", 4, 17),
                                               "11-crd-alertrules.yaml": ("alertrules", "AlertRule", 2, 10)}.items():
        document = crd(plural, kind, depth, width)
        with open(os.path.join(HERE, "metrics-stack", file), "w") as f:
            f.write(yaml.safe_dump(document, sort_keys=False, width=200))
        print(file, len(json.dumps(document, separators=(",", ":"))), "bytes of JSON")


if __name__ == "__main__":
    main()
