import Foundation
import Manifests

/// Schedules the simulated controllers: each change enqueues the objects it concerns (the
/// object itself, its controlling owner) after a short delay compressed by the time scale;
/// one reconcile runs at a time, like a controller's work queue with one worker.
actor WorkloadControllers {
    private let context: ClusterContext
    private let client: ControllerClient
    private var timers: [ObjectKey: (due: ContinuousClock.Instant, task: Task<Void, Never>)] = [:]
    private var stopped = false

    init(context: ClusterContext) {
        self.context = context
        client = ControllerClient(context: context)
    }

    /// Base delays in seconds at time scale 1.
    private enum Delay {
        static let controller = 0.2
        static let podStart = 2.0
        static let binding = 1.0
    }

    func observe(_ event: StoreEvent) {
        let key = event.key
        let object = event.object.object
        switch (key.resource.group, key.resource.resource) {
        case ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"), ("batch", "jobs"),
             ("", "replicationcontrollers"):
            if event.kind != .deleted { enqueue(key, after: Delay.controller) }
            enqueueOwner(of: object, namespace: key.namespace)
            if key.resource.resource == "deployments" || key.resource.resource == "statefulsets" {
                enqueueAll(AutoscalerController.autoscalers, namespace: key.namespace)
            }
        case ("", "pods"):
            if event.kind == .added { enqueue(key, after: Delay.podStart) }
            enqueueOwner(of: object, namespace: key.namespace)
            enqueueServices(selecting: object, previous: event.previous, namespace: key.namespace)
            enqueueBudgets(namespace: key.namespace)
        case ("", "persistentvolumeclaims") where event.kind == .added:
            enqueue(key, after: Delay.binding)
        case ("", "services"):
            if event.kind == .deleted { enqueueAll(APIServiceController.apiServices, namespace: ""); break }
            enqueue(key, after: Delay.binding)
            enqueue(ObjectKey(resource: EndpointsController.endpoints, namespace: key.namespace, name: key.name), after: Delay.controller)
        case ("batch", "cronjobs") where event.kind != .deleted:
            enqueue(key, after: Delay.controller)
        case ("policy", "poddisruptionbudgets") where event.kind != .deleted,
             ("autoscaling", "horizontalpodautoscalers") where event.kind != .deleted:
            enqueue(key, after: Delay.controller)
        case ("networking.k8s.io", "ingresses") where event.kind != .deleted:
            enqueue(key, after: Delay.binding)
        case ("apiregistration.k8s.io", "apiservices") where event.kind != .deleted:
            enqueue(key, after: Delay.controller)
        case ("", "endpoints"):
            enqueueAll(APIServiceController.apiServices, namespace: "")
        default:
            break
        }
    }

    /// After a start: look at every workload once (status may be stale from before a restart).
    func resyncAll() async {
        for resource in [GroupResource(group: "apps", resource: "deployments"), GroupResource(group: "apps", resource: "replicasets"),
                         GroupResource(group: "apps", resource: "statefulsets"), GroupResource(group: "apps", resource: "daemonsets"),
                         GroupResource(group: "batch", resource: "jobs"), GroupResource(group: "", resource: "pods"),
                         DisruptionBudgetController.budgets, AutoscalerController.autoscalers, CronJobController.cronJobs,
                         APIServiceController.apiServices] {
            for key in await context.store.keys(of: resource) { enqueue(key, after: Delay.controller) }
        }
        for key in await context.store.keys(of: EndpointsController.services) {
            enqueue(ObjectKey(resource: EndpointsController.endpoints, namespace: key.namespace, name: key.name), after: Delay.controller)
        }
    }

    func stop() {
        stopped = true
        for (_, timer) in timers { timer.task.cancel() }
        timers.removeAll()
    }

    private func enqueueOwner(of object: JSON, namespace: String) {
        guard let owner = ControllerClient.controller(of: object) else { return }
        let resource: GroupResource
        switch owner.kind {
        case "ReplicaSet": resource = ControllerClient.replicaSets
        case "Deployment": resource = ControllerClient.deployments
        case "StatefulSet": resource = GroupResource(group: "apps", resource: "statefulsets")
        case "DaemonSet": resource = GroupResource(group: "apps", resource: "daemonsets")
        case "Job": resource = GroupResource(group: "batch", resource: "jobs")
        case "ReplicationController": resource = GroupResource(group: "", resource: "replicationcontrollers")
        default: return
        }
        enqueue(ObjectKey(resource: resource, namespace: namespace, name: owner.name), after: Delay.controller)
    }

    /// Services whose selector matches a pod (before or after a change) need their endpoints redone.
    private func enqueueServices(selecting pod: JSON, previous: JSON?, namespace: String) {
        Task {
            let services = await context.store.list(EndpointsController.services, namespace: namespace).items
            for service in services {
                guard let selector = service.object[path: ["spec", "selector"]]?.objectValue, !selector.isEmpty else { continue }
                let query = LabelQuery(selector: ["matchLabels": .object(selector)])
                let matches = query.matches(StoredObject.labels(of: pod)) || previous.map { query.matches(StoredObject.labels(of: $0)) } == true
                guard matches, let name = service.object[path: ["metadata", "name"]]?.stringValue else { continue }
                enqueue(ObjectKey(resource: EndpointsController.endpoints, namespace: namespace, name: name), after: Delay.controller)
            }
        }
    }

    /// Pod changes may change any budget of the namespace.
    private func enqueueBudgets(namespace: String) {
        enqueueAll(DisruptionBudgetController.budgets, namespace: namespace)
    }

    private func enqueueAll(_ resource: GroupResource, namespace: String) {
        Task {
            for key in await context.store.keys(of: resource) where key.namespace == namespace {
                enqueue(key, after: Delay.controller)
            }
        }
    }

    private func enqueue(_ key: ObjectKey, after seconds: Double) {
        guard !stopped else { return }
        let delay = context.scaled(seconds)
        let due = ContinuousClock.now + delay
        if let existing = timers[key], existing.due <= due { return }
        timers[key]?.task.cancel()
        let task = Task { [weak self] in
            try? await Task.sleep(for: delay)
            if Task.isCancelled { return }
            await self?.run(key)
        }
        timers[key] = (due, task)
    }

    private func run(_ key: ObjectKey) async {
        timers[key] = nil
        guard !stopped else { return }
        var again: Double?
        switch (key.resource.group, key.resource.resource) {
        case ("apps", "deployments"):
            again = await DeploymentController(client: client, timeScale: context.options.timeScale).reconcile(key)
        case ("apps", "replicasets"): await ReplicaSetController(client: client).reconcile(key)
        case ("", "replicationcontrollers"):
            await ReplicaSetController(client: client, kind: "ReplicationController", apiVersion: "v1").reconcile(key)
        case ("apps", "statefulsets"): await StatefulSetController(client: client).reconcile(key)
        case ("apps", "daemonsets"): await DaemonSetController(client: client).reconcile(key)
        case ("batch", "jobs"): again = await JobController(client: client, timeScale: context.options.timeScale).reconcile(key)
        case ("batch", "cronjobs"):
            again = await CronJobController(client: client, timeScale: context.options.timeScale).reconcile(key)
        case ("", "pods"):
            again = await PodLifecycle(client: client, options: context.options).reconcile(key)
        case ("", "persistentvolumeclaims"): await ServiceAndStorageControllers(client: client).bindClaim(key)
        case ("", "services"), ("networking.k8s.io", "ingresses"): await ServiceAndStorageControllers(client: client).assignAddress(key)
        case ("policy", "poddisruptionbudgets"): await DisruptionBudgetController(client: client).reconcile(key)
        case ("apiregistration.k8s.io", "apiservices"): await APIServiceController(client: client).reconcile(key)
        case ("autoscaling", "horizontalpodautoscalers"): await AutoscalerController(client: client).reconcile(key)
        case ("", "endpoints"):
            await EndpointsController(client: client).reconcile(ObjectKey(resource: EndpointsController.services, namespace: key.namespace, name: key.name))
        default: break
        }
        if let again { enqueue(key, after: again) }
    }
}
