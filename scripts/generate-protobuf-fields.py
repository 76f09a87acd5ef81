#!/usr/bin/env python3
"""Generate Sources/LocalCluster/Protobuf/protobuf-fields-1.32.json: the field numbers of the
Kubernetes 1.32 protobuf messages, so the local cluster can read any built-in object kubectl sends
as `application/vnd.kubernetes.protobuf`.

Re-run (not part of the build; commit the output):

    python3 scripts/generate-protobuf-fields.py            # writes the resource
    python3 scripts/generate-protobuf-fields.py --check    # exits 1 if the committed file is out of date

Input: a kubectl 1.32 binary (default /usr/lib/google-cloud-sdk/bin/kubectl.1.32). Its Go packages
k8s.io/api/... and k8s.io/apimachinery/... register their `generated.proto` as gzipped
FileDescriptorProtos (gogo-protobuf's `fileDescriptor_…` variables); this script finds them in the
binary, decodes them (no protobuf library needed) and keeps the messages of the group-versions a
1.32 API server serves.

Output, deterministic (sorted keys, one message per line):
  "messages": { "<OpenAPI definition name>": [[number, "jsonName", "type", "flags"], ...] }
where type is a scalar (`string`, `bytes`, `bool`, `int32`, `int64`, `double`, ...), a message
(by its OpenAPI definition name, `io.k8s.api.core.v1.PodSpec`), or `map<K,V>`; flags has `r` for
repeated fields and `v` for values that are never nil in Go (gogoproto.nullable=false: always on
the wire, even when zero) and `i` for embedded structs whose fields belong to the enclosing JSON
object (`json:",inline"`).
"""

import argparse
import json
import os
import re
import sys
import zlib

DEFAULT_BINARY = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32"
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Manifests", "Resources", "schema-1.32.json")

# The proto packages of the group-versions kube-apiserver 1.32 serves, plus apimachinery's.
PACKAGES = [
    "k8s.io/api/core/v1", "k8s.io/api/apps/v1", "k8s.io/api/batch/v1", "k8s.io/api/autoscaling/v1",
    "k8s.io/api/autoscaling/v2", "k8s.io/api/networking/v1", "k8s.io/api/policy/v1", "k8s.io/api/rbac/v1",
    "k8s.io/api/storage/v1", "k8s.io/api/coordination/v1", "k8s.io/api/discovery/v1", "k8s.io/api/events/v1",
    "k8s.io/api/scheduling/v1", "k8s.io/api/node/v1", "k8s.io/api/admissionregistration/v1",
    "k8s.io/api/authentication/v1", "k8s.io/api/authorization/v1", "k8s.io/api/certificates/v1",
    "k8s.io/api/flowcontrol/v1",
    "k8s.io/apimachinery/pkg/apis/meta/v1", "k8s.io/apimachinery/pkg/runtime",
    "k8s.io/apimachinery/pkg/runtime/schema", "k8s.io/apimachinery/pkg/util/intstr",
    "k8s.io/apimachinery/pkg/api/resource",
]

SCALARS = {1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32", 8: "bool",
           9: "string", 12: "bytes", 13: "uint32", 15: "sfixed32", 16: "sfixed64", 17: "sint32", 18: "sint64"}
GOGO_NULLABLE = 65001


def varint(data, index):
    result, shift = 0, 0
    while True:
        byte = data[index]
        index += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, index
        shift += 7


def fields(data):
    """(number, value) pairs of one protobuf message; value is an int or bytes."""
    out, index = [], 0
    while index < len(data):
        key, index = varint(data, index)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, index = varint(data, index)
        elif wire == 2:
            length, index = varint(data, index)
            value, index = data[index:index + length], index + length
        elif wire == 1:
            value, index = data[index:index + 8], index + 8
        elif wire == 5:
            value, index = data[index:index + 4], index + 4
        else:
            raise ValueError("wire type %d" % wire)
        out.append((number, value))
    return out


def descriptors(binary):
    """FileDescriptorProtos by file name, found as gzip streams in the binary."""
    data = open(binary, "rb").read()
    found = {}
    for match in re.finditer(re.escape(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"), data):
        try:
            # One gzip member; whatever follows it in the binary is left unread.
            raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[match.start():match.start() + 4_000_000])
        except zlib.error:
            continue
        if raw[:1] != b"\x0a":
            continue
        name_length, start = varint(raw, 1)
        name = raw[start:start + name_length].decode()
        if name.endswith("generated.proto"):
            found[name] = raw
    return found


def definition_name(proto_name):
    """`.k8s.io.api.core.v1.PodSpec` → `io.k8s.api.core.v1.PodSpec` (the OpenAPI spelling)."""
    name = proto_name.lstrip(".")
    assert name.startswith("k8s.io."), name
    return "io.k8s." + name[len("k8s.io."):]


def read_messages(package, descriptor):
    """message full name → (is map entry, [field dicts])."""
    messages = {}

    def visit(prefix, body):
        parts = fields(body)
        name = next(v for n, v in parts if n == 1).decode()
        full = prefix + "." + name
        is_map = any(n == 7 and 7 in dict((a, b) for a, b in fields(v)) and dict(fields(v))[7] == 1 for n, v in parts)
        field_list = []
        for number, value in parts:
            if number == 2:
                field = dict()
                options = b""
                for a, b in fields(value):
                    if a == 1: field["name"] = b.decode()
                    elif a == 3: field["number"] = b
                    elif a == 4: field["label"] = b
                    elif a == 5: field["type"] = b
                    elif a == 6: field["type_name"] = b.decode()
                    elif a == 10: field["json_name"] = b.decode()
                    elif a == 8: options = b
                field["nullable"] = dict(fields(options)).get(GOGO_NULLABLE, 1) if options else 1
                field_list.append(field)
            elif number == 3:
                visit(full, value)
        messages[full] = (is_map, field_list)

    package_name = next(v for n, v in fields(descriptor) if n == 2).decode()
    for number, value in fields(descriptor):
        if number == 4:
            visit("." + package_name, value)
    return messages


def json_names(definitions, definition, rows):
    """Proto field names are the JSON names except where Go-to-protobuf kept the Go name
    (`Webhooks` of the webhook configurations): take the schema's spelling."""
    properties = definitions.get(definition, {}).get("properties")
    if properties is None:
        return
    by_lower = {name.lower(): name for name in properties}
    for row in rows:
        if row[1] not in properties and row[1].lower() in by_lower:
            row[1] = by_lower[row[1].lower()]


def mark_inlined(definitions, table):
    """Go structs embedded with `json:",inline"` (`VolumeSource` in `Volume`, `ProbeHandler` in
    `Probe`) are one proto field but their fields sit in the parent's JSON object: flag `i`."""
    def flattened(message, properties):
        """The JSON names a message contributes when inlined (nested inlines included)."""
        names = set()
        for field in table[message]:
            if field[1] in properties:
                names.add(field[1])
            elif field[2] in table:
                names |= flattened(field[2], properties)
            else:
                names.add(field[1])
        return names

    for name, rows in table.items():
        properties = definitions.get(name, {}).get("properties")
        if properties is None:
            continue
        for row in rows:
            if row[1] in properties or row[2] not in table:
                continue
            inner = flattened(row[2], properties)
            if inner and inner <= set(properties):
                row[3] += "i"
            else:
                sys.exit("%s.%s is neither a property nor an inlined struct" % (name, row[1]))


def build(binary, schema_path):
    definitions = json.load(open(schema_path))["definitions"]
    found = descriptors(binary)
    messages = {}
    for package in PACKAGES:
        name = package + "/generated.proto"
        if name not in found:
            sys.exit("%s has no descriptor for %s" % (binary, name))
        messages.update(read_messages(package, found[name]))

    def type_of(field):
        if field["type"] == 11:
            target = field["type_name"]
            if target in messages and messages[target][0]:
                entry = {f["number"]: f for f in messages[target][1]}
                return "map<%s,%s>" % (type_of(entry[1]), type_of(entry[2]))
            return definition_name(target)
        return SCALARS[field["type"]]

    table = {}
    for full, (is_map, field_list) in messages.items():
        if is_map:
            continue
        rows = []
        for field in sorted(field_list, key=lambda f: f["number"]):
            kind = type_of(field)
            flags = ""
            if field["label"] == 3 and not kind.startswith("map<"):
                flags += "r"
            if field["nullable"] == 0:
                flags += "v"
            rows.append([field["number"], field["name"], kind, flags])
        json_names(definitions, definition_name(full), rows)
        table[definition_name(full)] = rows
    mark_inlined(definitions, table)
    return table


def render(table):
    def dump(value):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    lines = ["{", '"source":"kubectl 1.32 generated.proto descriptors",', '"messages":{']
    lines.append(",\n".join("%s:%s" % (dump(name), dump(table[name])) for name in sorted(table)))
    lines.append("}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_output = os.path.join(here, "..", "Sources", "LocalCluster", "Protobuf", "protobuf-fields-1.32.json")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kubectl", default=DEFAULT_BINARY)
    parser.add_argument("--schema", default=SCHEMA, help="the schema whose property names the fields take")
    parser.add_argument("--output", default=default_output)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render(build(args.kubectl, args.schema))
    json.loads(text)
    if args.check:
        with open(args.output) as f:
            if f.read() != text:
                sys.exit("%s is out of date: re-run scripts/generate-protobuf-fields.py" % args.output)
        return
    with open(args.output, "w") as f:
        f.write(text)
    print("wrote %s (%d bytes)" % (os.path.normpath(args.output), len(text.encode())))


if __name__ == "__main__":
    main()
