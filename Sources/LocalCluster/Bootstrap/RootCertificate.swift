import Manifests

/// `kube-root-ca.crt`, the ConfigMap the root-ca-cert-publisher puts in every namespace. The local
/// cluster serves plain HTTP, so the certificate (a self-signed `mooring-local-ca` made for this
/// project) verifies nothing; it is there because workloads and tools expect the ConfigMap.
enum RootCertificate {
    static let name = "kube-root-ca.crt"

    static let pem = """
    -----BEGIN CERTIFICATE-----
    MIIBjTCCATOgAwIBAgIUDEX5eIs7UHRSEYpueMlKAofeNHYwCgYIKoZIzj0EAwIw
    GzEZMBcGA1UEAwwQbW9vcmluZy1sb2NhbC1jYTAgFw0yNjEyMDQxOTE2MjhaGA8y
    MTI2MTExMDE5MTYyOFowGzEZMBcGA1UEAwwQbW9vcmluZy1sb2NhbC1jYTBZMBMG
    ByqGSM49AgEGCCqGSM49AwEHA0IABMUqVZDoxLaEKUOr2zj+N3KKG1DByIMCUW8L
    WzURVukzLw6xRUcSCh5gTr2OmAFKWxWoc/M1f+Suni15eGZry0SjUzBRMB0GA1Ud
    DgQWBBR1FJSdyuWouJe0lN9/8tlcYiVXSzAfBgNVHSMEGDAWgBR1FJSdyuWouJe0
    lN9/8tlcYiVXSzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIHZd
    SwJ5l4WiX3E455o3IxC6gaf9YYeSI23OwnMg0c+KAiEAordBAL5cGpUaVEszPNCZ
    wd2tbAP7+z2XzDIX4Xdx9V4=
    -----END CERTIFICATE-----

    """

    static func configMap(namespace: String) -> JSON {
        ["apiVersion": "v1", "kind": "ConfigMap",
         "metadata": ["name": .string(name), "namespace": .string(namespace),
                      "annotations": ["kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."]],
         "data": ["ca.crt": .string(pem)]]
    }
}
