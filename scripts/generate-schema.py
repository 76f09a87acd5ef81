#!/usr/bin/env python3
"""Generate Sources/Manifests/Resources/schema-1.32.json, the Kubernetes 1.32 schema Mooring embeds.

Re-run (not part of the build; commit the output):

    pip install kubernetes-validate
    python3 scripts/generate-schema.py            # writes Sources/Manifests/Resources/schema-1.32.json
    python3 scripts/generate-schema.py --check    # exits 1 if the committed file is out of date

Input: the Kubernetes 1.32 definitions that the PyPI package `kubernetes-validate` ships,
`kubernetes_validate/kubernetes-json-schema/v1.32.0-local/_definitions.json` (a JSON-Schema rendering
of the API server's OpenAPI, keeping every `x-kubernetes-*` extension). `--definitions FILE` reads
another copy.

Output, deterministic (sorted keys, one entry per line so diffs stay readable):
  - "kubernetesVersion": "1.32.0"
  - "resources": the hand-written table of served resources below (discovery facts that the
    definitions do not carry: plural, singular, scope, short names, categories, verbs, subresources).
  - "definitions": every definition reachable from the served kinds, their lists and the meta
    types, in OpenAPI v3 form as kube-apiserver serves it under `components.schemas`: component
    names as Kubernetes spells them (`io.k8s.api.apps.v1.Deployment`), `$ref` as
    `#/components/schemas/<name>`, descriptions dropped, `type` without the `null` the JSON-Schema
    rendering adds, and the `enum` that rendering pins on `apiVersion`/`kind` removed.
"""

import argparse
import json
import os
import sys

KUBERNETES_VERSION = "1.32.0"
REF_PREFIX_IN = "#/$defs/"
REF_PREFIX_OUT = "#/components/schemas/"

STANDARD_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
NO_COLLECTION_VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"]


def resource(group, version, kind, plural, namespaced, short_names=(), categories=(),
             subresources=(), verbs=STANDARD_VERBS):
    """One served resource, as discovery (`kubectl api-resources -o wide`) reports it on 1.32."""
    return {
        "group": group,
        "version": version,
        "kind": kind,
        "resource": plural,
        "singular": kind.lower(),
        "namespaced": namespaced,
        "shortNames": list(short_names),
        "categories": list(categories),
        "verbs": list(verbs),
        "subresources": list(subresources),
        "listKind": kind + "List",
    }


CREATE_ONLY = ["create"]


def virtual(group, version, kind, plural, namespaced):
    """A create-only kind that is answered, never stored (access reviews, token reviews)."""
    entry = resource(group, version, kind, plural, namespaced, verbs=CREATE_ONLY)
    entry["listKind"] = ""
    return entry


# Every resource kube-apiserver 1.32 serves by default (21 group-versions), in its discovery order:
# the core group, then the groups by the aggregator's priority (apiregistration 18000, apps 17800,
# events 17750, …, flowcontrol 16100), resources sorted by name inside a group-version.
# Facts (short names, categories, verbs, status/scale) from `kubectl api-resources -o wide` on 1.32.
API_EXTENSIONS = ["api-extensions"]
SERVED_RESOURCES = [
    virtual("", "v1", "Binding", "bindings", True),
    resource("", "v1", "ComponentStatus", "componentstatuses", False, ["cs"], verbs=["get", "list"]),
    resource("", "v1", "ConfigMap", "configmaps", True, ["cm"]),
    resource("", "v1", "Endpoints", "endpoints", True, ["ep"]),
    resource("", "v1", "Event", "events", True, ["ev"]),
    resource("", "v1", "LimitRange", "limitranges", True, ["limits"]),
    resource("", "v1", "Namespace", "namespaces", False, ["ns"], subresources=["status"], verbs=NO_COLLECTION_VERBS),
    resource("", "v1", "Node", "nodes", False, ["no"], subresources=["status"]),
    resource("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", True, ["pvc"], subresources=["status"]),
    resource("", "v1", "PersistentVolume", "persistentvolumes", False, ["pv"], subresources=["status"]),
    resource("", "v1", "Pod", "pods", True, ["po"], ["all"], ["status"]),
    resource("", "v1", "PodTemplate", "podtemplates", True),
    resource("", "v1", "ReplicationController", "replicationcontrollers", True, ["rc"], ["all"], ["status", "scale"]),
    resource("", "v1", "ResourceQuota", "resourcequotas", True, ["quota"], subresources=["status"]),
    resource("", "v1", "Secret", "secrets", True),
    resource("", "v1", "ServiceAccount", "serviceaccounts", True, ["sa"]),
    resource("", "v1", "Service", "services", True, ["svc"], ["all"], ["status"]),
    resource("apiregistration.k8s.io", "v1", "APIService", "apiservices", False, categories=API_EXTENSIONS, subresources=["status"]),
    resource("apps", "v1", "ControllerRevision", "controllerrevisions", True),
    resource("apps", "v1", "DaemonSet", "daemonsets", True, ["ds"], ["all"], ["status"]),
    resource("apps", "v1", "Deployment", "deployments", True, ["deploy"], ["all"], ["status", "scale"]),
    resource("apps", "v1", "ReplicaSet", "replicasets", True, ["rs"], ["all"], ["status", "scale"]),
    resource("apps", "v1", "StatefulSet", "statefulsets", True, ["sts"], ["all"], ["status", "scale"]),
    resource("events.k8s.io", "v1", "Event", "events", True, ["ev"]),
    virtual("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", False),
    virtual("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", False),
    virtual("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", True),
    virtual("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", False),
    virtual("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", False),
    virtual("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", False),
    resource("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", True, ["hpa"], ["all"], ["status"]),
    resource("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", True, ["hpa"], ["all"], ["status"]),
    resource("batch", "v1", "CronJob", "cronjobs", True, ["cj"], ["all"], ["status"]),
    resource("batch", "v1", "Job", "jobs", True, [], ["all"], ["status"]),
    resource("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", False, ["csr"],
             subresources=["status"]),
    resource("networking.k8s.io", "v1", "IngressClass", "ingressclasses", False),
    resource("networking.k8s.io", "v1", "Ingress", "ingresses", True, ["ing"], subresources=["status"]),
    resource("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", True, ["netpol"]),
    resource("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", True, ["pdb"], subresources=["status"]),
    resource("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", False),
    resource("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", False),
    resource("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", True),
    resource("rbac.authorization.k8s.io", "v1", "Role", "roles", True),
    resource("storage.k8s.io", "v1", "CSIDriver", "csidrivers", False),
    resource("storage.k8s.io", "v1", "CSINode", "csinodes", False),
    resource("storage.k8s.io", "v1", "CSIStorageCapacity", "csistoragecapacities", True),
    resource("storage.k8s.io", "v1", "StorageClass", "storageclasses", False, ["sc"]),
    resource("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", False, subresources=["status"]),
    resource("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", False,
             categories=API_EXTENSIONS),
    resource("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", False,
             categories=API_EXTENSIONS, subresources=["status"]),
    resource("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings",
             False, categories=API_EXTENSIONS),
    resource("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", False,
             categories=API_EXTENSIONS),
    resource("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", False,
             ["crd", "crds"], API_EXTENSIONS, ["status"]),
    resource("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", False, ["pc"]),
    resource("coordination.k8s.io", "v1", "Lease", "leases", True),
    resource("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", False),
    resource("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", True),
    resource("flowcontrol.apiserver.k8s.io", "v1", "FlowSchema", "flowschemas", False, subresources=["status"]),
    resource("flowcontrol.apiserver.k8s.io", "v1", "PriorityLevelConfiguration", "prioritylevelconfigurations", False,
             subresources=["status"]),
]

# Types every group-version document needs besides its kinds (errors, deletes, watches, scale,
# discovery), named as in the definitions.
EXTRA_ROOTS = [
    "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
    "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
    "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions",
    "io.k8s.api.autoscaling.v1.Scale",
    "io.k8s.api.authentication.v1.TokenRequest",
    "io.k8s.api.policy.v1.Eviction",
]

# The JSON-Schema rendering spells these two as `oneOf`; kube-apiserver's OpenAPI v3 spells them so
# (kube-openapi's OpenAPIV3OneOfTypes for intstr.IntOrString and resource.Quantity).
SPECIAL_DEFINITIONS = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {
        "format": "int-or-string", "oneOf": [{"type": "integer"}, {"type": "string"}],
    },
    "io.k8s.apimachinery.pkg.api.resource.Quantity": {
        "oneOf": [{"type": "string"}, {"type": "number"}],
    },
}

# `+default=` markers of the 1.32 Go types that the JSON-Schema rendering lost. They matter to
# server-side apply: a list keyed by containerPort+protocol accepts an element without protocol
# because the key has a default (structured-merge-diff). Source: staging/src/k8s.io/api/core/v1/types.go.
FIELD_DEFAULTS = {
    ("io.k8s.api.core.v1.ContainerPort", "protocol"): "TCP",
    ("io.k8s.api.core.v1.ServicePort", "protocol"): "TCP",
}

KEPT_KEYWORDS = {
    "type", "format", "required", "properties", "items", "additionalProperties", "$ref", "enum",
    "default", "oneOf", "anyOf", "allOf", "minimum", "maximum", "pattern", "nullable",
}


def default_definitions_path():
    import kubernetes_validate  # the PyPI package `kubernetes-validate`
    base = os.path.dirname(kubernetes_validate.__file__)
    return os.path.join(base, "kubernetes-json-schema", "v%s-local" % KUBERNETES_VERSION, "_definitions.json")


def convert(node, in_properties_of_kind=False):
    """One schema node in OpenAPI v3 form: descriptions gone, extensions kept."""
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "description":
            continue
        if key == "type" and isinstance(value, list):
            types = [t for t in value if t != "null"]
            out["type"] = types[0] if len(types) == 1 else types
        elif key == "$ref":
            assert value.startswith(REF_PREFIX_IN), value
            out["$ref"] = REF_PREFIX_OUT + value[len(REF_PREFIX_IN):]
        elif key == "properties":
            out["properties"] = {name: convert(child) for name, child in value.items()}
        elif key == "additionalProperties" and isinstance(value, bool):
            out[key] = value
        elif key in ("required", "enum", "default") or key.startswith("x-kubernetes-"):
            out[key] = value  # data, not schema: kept verbatim
        elif key in KEPT_KEYWORDS:
            out[key] = convert(value)
    return out


def convert_definition(name, definition):
    if name in SPECIAL_DEFINITIONS:
        return dict(SPECIAL_DEFINITIONS[name])
    out = convert(definition)
    for (owner, field), value in FIELD_DEFAULTS.items():
        if owner == name:
            out["properties"][field]["default"] = value
    if "x-kubernetes-group-version-kind" in definition:
        # The rendering pins apiVersion/kind with an enum; the API server's OpenAPI does not.
        for field in ("apiVersion", "kind"):
            prop = out.get("properties", {}).get(field)
            if prop is not None:
                prop.pop("enum", None)
    return out


def references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value[len(REF_PREFIX_OUT):]
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def build(definitions_path):
    with open(definitions_path) as f:
        source = json.load(f)["$defs"]

    by_gvk = {}
    for name, definition in source.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            by_gvk[(gvk["group"], gvk["version"], gvk["kind"])] = name

    roots = list(EXTRA_ROOTS)
    for r in SERVED_RESOURCES:
        for kind in (r["kind"], r["listKind"]):
            if not kind:
                continue
            key = (r["group"], r["version"], kind)
            if key not in by_gvk:
                sys.exit("no definition for %s/%s %s" % key)
            roots.append(by_gvk[key])

    kept = {}
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        if name not in source:
            sys.exit("definition %s is referenced but missing" % name)
        kept[name] = convert_definition(name, source[name])
        pending.extend(references(kept[name]))

    return {
        "kubernetesVersion": KUBERNETES_VERSION,
        "resources": SERVED_RESOURCES,
        "definitions": kept,
    }


def render(document):
    """Sorted, compact JSON with one resource and one definition per line."""
    def dump(value):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    lines = ["{", '"kubernetesVersion":%s,' % dump(document["kubernetesVersion"]), '"resources":[']
    resources = [dump(r) for r in document["resources"]]
    lines.append(",\n".join(resources))
    lines.append("],")
    lines.append('"definitions":{')
    definitions = ["%s:%s" % (dump(name), dump(document["definitions"][name])) for name in sorted(document["definitions"])]
    lines.append(",\n".join(definitions))
    lines.append("}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_output = os.path.join(here, "..", "Sources", "Manifests", "Resources", "schema-1.32.json")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--definitions", help="path to _definitions.json (default: from kubernetes-validate)")
    parser.add_argument("--output", default=default_output)
    parser.add_argument("--check", action="store_true", help="fail if the output file is out of date")
    args = parser.parse_args()

    text = render(build(args.definitions or default_definitions_path()))
    json.loads(text)  # the output must parse
    if args.check:
        with open(args.output) as f:
            if f.read() != text:
                sys.exit("%s is out of date: re-run scripts/generate-schema.py" % args.output)
        return
    with open(args.output, "w") as f:
        f.write(text)
    print("wrote %s (%d bytes)" % (os.path.normpath(args.output), len(text.encode())))


if __name__ == "__main__":
    main()
