import Foundation
import Manifests
@testable import Reconciler
import Synchronization
import Testing

/// The indexes that keep a pass's cost from growing with the square of the environments
/// (issue 14, a thousand environments on one cluster): the live cache's store answers one
/// environment's objects from its label index, and each sibling's declarations are read once
/// per revision however many environments ask.
@Suite struct ScaleIndexTests {
    private func object(_ name: String, environment: String?) -> JSON {
        var object: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "apps"]]
        if let environment { object[path: ["metadata", "labels", Tracking.environmentLabel]] = .string(environment) }
        return object
    }

    private func names(_ objects: [JSON]) -> [String] {
        objects.compactMap { $0[path: ["metadata", "name"]]?.stringValue }.sorted()
    }

    @Test func trackedObjectsAnswerOneEnvironmentFromTheirIndex() throws {
        var store = TrackedObjects([object("a1", environment: "a"), object("a2", environment: "a"), object("b1", environment: "b"),
                                    object("loose", environment: nil)])
        #expect(store.count == 4)
        #expect(names(store.labelled("a")) == ["a1", "a2"])
        #expect(names(store.labelled("b")) == ["b1"])
        #expect(store.labelled("c").isEmpty)

        // Relabelled to another environment: the index follows the object.
        let a2 = try #require(ObjectIdentity(of: object("a2", environment: "a")))
        store[a2] = object("a2", environment: "b")
        #expect(names(store.labelled("a")) == ["a1"])
        #expect(names(store.labelled("b")) == ["a2", "b1"])

        // Removed: gone from the index too.
        #expect(store.remove(a2) != nil)
        #expect(names(store.labelled("b")) == ["b1"])
        #expect(store.remove(a2) == nil)
        #expect(names(store.all) == ["a1", "b1", "loose"])
    }

    @Test func aSiblingIsRenderedOncePerRevisionHoweverManyAsk() async throws {
        let index = DeclarationIndex()
        let renders = Tally()
        let identity = try #require(ObjectIdentity(of: object("shared", environment: nil)))
        let declared: DeclarationIndex.Declared = [identity: SourceLocation(file: "environments/b/app.yaml", line: 1)]
        let answers = await withTaskGroup(of: DeclarationIndex.Declared?.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await index.declared(by: "b", at: "rev1") {
                        renders.add()
                        try? await Task.sleep(for: .milliseconds(50))
                        return declared
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(renders.value == 1)
        #expect(answers.allSatisfy { $0 == declared })

        // A new revision is rendered afresh; what the environment publishes itself is not rendered.
        _ = await index.declared(by: "b", at: "rev2") { renders.add(); return [:] }
        #expect(renders.value == 2)
        index.publish("c", revision: "rev2", declared: declared)
        #expect(await index.declared(by: "c", at: "rev2") { renders.add(); return nil } == declared)
        #expect(renders.value == 2)
    }

    @Test func aVerdictIsReusedOnlyFromTheSameInputs() {
        let index = DeclarationIndex()
        #expect(index.verdict(for: "a", key: "rev1 main=rev1") == nil)
        index.remember(["overlap"], for: "a", key: "rev1 main=rev1")
        #expect(index.verdict(for: "a", key: "rev1 main=rev1") == ["overlap"])
        #expect(index.verdict(for: "a", key: "rev1 main=rev2") == nil)
        #expect(index.verdict(for: "b", key: "rev1 main=rev1") == nil)
    }

    @Test func selectorsAreParsedAsBefore() throws {
        #expect(EqualitySelector("a=b, c==d")?.requirements == ["a": "b", "c": "d"])
        #expect(EqualitySelector(" app.kubernetes.io/managed-by=mooring ")?.requirements == ["app.kubernetes.io/managed-by": "mooring"])
        #expect(EqualitySelector("")?.requirements == [:])
        for refused in ["a!=b", "!a", "a in (b)", "a=b=c", "=b", "a"] {
            #expect(EqualitySelector(refused) == nil, "\(refused)")
        }
    }

    @Test func slotsBoundHowManyRunAtOnce() async {
        let slots = EnvironmentSlots(limit: 3)
        let running = Tally(), finished = Tally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    await slots.run {
                        running.add()
                        try? await Task.sleep(for: .milliseconds(20))
                        running.add(-1)
                        finished.add()
                    }
                }
            }
        }
        #expect(running.most == 3)
        #expect(finished.value == 12)
        #expect(slots.busy == 0)
    }
}

/// A count shared by concurrent tasks, and the most it ever was.
private final class Tally: Sendable {
    private let state = Mutex((value: 0, most: 0))
    func add(_ amount: Int = 1) { state.withLock { $0.value += amount; $0.most = max($0.most, $0.value) } }
    var value: Int { state.withLock { $0.value } }
    var most: Int { state.withLock { $0.most } }
}
