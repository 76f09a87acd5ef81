import Manifests

/// A Deployment as a Kubernetes 1.32 API server returns it after mooring applied it with
/// server-side apply: defaults filled in, status written by the controller, managed fields of
/// mooring (Apply) and kube-controller-manager (status Update).
enum Fixtures {
    static let desiredDeployment = """
    {
      "apiVersion": "apps/v1",
      "kind": "Deployment",
      "metadata": {
        "name": "django",
        "namespace": "web",
        "labels": {"app": "django", "app.kubernetes.io/managed-by": "mooring", "mooring.dev/environment": "develop"},
        "annotations": {"mooring.dev/revision": "1111111111111111111111111111111111111111"}
      },
      "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "django"}},
        "template": {
          "metadata": {"labels": {"app": "django"}},
          "spec": {
            "containers": [
              {
                "name": "web",
                "image": "registry.local/django-admin:1.4.0",
                "ports": [{"containerPort": 8000, "name": "http"}],
                "env": [{"name": "DJANGO_DEBUG", "value": "0"}, {"name": "DJANGO_ALLOWED_HOSTS", "value": "*"}],
                "resources": {"requests": {"cpu": "0.5", "memory": "256Mi"}, "limits": {"cpu": 1, "memory": "1Gi"}}
              },
              {"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}
            ]
          }
        }
      }
    }
    """

    static let liveDeployment = """
    {
      "apiVersion": "apps/v1",
      "kind": "Deployment",
      "metadata": {
        "annotations": {
          "deployment.kubernetes.io/revision": "1",
          "mooring.dev/revision": "0000000000000000000000000000000000000000"
        },
        "creationTimestamp": "2026-11-26T08:00:00Z",
        "generation": 1,
        "labels": {"app": "django", "app.kubernetes.io/managed-by": "mooring", "mooring.dev/environment": "develop"},
        "managedFields": [
          {
            "apiVersion": "apps/v1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {
              "f:metadata": {
                "f:annotations": {"f:mooring.dev/revision": {}},
                "f:labels": {"f:app": {}, "f:app.kubernetes.io/managed-by": {}, "f:mooring.dev/environment": {}}
              },
              "f:spec": {
                "f:replicas": {},
                "f:selector": {},
                "f:template": {
                  "f:metadata": {"f:labels": {"f:app": {}}},
                  "f:spec": {
                    "f:containers": {
                      "k:{\\"name\\":\\"nginx\\"}": {
                        ".": {}, "f:image": {}, "f:name": {},
                        "f:ports": {"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}": {".": {}, "f:containerPort": {}}}
                      },
                      "k:{\\"name\\":\\"web\\"}": {
                        ".": {},
                        "f:env": {
                          "k:{\\"name\\":\\"DJANGO_ALLOWED_HOSTS\\"}": {".": {}, "f:name": {}, "f:value": {}},
                          "k:{\\"name\\":\\"DJANGO_DEBUG\\"}": {".": {}, "f:name": {}, "f:value": {}}
                        },
                        "f:image": {}, "f:name": {},
                        "f:ports": {"k:{\\"containerPort\\":8000,\\"protocol\\":\\"TCP\\"}": {".": {}, "f:containerPort": {}, "f:name": {}}},
                        "f:resources": {"f:limits": {"f:cpu": {}, "f:memory": {}}, "f:requests": {"f:cpu": {}, "f:memory": {}}}
                      }
                    }
                  }
                }
              }
            },
            "manager": "mooring",
            "operation": "Apply",
            "time": "2026-11-26T08:00:00Z"
          },
          {
            "apiVersion": "apps/v1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {
              "f:metadata": {"f:annotations": {".": {}, "f:deployment.kubernetes.io/revision": {}}},
              "f:status": {"f:availableReplicas": {}, "f:conditions": {}, "f:observedGeneration": {}, "f:readyReplicas": {}, "f:replicas": {}, "f:updatedReplicas": {}}
            },
            "manager": "kube-controller-manager",
            "operation": "Update",
            "subresource": "status",
            "time": "2026-11-26T08:00:20Z"
          }
        ],
        "name": "django",
        "namespace": "web",
        "resourceVersion": "4182",
        "uid": "6f0c3a8e-3b7e-4f9a-9c55-2d8f1f0b7a11"
      },
      "spec": {
        "progressDeadlineSeconds": 600,
        "replicas": 2,
        "revisionHistoryLimit": 10,
        "selector": {"matchLabels": {"app": "django"}},
        "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
        "template": {
          "metadata": {"creationTimestamp": null, "labels": {"app": "django"}},
          "spec": {
            "containers": [
              {
                "image": "nginx:1.27",
                "imagePullPolicy": "IfNotPresent",
                "name": "nginx",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File"
              },
              {
                "env": [{"name": "DJANGO_DEBUG", "value": "0"}, {"name": "DJANGO_ALLOWED_HOSTS", "value": "*"}],
                "image": "registry.local/django-admin:1.4.0",
                "imagePullPolicy": "IfNotPresent",
                "name": "web",
                "ports": [{"containerPort": 8000, "name": "http", "protocol": "TCP"}],
                "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "500m", "memory": "256Mi"}},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File"
              }
            ],
            "dnsPolicy": "ClusterFirst",
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "terminationGracePeriodSeconds": 30
          }
        }
      },
      "status": {
        "availableReplicas": 2,
        "conditions": [
          {"lastTransitionTime": "2026-11-26T08:00:20Z", "lastUpdateTime": "2026-11-26T08:00:20Z", "message": "Deployment has minimum availability.", "reason": "MinimumReplicasAvailable", "status": "True", "type": "Available"},
          {"lastTransitionTime": "2026-11-26T08:00:00Z", "lastUpdateTime": "2026-11-26T08:00:20Z", "message": "ReplicaSet \\"django-7d9c8b6f5\\" has successfully progressed.", "reason": "NewReplicaSetAvailable", "status": "True", "type": "Progressing"}
        ],
        "observedGeneration": 1,
        "readyReplicas": 2,
        "replicas": 2,
        "updatedReplicas": 2
      }
    }
    """

    static func json(_ text: String) -> JSON {
        do { return try JSON(parsing: text) } catch { fatalError("fixture does not parse: \(error)") }
    }
}
