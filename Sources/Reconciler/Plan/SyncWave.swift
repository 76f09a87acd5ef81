import Foundation
import Manifests

/// The sync wave of an object: `mooring.dev/sync-wave`, else `argocd.argoproj.io/sync-wave`,
/// an integer, default 0. Lower waves are applied (and must be healthy) first.
public enum SyncWave {
    /// The object's wave; throws when the annotation is not an integer.
    public static func of(_ object: JSON) throws -> Int {
        let annotations = object[path: ["metadata", "annotations"]]
        for key in [Tracking.syncWaveAnnotation, Tracking.argoSyncWaveAnnotation] {
            guard let value = annotations?[key] else { continue }
            let text = (value.stringValue ?? value.serialized()).trimmingCharacters(in: .whitespaces)
            guard let wave = Int(text) else {
                throw PlanError.badSyncWave(object: ObjectIdentity(of: object), annotation: key, value: text)
            }
            return wave
        }
        return 0
    }
}
