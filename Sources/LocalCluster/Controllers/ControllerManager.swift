import Foundation
import Manifests

/// Runs the simulated controllers: follows every change in the store and hands each to the
/// controller of its kind, which acts after a short delay (compressed by the time scale).
actor ControllerManager {
    private let context: ClusterContext
    private var loop: Task<Void, Never>?
    private var watchID: UUID?
    private let workloads: WorkloadControllers

    init(context: ClusterContext) {
        self.context = context
        workloads = WorkloadControllers(context: context)
    }

    func start() async {
        let since = await context.store.resourceVersion
        guard let (events, id) = try? await context.store.watch(WatchFilter(), after: since) else { return }
        watchID = id
        let context = self.context
        let workloads = self.workloads
        loop = Task {
            await workloads.resyncAll()
            await Finalization(context: context).resumePendingDeletions()
            for await event in events {
                await Self.handle(event, context: context, workloads: workloads)
            }
        }
    }

    func stop() async {
        loop?.cancel()
        if let watchID { await context.store.stopWatching(watchID) }
        await loop?.value
        await workloads.stop()
    }

    private static func handle(_ event: StoreEvent, context: ClusterContext, workloads: WorkloadControllers) async {
        let resource = event.key.resource
        switch (resource.group, resource.resource, event.kind) {
        case ("apiextensions.k8s.io", "customresourcedefinitions", .deleted):
            await CustomResourceRegistration(context: context).removed(event.object.object)
        case ("apiextensions.k8s.io", "customresourcedefinitions", _):
            await CustomResourceRegistration(context: context).reconcile(event.key)
        case ("", "namespaces", .added):
            await ClusterBootstrap(context: context).populate(namespace: event.key.name)
        default:
            await workloads.observe(event)
        }
    }
}
