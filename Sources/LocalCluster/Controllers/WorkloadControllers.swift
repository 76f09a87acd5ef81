import Foundation
import Manifests

/// The controllers that give workloads a status (filled in step by step).
actor WorkloadControllers {
    private let context: ClusterContext

    init(context: ClusterContext) { self.context = context }

    func observe(_ event: WatchEvent) async {}

    func resyncAll() async {}

    func stop() async {}
}
