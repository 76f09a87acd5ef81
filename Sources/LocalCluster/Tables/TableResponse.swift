import Manifests

/// Server-side printing: objects as a `meta.k8s.io/v1` Table, which `kubectl get` asks for with
/// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` and prints as it comes.
enum TableResponse {
    static func isRequested(accept: String) -> Bool {
        accept.split(separator: ",").contains { mediaType in
            let parameters = Set(mediaType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            return parameters.contains("as=Table") && parameters.contains("g=meta.k8s.io")
        }
    }

    static func table(_ objects: [JSON], resource: ClusterResource, listMetadata: JSONObject, includeObject: String?) -> JSON {
        let columns = KindColumns.columns(for: resource)
        let rows = objects.map { object -> JSON in
            var row: JSONObject = ["cells": .array(columns.map { $0.cell(object) })]
            switch includeObject {
            case "None": break
            case "Object": row["object"] = object
            default:
                row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                 "metadata": object["metadata"] ?? .object([:])]
            }
            return .object(row)
        }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": .object(listMetadata),
                "columnDefinitions": .array(columns.map(\.definition)), "rows": .array(rows)]
    }
}
