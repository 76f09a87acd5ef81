/// Health checks written the way Argo CD's `resource.customizations.health` scripts are (global
/// `obj`, a table `hs` with `status` and `message`, Lua 5.1 idioms such as `table.getn`), for
/// operators' resources; written here for these tests.
enum ArgoStyleScripts {
    static let certificate = """
        hs = {}
        if obj.status ~= nil and obj.status.conditions ~= nil then
          for i, condition in ipairs(obj.status.conditions) do
            if condition.type == "Ready" and condition.status == "False" then
              hs.status = "Degraded"
              hs.message = condition.message
              return hs
            end
            if condition.type == "Ready" and condition.status == "True" then
              hs.status = "Healthy"
              hs.message = condition.message
              return hs
            end
          end
        end
        hs.status = "Progressing"
        hs.message = "Waiting for certificate"
        return hs
        """

    static let sealedSecret = """
        health_status = {}
        if obj.status == nil or obj.status.conditions == nil or table.getn(obj.status.conditions) == 0 then
          health_status.status = "Progressing"
          health_status.message = "Waiting for the controller to unseal"
          return health_status
        end
        for i, condition in ipairs(obj.status.conditions) do
          if condition.type == "Synced" then
            if condition.status == "True" then
              health_status.status = "Healthy"
              health_status.message = "Unsealed into Secret " .. obj.metadata.name
            else
              health_status.status = "Degraded"
              health_status.message = condition.message or "unsealing failed"
            end
            return health_status
          end
        end
        health_status.status = "Progressing"
        health_status.message = "Waiting for the Synced condition"
        return health_status
        """

    /// For every Crossplane managed resource (`*.crossplane.io/*`-style wildcards).
    static let managedResource = """
        local hs = { status = "Progressing", message = "Waiting for the provider" }
        if obj.status == nil or obj.status.conditions == nil then return hs end
        local ready, synced
        for _, c in ipairs(obj.status.conditions) do
          if c.type == "Ready" then ready = c end
          if c.type == "Synced" then synced = c end
        end
        if synced ~= nil and synced.status == "False" then
          return { status = "Degraded", message = string.format("%s: %s", synced.reason, synced.message or "") }
        end
        if ready ~= nil and ready.status == "True" then
          return { status = "Healthy", message = "Resource is available" }
        end
        return hs
        """

    static let sealedSecretObject = """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: {name: django-db, namespace: django-master, generation: 1}
        spec:
          encryptedData: {password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq}
          template: {metadata: {name: django-db}}
        status:
          observedGeneration: 1
          conditions:
          - {type: Synced, status: "False", lastTransitionTime: "2025-03-02T10:00:04Z", message: "no key could decrypt secret (password)"}
        """

    static let crossplaneDatabase = """
        apiVersion: rds.aws.crossplane.io/v1alpha1
        kind: DBInstance
        metadata: {name: django-db, generation: 1}
        spec: {forProvider: {region: eu-west-1, dbInstanceClass: db.t3.micro}}
        status:
          conditions:
          - {type: Ready, status: "True", reason: Available}
          - {type: Synced, status: "True", reason: ReconcileSuccess}
        """
}
