import Testing
import Manifests
@testable import LocalCluster

/// Validation as kube-apiserver 1.32 answers it. Messages are built by the rules of
/// `k8s.io/apimachinery/pkg/util/validation/validation.go` (name and key rules),
/// `pkg/apis/core/validation/validation.go`, `pkg/apis/apps/validation/validation.go`,
/// `pkg/apis/batch/validation/validation.go` and `pkg/apis/networking/validation/validation.go`;
/// the full texts below are the ones `kubectl` prints after "The <Kind> "<name>" is invalid: ".
@Suite struct AdmissionValidationTests {
    func object(_ text: String) throws -> JSON { Defaulting.applied(to: try JSON(parsing: text)) }
    func messages(_ causes: [FieldCause]) -> [String] { causes.map(\.description) }

    static let deployment = """
    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
     "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}],
        "volumeMounts":[{"name":"conf","mountPath":"/etc/nginx/conf.d"}]}],
       "volumes":[{"name":"conf","configMap":{"name":"web"}}]}}}}
    """

    @Test func validObjectsPass() throws {
        #expect(Validation.validateCreate(try object(Self.deployment)).isEmpty)
        let others = [
            #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"},{"name":"metrics","port":9090}]}}"#,
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web","namespace":"default"},"data":{"nginx.conf":"x","KEY_1":"y"}}"#,
            #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}"#,
            #"{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"backup","namespace":"default"},"spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"b","image":"busybox"}]}}}}}}"#,
            #"{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"default"},"spec":{"rules":[{"host":"web.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}"#,
            #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"system:reader"},"rules":[]}"#,
        ]
        for text in others { #expect(messages(Validation.validateCreate(try object(text))) == [], "\(text)") }
    }

    @Test func namesFollowTheirKindsRule() throws {
        let configMap = try object(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Foo","namespace":"default"}}"#)
        #expect(messages(Validation.validateCreate(configMap)) == [
            #"metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
        ])
        let service = try object(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"1web","namespace":"default"},"spec":{"ports":[{"port":80}]}}"#)
        #expect(messages(Validation.validateCreate(service)) == [
            #"metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#,
        ])
        let namespace = try object(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team_a"}}"#)
        #expect(messages(Validation.validateCreate(namespace)).first
            == #"metadata.name: Invalid value: "team_a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#)
        let unnamed = try object(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"namespace":"default"}}"#)
        #expect(messages(Validation.validateCreate(unnamed)) == ["metadata.name: Required value: name or generateName is required"])
        let role = try object(#"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"a/b","namespace":"default"}}"#)
        #expect(messages(Validation.validateCreate(role)) == ["metadata.name: Invalid value: \"a/b\": may not contain '/'"])
        let long = String(repeating: "a", count: 64)
        let longNamespace = try object(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(long)"}}"#)
        #expect(messages(Validation.validateCreate(longNamespace)).contains("metadata.name: Invalid value: \"\(long)\": must be no more than 63 characters"))
    }

    @Test func labelsAndDataKeys() throws {
        let configMap = try object(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default","labels":{"app":"bad value!","-x":"ok"}},"data":{"bad key":"1","..x":"2"}}"#)
        #expect(messages(Validation.validateCreate(configMap)) == [
            #"metadata.labels: Invalid value: "-x": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            #"metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#,
            #"data[..x]: Invalid value: "..x": must not start with '..'"#,
            #"data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"#,
        ])
        let tls = try object(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t","namespace":"default"},"type":"kubernetes.io/tls","stringData":{"tls.crt":"x"}}"#)
        #expect(messages(Validation.validateCreate(tls)) == ["data[tls.key]: Required value"])
    }

    @Test func deploymentSelectorMustMatchTheTemplate() throws {
        var deployment = try JSON(parsing: Self.deployment)
        deployment[path: ["spec", "selector"]] = nil
        let causes = Validation.validateCreate(Defaulting.applied(to: deployment))
        #expect(RejectionStatus.invalidMessage(kind: GroupKind(group: "apps", kind: "Deployment"), name: "web", causes: causes)
            == #"Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]"#)

        deployment[path: ["spec", "selector"]] = ["matchLabels": ["app": "other"]]
        #expect(messages(Validation.validateCreate(Defaulting.applied(to: deployment)))
            == [#"spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`"#])

        deployment[path: ["spec", "selector"]] = .object(JSONObject())
        #expect(messages(Validation.validateCreate(Defaulting.applied(to: deployment)))
            == ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"])
    }

    @Test func podTemplateRequirements() throws {
        let deployment = try object("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"replicas":-1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
          "spec":{"restartPolicy":"Never","containers":[{"name":"Web","ports":[{"containerPort":70000,"protocol":"tcp"}],"imagePullPolicy":"Sometimes",
            "volumeMounts":[{"name":"missing","mountPath":"/x"}]},{"name":"Web","image":"x"}]}}}}
        """)
        #expect(messages(Validation.validateCreate(deployment)) == [
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            #"spec.template.spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            "spec.template.spec.containers[0].image: Required value",
            "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            #"spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP""#,
            #"spec.template.spec.containers[0].volumeMounts[0].name: Not found: "missing""#,
            #"spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never""#,
            #"spec.template.spec.containers[1].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            #"spec.template.spec.containers[1].name: Duplicate value: "Web""#,
            #"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#,
        ])
        let pod = try object(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"containers":[]}}"#)
        #expect(messages(Validation.validateCreate(pod)) == ["spec.containers: Required value"])
    }

    @Test func jobsAndIngresses() throws {
        var job = try object(#"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","namespace":"default"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x"}]}}}}"#)
        Defaulting.prepareForCreate(&job, uid: "3f1c")
        #expect(messages(Validation.validateCreate(job))
            == [#"spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never""#])
        let ingress = try object(#"{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i","namespace":"default"},"spec":{"rules":[{"http":{"paths":[{"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}},{"path":"api","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}"#)
        #expect(messages(Validation.validateCreate(ingress)) == [
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
            #"spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path"#,
        ])
    }

    @Test func immutableFieldsOnUpdate() throws {
        let old = try object(Self.deployment)
        var new = old
        new[path: ["spec", "selector"]] = ["matchLabels": ["app": "web", "tier": "front"]]
        new[path: ["spec", "template", "metadata", "labels"]] = ["app": "web", "tier": "front"]
        #expect(messages(Validation.validateUpdate(new, old: old)) == [
            #"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#,
        ])
        var scaled = old
        scaled[path: ["spec", "replicas"]] = 5
        #expect(Validation.validateUpdate(scaled, old: old).isEmpty)

        let service = try object(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"default"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":80}]}}"#)
        var moved = service
        moved[path: ["spec", "clusterIP"]] = "10.96.0.11"
        moved[path: ["spec", "clusterIPs"]] = ["10.96.0.11"]
        #expect(messages(Validation.validateUpdate(moved, old: service)) == [#"spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set"#])

        let statefulSet = try object(#"{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"default"},"spec":{"serviceName":"db","selector":{"matchLabels":{"app":"db"}},"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"pg:16"}]}}}}"#)
        var renamed = statefulSet
        renamed[path: ["spec", "serviceName"]] = "db2"
        renamed[path: ["spec", "replicas"]] = 3
        #expect(messages(Validation.validateUpdate(renamed, old: statefulSet)) == [
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ])

        let configMap = try object(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default"},"immutable":true,"data":{"a":"1"}}"#)
        var edited = configMap
        edited[path: ["data", "a"]] = "2"
        #expect(messages(Validation.validateUpdate(edited, old: configMap)) == ["data: Forbidden: field is immutable when `immutable` is set"])

        let claim = try object(#"{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c","namespace":"default"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}"#)
        var grown = claim
        grown[path: ["spec", "resources", "requests", "storage"]] = "2Gi"
        #expect(Validation.validateUpdate(grown, old: claim).isEmpty)
        var changed = claim
        changed[path: ["spec", "accessModes"]] = ["ReadWriteMany"]
        #expect(Validation.validateUpdate(changed, old: claim).map(\.type) == [.forbidden])

        let pod = try object(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"x:1"}]}}"#)
        var newImage = pod
        newImage[path: ["spec", "containers"]] = [["name": "c", "image": "x:2", "imagePullPolicy": "IfNotPresent", "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "resources": .object(JSONObject())]]
        #expect(Validation.validateUpdate(newImage, old: pod).isEmpty)
        var newPort = pod
        newPort[path: ["spec", "restartPolicy"]] = "Never"
        #expect(messages(Validation.validateUpdate(newPort, old: pod)).first?.hasPrefix("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`") == true)

        let binding = try object(#"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"b","namespace":"default"},"roleRef":{"kind":"Role","name":"a"},"subjects":[]}"#)
        var rebound = binding
        rebound[path: ["roleRef", "name"]] = "b"
        #expect(messages(Validation.validateUpdate(rebound, old: binding))
            == [#"roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef"#])
    }
}

/// Deployment strategies and Services, per ValidateDeploymentStrategy / ValidateRollingUpdateDeployment
/// (`pkg/apis/apps/validation/validation.go`) and ValidateService (`pkg/apis/core/validation/validation.go`).
@Suite struct AdmissionStrategyAndServiceTests {
    func deployment(strategy: String) throws -> JSON {
        Defaulting.applied(to: try JSON(parsing: """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},"spec":{"strategy":\(strategy),
         "selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"x"}]}}}}
        """))
    }

    @Test func rollingUpdateBounds() throws {
        #expect(Validation.validateCreate(try deployment(strategy: #"{"rollingUpdate":{"maxUnavailable":0,"maxSurge":"0%"}}"#)).map(\.description)
            == [#"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0"#])
        #expect(Validation.validateCreate(try deployment(strategy: #"{"rollingUpdate":{"maxUnavailable":"150%","maxSurge":"x"}}"#)).map(\.description) == [
            #"spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"#,
            #"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%"#,
        ])
        #expect(Validation.validateCreate(try deployment(strategy: #"{"type":"Recreate","rollingUpdate":{"maxSurge":1}}"#)).map(\.description)
            == ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"])
        #expect(Validation.validateCreate(try deployment(strategy: #"{"type":"BlueGreen"}"#)).map(\.description)
            == [#"spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate""#])
    }

    @Test func serviceRules() throws {
        let service = Defaulting.applied(to: try JSON(parsing: """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"default"},"spec":{"type":"Cluster","sessionAffinity":"Sticky",
         "ports":[{"port":80},{"name":"http","port":0,"targetPort":"HTTP","protocol":"TCP"},{"name":"http","port":81}]}}
        """))
        #expect(Validation.validateCreate(service).map(\.description) == [
            "spec.ports[0].name: Required value",
            "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            #"spec.ports[1].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"#,
            #"spec.ports[1].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)"#,
            #"spec.ports[2].name: Duplicate value: "http""#,
            #"spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None""#,
            #"spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort""#,
        ])
        let external = Defaulting.applied(to: try JSON(parsing: #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"e","namespace":"default"},"spec":{"type":"ExternalName"}}"#))
        #expect(Validation.validateCreate(external).map(\.description) == ["spec.externalName: Required value"])
    }
}

/// CronJob schedules, with robfig/cron v3's parse errors as ValidateCronJobSpec reports them.
@Suite struct AdmissionCronScheduleTests {
    @Test(arguments: [
        ("0 3 * * *", nil), ("*/15 * * * 1-5", nil), ("0 0 1 jan,jul *", nil), ("30 2 * * sun", nil), ("5/10 * * * *", nil),
        ("@daily", nil), ("@every 1h30m", nil),
        ("bad", "expected exactly 5 fields, found 1: [bad]"),
        ("0 3 * *", "expected exactly 5 fields, found 4: [0 3 * *]"),
        ("61 * * * *", "end of range (61) above maximum (59): 61"),
        ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
        ("5-2 * * * *", "beginning of range (5) beyond end of range (2): 5-2"),
        ("x * * * *", #"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
        ("*/0 * * * *", "step of range should be a positive number: */0"),
        ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
        ("@fortnightly", "unrecognized descriptor: @fortnightly"),
    ] as [(String, String?)])
    func schedule(_ schedule: String, error: String?) {
        #expect(CronSchedule.error(in: schedule) == error, "\(schedule)")
    }

    @Test func cronJobCause() throws {
        let cronJob = Defaulting.applied(to: try JSON(parsing: #"{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c","namespace":"default"},"spec":{"schedule":"every day","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"x"}]}}}}}}"#))
        #expect(Validation.validateCreate(cronJob).map(\.description) == [#"spec.schedule: Invalid value: "every day": expected exactly 5 fields, found 2: [every day]"#])
    }
}

/// Ingress backends (validateIngressBackend) and autoscaler bounds (ValidateHorizontalPodAutoscalerSpec).
@Suite struct AdmissionBackendAndAutoscalerTests {
    @Test func ingressBackends() throws {
        let ingress = Defaulting.applied(to: try JSON(parsing: """
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i","namespace":"default"},"spec":{"rules":[{"http":{"paths":[
          {"path":"/a","pathType":"Prefix","backend":{"service":{"name":"Web","port":{"name":"http","number":80}}}},
          {"path":"/b","pathType":"Prefix","backend":{"service":{"name":"web"}}},
          {"path":"/c","pathType":"Prefix","backend":{}}]}}]}}
        """))
        #expect(Validation.validateCreate(ingress).map(\.description) == [
            #"spec.rules[0].http.paths[0].backend.service.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#,
            #"spec.rules[0].http.paths[0].backend.service: Invalid value: "": cannot set both port name & port number"#,
            "spec.rules[0].http.paths[1].backend.service: Required value: port name or number is required",
            #"spec.rules[0].http.paths[2].backend: Invalid value: "": resource or service backend is required"#,
        ])
    }

    @Test func autoscalerBounds() throws {
        let hpa = Defaulting.applied(to: try JSON(parsing: #"{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"h","namespace":"default"},"spec":{"minReplicas":3,"maxReplicas":2,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}}}"#))
        #expect(Validation.validateCreate(hpa).map(\.description) == ["spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"])
        let zero = Defaulting.applied(to: try JSON(parsing: #"{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"h","namespace":"default"},"spec":{"minReplicas":0,"maxReplicas":0,"scaleTargetRef":{"kind":"Deployment"}}}"#))
        #expect(Validation.validateCreate(zero).map(\.description) == [
            "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
            "spec.maxReplicas: Invalid value: 0: must be greater than 0",
            "spec.scaleTargetRef.name: Required value",
        ])
    }
}
