import Testing
import Manifests
@testable import LocalCluster

/// Defaults as kube-apiserver 1.32 applies them. Each expectation names the Go function it comes
/// from: `pkg/apis/core/v1/defaults.go`, `pkg/apis/apps/v1/defaults.go`,
/// `pkg/apis/batch/v1/defaults.go`, `pkg/registry/core/service/storage/alloc.go` (IP families),
/// `pkg/registry/batch/job/strategy.go` (generated selector).
@Suite struct AdmissionDefaultingTests {
    func defaulted(_ text: String) throws -> JSON { Defaulting.applied(to: try JSON(parsing: text)) }

    @Test func deploymentLikeARealServerReturnsIt() throws {
        let object = try defaulted("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
          "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}],
            "readinessProbe":{"httpGet":{"port":80}},
            "env":[{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}],
           "volumes":[{"name":"conf","configMap":{"name":"web"}},{"name":"scratch"}]}}}}
        """)
        // The spec `kubectl get deploy web -o json` shows on a 1.32 cluster for this manifest.
        let expected = try JSON(parsing: """
        {"replicas":1,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
          "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],
            "readinessProbe":{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
            "env":[{"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],
            "resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
           "volumes":[{"name":"conf","configMap":{"name":"web","defaultMode":420}},{"name":"scratch","emptyDir":{}}],
           "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},
         "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
         "revisionHistoryLimit":10,"progressDeadlineSeconds":600}
        """)
        #expect(object["spec"] == expected)
    }

    @Test func secretStringDataIsFoldedIntoDataAndNotStored() throws {
        // Convert_v1_Secret_To_core_Secret (pkg/apis/core/v1/conversion.go): stringData entries are
        // base64-encoded into data, overwriting a key both set; stringData itself is never stored.
        let object = try defaulted("""
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
         "data":{"kept":"a2VwdA==","both":"b2xk"},"stringData":{"both":"new","password":"s3cret"}}
        """)
        #expect(object["stringData"] == nil)
        #expect(object["data"] == ["kept": "a2VwdA==", "both": "bmV3", "password": "czNjcmV0"])
    }

    @Test func secretStringDataReadsBackAsDataThroughKubectl() async throws {
        try await withCluster { cluster in
            let manifest = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: app-credentials
              namespace: default
            stringData:
              password: s3cret
            """
            let applied = try await cluster.kubectl(["apply", "--server-side", "-f", "-"], input: manifest)
            #expect(applied.status == 0, "\(applied.stderr)")
            let read = try await cluster.kubectl("get", "secret", "app-credentials", "-o", "jsonpath={.data.password}|{.stringData}")
            #expect(read.stdout == "czNjcmV0|")
        }
    }

    @Test func imagePullPolicyFollowsTheTag() throws {
        // SetDefaults_Container with parsers.ParseImageName: no tag means `latest`.
        let cases: [(String, String)] = [
            ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.27", "IfNotPresent"),
            ("registry.local:5000/team/app", "Always"), ("registry.local:5000/team/app:v2", "IfNotPresent"),
            ("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"),
        ]
        for (image, policy) in cases {
            let pod = try defaulted(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"\#(image)"}]}}"#)
            #expect(pod[path: ["spec", "containers"]]?[0]?["imagePullPolicy"]?.stringValue == policy, "\(image)")
        }
        let explicit = try defaulted(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx","imagePullPolicy":"Never"}]}}"#)
        #expect(explicit[path: ["spec", "containers"]]?[0]?["imagePullPolicy"] == "Never")
    }

    @Test func podOnlyDefaults() throws {
        // SetDefaults_Pod: requests copied from limits, enableServiceLinks true (not in templates).
        let pod = try defaulted(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x:1","resources":{"limits":{"cpu":"1"},"requests":{"memory":"1Gi"}}}]}}"#)
        #expect(pod[path: ["spec", "containers"]]?[0]?["resources"] == ["limits": ["cpu": "1"], "requests": ["memory": "1Gi", "cpu": "1"]])
        #expect(pod[path: ["spec", "enableServiceLinks"]] == true)
        let deployment = try defaulted(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x:1"}]}}}}"#)
        #expect(deployment[path: ["spec", "template", "spec", "enableServiceLinks"]] == nil)
    }

    @Test func quantitiesAreStoredCanonically() throws {
        // The server decodes into resource.Quantity and encodes it back (quantity.go CanonicalizeBytes);
        // resource lists are rounded up to millis first (SetDefaults_ResourceList); a pod copies
        // limits into missing requests (SetDefaults_Pod).
        let pod = try defaulted(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x:1","resources":{"requests":{"cpu":0.5,"memory":"1024Mi"},"limits":{"cpu":"1000m","memory":"0.1Gi","ephemeral-storage":"0.0001"}}}],"volumes":[{"name":"v","emptyDir":{"sizeLimit":"1000M"}}]}}"#)
        let resources = pod[path: ["spec", "containers"]]?[0]?["resources"]
        #expect(resources == ["requests": ["cpu": "500m", "memory": "1Gi", "ephemeral-storage": "1m"], "limits": ["cpu": "1", "memory": "107374182400m", "ephemeral-storage": "1m"]])
        #expect(pod[path: ["spec", "volumes"]]?[0]?[path: ["emptyDir", "sizeLimit"]] == "1G")
        let quota = try defaulted(#"{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"pods":10,"requests.memory":"2048Mi"}}}"#)
        #expect(quota[path: ["spec", "hard"]] == ["pods": "10", "requests.memory": "2Gi"])
    }

    @Test func serviceDefaults() throws {
        let service = try defaulted(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80},{"name":"m","port":9090,"targetPort":"metrics","protocol":"UDP"}]}}"#)
        #expect(service["spec"] == (try JSON(parsing: """
        {"selector":{"app":"web"},"ports":[{"port":80,"protocol":"TCP","targetPort":80},{"name":"m","port":9090,"targetPort":"metrics","protocol":"UDP"}],
         "sessionAffinity":"None","type":"ClusterIP","internalTrafficPolicy":"Cluster","ipFamilyPolicy":"SingleStack","ipFamilies":["IPv4"]}
        """)))
        let balancer = try defaulted(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","selector":{"a":"b"},"ports":[{"port":443,"targetPort":8443}]}}"#)
        #expect(balancer[path: ["spec", "externalTrafficPolicy"]] == "Cluster")
        #expect(balancer[path: ["spec", "allocateLoadBalancerNodePorts"]] == true)
        #expect(balancer[path: ["spec", "internalTrafficPolicy"]] == "Cluster")
        let external = try defaulted(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"x"},"spec":{"type":"ExternalName","externalName":"example.com"}}"#)
        #expect(external[path: ["spec", "ipFamilies"]] == nil)
        #expect(external[path: ["spec", "internalTrafficPolicy"]] == nil)
        let headless = try defaulted(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"h"},"spec":{"clusterIP":"None","ports":[{"port":5432}]}}"#)
        #expect(headless[path: ["spec", "clusterIPs"]] == ["None"])
        #expect(headless[path: ["spec", "ipFamilyPolicy"]] == "RequireDualStack")
        let affinity = try defaulted(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"},"spec":{"sessionAffinity":"ClientIP","ports":[{"port":1}]}}"#)
        #expect(affinity[path: ["spec", "sessionAffinityConfig", "clientIP", "timeoutSeconds"]] == 10800)
    }

    @Test func otherWorkloads() throws {
        let statefulSet = try defaulted(#"{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},"spec":{"serviceName":"db","template":{"spec":{"containers":[{"name":"c","image":"pg:16"}]}},"volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"]}}]}}"#)
        #expect(statefulSet[path: ["spec", "podManagementPolicy"]] == "OrderedReady")
        #expect(statefulSet[path: ["spec", "updateStrategy"]] == ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]])
        #expect(statefulSet[path: ["spec", "persistentVolumeClaimRetentionPolicy"]] == ["whenDeleted": "Retain", "whenScaled": "Retain"])
        #expect(statefulSet[path: ["spec", "replicas"]] == 1)
        #expect(statefulSet[path: ["spec", "revisionHistoryLimit"]] == 10)
        #expect(statefulSet[path: ["spec", "volumeClaimTemplates"]]?[0] == (try JSON(parsing: #"{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","creationTimestamp":null},"spec":{"accessModes":["ReadWriteOnce"],"volumeMode":"Filesystem"},"status":{"phase":"Pending"}}"#)))

        let daemonSet = try defaulted(#"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x:1"}]}}}}"#)
        #expect(daemonSet[path: ["spec", "updateStrategy"]] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])

        let job = try defaulted(#"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"template":{"metadata":{"labels":{"app":"j"}},"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x:1"}]}}}}"#)
        #expect(job[path: ["metadata", "labels"]] == ["app": "j"])
        for (field, value) in [("completions", JSON.int(1)), ("parallelism", 1), ("backoffLimit", 6), ("completionMode", "NonIndexed"),
                               ("suspend", false), ("podReplacementPolicy", "TerminatingOrFailed")] {
            #expect(job[path: ["spec", field]] == value, "\(field)")
        }
        #expect(job[path: ["spec", "template", "spec", "restartPolicy"]] == "Never")

        let cronJob = try defaulted(#"{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c"},"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"x"}]}}}}}}"#)
        #expect(cronJob[path: ["spec", "concurrencyPolicy"]] == "Allow")
        #expect(cronJob[path: ["spec", "successfulJobsHistoryLimit"]] == 3)
        #expect(cronJob[path: ["spec", "failedJobsHistoryLimit"]] == 1)
        #expect(cronJob[path: ["spec", "jobTemplate", "spec", "backoffLimit"]] == nil)
        #expect(cronJob[path: ["spec", "jobTemplate", "spec", "template", "spec", "containers"]]?[0]?["imagePullPolicy"] == "Always")
    }

    @Test func coreAndClusterKinds() throws {
        #expect(try defaulted(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}"#)["type"] == "Opaque")
        let claim = try defaulted(#"{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{"resources":{"requests":{"storage":"1Gi"}}}}"#)
        #expect(claim[path: ["spec", "volumeMode"]] == "Filesystem")
        let namespace = try defaulted(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"#)
        #expect(namespace[path: ["metadata", "labels"]] == ["kubernetes.io/metadata.name": "team"])
        #expect(namespace[path: ["status", "phase"]] == "Active")
        let binding = try defaulted(#"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"b"},"roleRef":{"kind":"Role","name":"r"},"subjects":[{"kind":"ServiceAccount","name":"sa"},{"kind":"User","name":"u"}]}"#)
        #expect(binding[path: ["roleRef", "apiGroup"]] == "rbac.authorization.k8s.io")
        #expect(binding["subjects"]?[0]?["apiGroup"] == "")
        #expect(binding["subjects"]?[1]?["apiGroup"] == "rbac.authorization.k8s.io")
        let policy = try defaulted(#"{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"n"},"spec":{"podSelector":{},"egress":[{"ports":[{"port":53}]}]}}"#)
        #expect(policy[path: ["spec", "policyTypes"]] == ["Ingress", "Egress"])
        #expect(policy[path: ["spec", "egress"]]?[0]?["ports"]?[0]?["protocol"] == "TCP")
        let hpa = try defaulted(#"{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"h"},"spec":{"maxReplicas":5,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}}}"#)
        #expect(hpa[path: ["spec", "minReplicas"]] == 1)
        #expect(hpa[path: ["spec", "metrics"]]?[0]?[path: ["resource", "target", "averageUtilization"]] == 80)
        let storage = try defaulted(#"{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"s"},"provisioner":"x"}"#)
        #expect(storage["reclaimPolicy"] == "Delete")
        #expect(storage["volumeBindingMode"] == "Immediate")
        let crd = try defaulted(#"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"ws.e.com"},"spec":{"group":"e.com","names":{"kind":"W","plural":"ws"},"scope":"Namespaced","versions":[]}}"#)
        #expect(crd[path: ["spec", "names", "singular"]] == "w")
        #expect(crd[path: ["spec", "names", "listKind"]] == "WList")
        #expect(crd[path: ["spec", "conversion", "strategy"]] == "None")
    }

    @Test func limitRangesAndEndpointSlices() throws {
        // SetDefaults_LimitRangeItem (core/v1) and SetDefaults_EndpointPort (discovery/v1).
        let limits = try defaulted(#"{"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"l"},"spec":{"limits":[{"type":"Container","max":{"cpu":"2","memory":"1Gi"},"min":{"cpu":"100m","ephemeral-storage":"1Gi"},"default":{"memory":"512Mi"}},{"type":"Pod","max":{"cpu":"4"}}]}}"#)
        #expect(limits[path: ["spec", "limits"]]?[0]?["default"] == ["memory": "512Mi", "cpu": "2"])
        #expect(limits[path: ["spec", "limits"]]?[0]?["defaultRequest"] == ["memory": "512Mi", "cpu": "2", "ephemeral-storage": "1Gi"])
        #expect(limits[path: ["spec", "limits"]]?[1]?["default"] == nil)
        let slice = try defaulted(#"{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"s"},"addressType":"IPv4","endpoints":[],"ports":[{"port":80}]}"#)
        #expect(slice["ports"] == [["port": 80, "name": "", "protocol": "TCP"]])
    }

    @Test func createOnlyPreparation() throws {
        var namespace = try JSON(parsing: #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"#)
        Defaulting.prepareForCreate(&namespace, uid: "u-1")
        #expect(namespace[path: ["spec", "finalizers"]] == ["kubernetes"])
        var job = try JSON(parsing: #"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"template":{"spec":{"containers":[]}}}}"#)
        Defaulting.prepareForCreate(&job, uid: "u-2")
        #expect(job[path: ["spec", "selector"]] == ["matchLabels": ["batch.kubernetes.io/controller-uid": "u-2"]])
        #expect(job[path: ["spec", "template", "metadata", "labels"]] == ["job-name": "j", "batch.kubernetes.io/job-name": "j", "controller-uid": "u-2", "batch.kubernetes.io/controller-uid": "u-2"])
    }

    @Test func podsGetWhatTheAdmissionPluginsAdd() throws {
        var pod = try defaulted(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"x:1","ports":[{"containerPort":8080}]}],"tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":60}]}}"#)
        Defaulting.prepareForCreate(&pod, uid: "9d2c1f4e")
        let spec = try #require(pod["spec"])
        #expect(spec["serviceAccountName"] == "default")
        #expect(spec["serviceAccount"] == "default")
        #expect(spec["priority"] == 0)
        #expect(spec["preemptionPolicy"] == "PreemptLowerPriority")
        #expect(spec["tolerations"] == [
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 60],
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
        ])
        let volume = try #require(spec["volumes"]?[0])
        let name = try #require(volume["name"]?.stringValue)
        #expect(name.hasPrefix("kube-api-access-") && name.count == "kube-api-access-".count + 5)
        #expect(name == "kube-api-access-" + PodAdmissionPlugins.volumeSuffix(from: "9d2c1f4e"))
        #expect(volume[path: ["projected", "sources"]]?[0]?[path: ["serviceAccountToken", "expirationSeconds"]] == 3607)
        #expect(spec["containers"]?[0]?["volumeMounts"] == [["name": .string(name), "readOnly": true, "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"]])
        // SetDefaults_Pod with host networking: host ports follow container ports.
        #expect(spec["containers"]?[0]?["ports"]?[0]?["hostPort"] == 8080)

        var opted = try defaulted(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"q"},"spec":{"automountServiceAccountToken":false,"serviceAccount":"builder","priorityClassName":"high","containers":[{"name":"c","image":"x:1"}]}}"#)
        Defaulting.prepareForCreate(&opted, uid: "u")
        #expect(opted[path: ["spec", "serviceAccountName"]] == "builder")
        #expect(opted[path: ["spec", "volumes"]] == nil)
        #expect(opted[path: ["spec", "priority"]] == nil)
    }

    @Test func deprecatedServiceAccountMirrorsTheName() throws {
        // Convert_core_PodSpec_To_v1_PodSpec: serviceAccount is an alias written from serviceAccountName.
        let deployment = try defaulted(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"serviceAccountName":"web","containers":[{"name":"c","image":"x:1"}]}}}}"#)
        #expect(deployment[path: ["spec", "template", "spec", "serviceAccount"]] == "web")
    }

    @Test func defaultingIsIdempotent() throws {
        let manifest = try JSON(parsing: #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"strategy":{"type":"Recreate"},"template":{"spec":{"containers":[{"name":"c","image":"x"}]}}}}"#)
        let once = Defaulting.applied(to: manifest)
        #expect(Defaulting.applied(to: once) == once)
        #expect(once[path: ["spec", "strategy"]] == ["type": "Recreate"])
    }
}
