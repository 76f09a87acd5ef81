import Testing
@testable import MergePatch
import Manifests

/// Parses JSON written in a test; a typo fails the test rather than crashing it.
func json(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSON {
    do { return try JSON(parsing: text) } catch {
        Issue.record("bad JSON in test: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// Kubernetes 1.32 definitions, trimmed to the fields the tests touch but with the real
/// extensions (from api/openapi-spec/swagger.json of kubernetes/kubernetes).
enum KubeTestSchema {
    static let definitionsText = #"""
    {
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
        "type": "object",
        "properties": {
          "name": {"type": "string"}, "namespace": {"type": "string"}, "uid": {"type": "string"},
          "resourceVersion": {"type": "string"}, "generation": {"type": "integer"},
          "creationTimestamp": {"type": "string"},
          "labels": {"type": "object", "additionalProperties": {"type": "string"}},
          "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
          "finalizers": {"type": "array", "items": {"type": "string"},
                         "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge"},
          "managedFields": {"type": "array", "items": {"type": "object"}}
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {
        "type": "object",
        "properties": {
          "matchLabels": {"type": "object", "additionalProperties": {"type": "string"}},
          "matchExpressions": {"type": "array", "items": {"type": "object"}, "x-kubernetes-list-type": "atomic"}
        },
        "x-kubernetes-map-type": "atomic"
      },
      "io.k8s.api.apps.v1.Deployment": {
        "type": "object",
        "properties": {
          "apiVersion": {"type": "string"}, "kind": {"type": "string"},
          "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
          "spec": {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentSpec"},
          "status": {"type": "object", "properties": {"replicas": {"type": "integer"}, "observedGeneration": {"type": "integer"}}}
        }
      },
      "io.k8s.api.apps.v1.DeploymentSpec": {
        "type": "object",
        "properties": {
          "replicas": {"type": "integer"},
          "selector": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"},
          "strategy": {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentStrategy",
                       "x-kubernetes-patch-strategy": "retainKeys"},
          "template": {"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"},
          "revisionHistoryLimit": {"type": "integer"}
        }
      },
      "io.k8s.api.apps.v1.DeploymentStrategy": {
        "type": "object",
        "properties": {
          "type": {"type": "string"},
          "rollingUpdate": {"type": "object", "properties": {"maxSurge": {"type": "string"}, "maxUnavailable": {"type": "string"}}}
        }
      },
      "io.k8s.api.core.v1.PodTemplateSpec": {
        "type": "object",
        "properties": {
          "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
          "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.PodSpec"}
        }
      },
      "io.k8s.api.core.v1.PodSpec": {
        "type": "object",
        "properties": {
          "containers": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.Container"},
                         "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map",
                         "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
          "volumes": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.Volume"},
                      "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map",
                      "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge,retainKeys"},
          "tolerations": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}, "effect": {"type": "string"}, "value": {"type": "string"}}},
                          "x-kubernetes-list-type": "atomic"},
          "nodeSelector": {"type": "object", "additionalProperties": {"type": "string"}, "x-kubernetes-map-type": "atomic"},
          "restartPolicy": {"type": "string"}
        }
      },
      "io.k8s.api.core.v1.Volume": {
        "type": "object",
        "properties": {
          "name": {"type": "string"},
          "emptyDir": {"type": "object", "properties": {"medium": {"type": "string"}}},
          "configMap": {"type": "object", "properties": {"name": {"type": "string"}}}
        }
      },
      "io.k8s.api.core.v1.Container": {
        "type": "object",
        "properties": {
          "name": {"type": "string"}, "image": {"type": "string"}, "imagePullPolicy": {"type": "string"},
          "args": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "atomic"},
          "ports": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.ContainerPort"},
                    "x-kubernetes-list-map-keys": ["containerPort", "protocol"], "x-kubernetes-list-type": "map",
                    "x-kubernetes-patch-merge-key": "containerPort", "x-kubernetes-patch-strategy": "merge"},
          "env": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "value": {"type": "string"}}},
                  "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map",
                  "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
          "resources": {"type": "object", "properties": {
              "limits": {"type": "object", "additionalProperties": {"type": "string"}},
              "requests": {"type": "object", "additionalProperties": {"type": "string"}}}}
        }
      },
      "io.k8s.api.core.v1.ContainerPort": {
        "type": "object",
        "properties": {"containerPort": {"type": "integer"}, "name": {"type": "string"},
                       "protocol": {"type": "string", "default": "TCP"}},
        "required": ["containerPort"]
      },
      "io.k8s.api.core.v1.Service": {
        "type": "object",
        "properties": {
          "apiVersion": {"type": "string"}, "kind": {"type": "string"},
          "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
          "spec": {"type": "object", "properties": {
            "type": {"type": "string"}, "clusterIP": {"type": "string"},
            "selector": {"type": "object", "additionalProperties": {"type": "string"}, "x-kubernetes-map-type": "atomic"},
            "ports": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.ServicePort"},
                      "x-kubernetes-list-map-keys": ["port", "protocol"], "x-kubernetes-list-type": "map",
                      "x-kubernetes-patch-merge-key": "port", "x-kubernetes-patch-strategy": "merge"}}}
        }
      },
      "io.k8s.api.core.v1.ServicePort": {
        "type": "object",
        "properties": {"name": {"type": "string"}, "port": {"type": "integer"}, "targetPort": {"type": "integer"},
                       "protocol": {"type": "string", "default": "TCP"}}
      },
      "io.k8s.api.core.v1.ConfigMap": {
        "type": "object",
        "properties": {
          "apiVersion": {"type": "string"}, "kind": {"type": "string"},
          "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
          "data": {"type": "object", "additionalProperties": {"type": "string"}}
        }
      }
    }
    """#

    static let definitions: [String: JSON] = {
        var out: [String: JSON] = [:]
        for (key, value) in (try! JSON(parsing: definitionsText)).objectValue! { out[key] = value }
        return out
    }()

    static let deployment = OpenAPISchemaNode(definitions: definitions, root: "io.k8s.api.apps.v1.Deployment")!
    static let service = OpenAPISchemaNode(definitions: definitions, root: "io.k8s.api.core.v1.Service")!
    static let configMap = OpenAPISchemaNode(definitions: definitions, root: "io.k8s.api.core.v1.ConfigMap")!
}
