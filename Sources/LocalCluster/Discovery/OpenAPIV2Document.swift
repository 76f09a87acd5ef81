import Manifests

/// `/openapi/v2` as protobuf (`openapi.v2.Document` of google/gnostic), which kubectl before 1.29
/// reads to learn that the server validates fields itself. It carries each resource's PATCH
/// operation with its `x-kubernetes-group-version-kind` and query parameters, and no definitions:
/// kubectl then falls back to its compiled-in types for strategic-merge keys, as it does for
/// kinds a server's v2 document lacks. (`kubectl explain` of kubectl 1.28 needs the definitions.)
enum OpenAPIV2Document {
    /// As kube-openapi answers; client-go cannot parse the `@v1.0` media type it asks with.
    static let contentType = "application/octet-stream"

    static func protobuf(_ registry: ResourceRegistry) -> [UInt8] {
        var document = ProtobufWriter()
        document.string(1, "2.0")                                    // swagger
        document.message(2) { info in                                // info
            info.string(1, "Kubernetes")
            info.string(2, "v1.32.0")
        }
        document.message(8) { paths in                               // paths
            for resource in registry.resources {
                let root = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
                let scope = resource.namespaced ? "\(root)/namespaces/{namespace}/\(resource.resource)" : "\(root)/\(resource.resource)"
                paths.message(2) { named in                          // path: NamedPathItem
                    named.string(1, "\(scope)/{name}")
                    named.message(2) { item in                       // PathItem
                        item.message(8) { operation in               // patch: Operation
                            operation.string(5, "patch\(resource.kind)")
                            for parameter in ["dryRun", "fieldManager", "fieldValidation", "force"] {
                                operation.message(8) { items in      // parameters: ParametersItem
                                    items.message(1) { p in          // parameter
                                        p.message(2) { nonBody in    // non_body_parameter
                                            nonBody.message(3) { query in   // query_parameter_sub_schema
                                                query.string(2, "query")
                                                query.string(4, parameter)
                                                query.string(6, parameter == "force" ? "boolean" : "string")
                                                query.bool(20, true)
                                            }
                                        }
                                    }
                                }
                            }
                            operation.message(13) { extensionEntry in   // vendor_extension: NamedAny
                                extensionEntry.string(1, "x-kubernetes-action")
                                extensionEntry.message(2) { $0.string(2, "patch\n") }
                            }
                            operation.message(13) { extensionEntry in
                                extensionEntry.string(1, "x-kubernetes-group-version-kind")
                                extensionEntry.message(2) { any in
                                    any.string(2, "group: \"\(resource.group)\"\nkind: \(resource.kind)\nversion: \(resource.version)\n")
                                }
                            }
                        }
                    }
                }
            }
        }
        return document.bytes
    }
}
