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
        let renders = Mutex(0)
        let identity = try #require(ObjectIdentity(of: object("shared", environment: nil)))
        let declared: DeclarationIndex.Declared = [identity: SourceLocation(file: "environments/b/app.yaml", line: 1)]
        let answers = await withTaskGroup(of: DeclarationIndex.Declared?.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await index.declared(by: "b", at: "rev1") {
                        renders.withLock { $0 += 1 }
                        try? await Task.sleep(for: .milliseconds(50))
                        return declared
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(renders.withLock { $0 } == 1)
        #expect(answers.allSatisfy { $0 == declared })

        // A new revision is rendered afresh; what the environment publishes itself is not rendered.
        _ = await index.declared(by: "b", at: "rev2") { renders.withLock { $0 += 1 }; return [:] }
        #expect(renders.withLock { $0 } == 2)
        index.publish("c", revision: "rev2", declared: declared)
        #expect(await index.declared(by: "c", at: "rev2") { renders.withLock { $0 += 1 }; return nil } == declared)
        #expect(renders.withLock { $0 } == 2)
    }

    @Test func aVerdictIsReusedOnlyFromTheSameInputs() {
        let index = DeclarationIndex()
        #expect(index.verdict(for: "a", key: "rev1 main=rev1") == nil)
        index.remember(["overlap"], for: "a", key: "rev1 main=rev1")
        #expect(index.verdict(for: "a", key: "rev1 main=rev1") == ["overlap"])
        #expect(index.verdict(for: "a", key: "rev1 main=rev2") == nil)
        #expect(index.verdict(for: "b", key: "rev1 main=rev1") == nil)
    }
}
