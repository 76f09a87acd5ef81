import Foundation
import Manifests

/// The spec of a `coordination.k8s.io/v1` Lease, as client-go's leader election reads and writes
/// it (`resourcelock.LeaderElectionRecord`): who holds it, for how long, since when, how often it
/// changed hands.
public struct LeaseRecord: Sendable, Equatable {
    /// Empty when released.
    public var holderIdentity: String
    public var leaseDurationSeconds: Int
    public var acquireTime: Date?
    public var renewTime: Date?
    public var leaseTransitions: Int

    public init(holderIdentity: String, leaseDurationSeconds: Int, acquireTime: Date?, renewTime: Date?, leaseTransitions: Int) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    /// Reads a Lease object's `spec`.
    public init(lease: JSON) {
        let spec = lease["spec"]
        holderIdentity = spec?["holderIdentity"]?.stringValue ?? ""
        leaseDurationSeconds = Int(spec?["leaseDurationSeconds"]?.intValue ?? 0)
        acquireTime = spec?["acquireTime"]?.stringValue.flatMap(MicroTime.parse)
        renewTime = spec?["renewTime"]?.stringValue.flatMap(MicroTime.parse)
        leaseTransitions = Int(spec?["leaseTransitions"]?.intValue ?? 0)
    }

    /// The Lease's `spec` (times as `metav1.MicroTime`: RFC 3339 with microseconds).
    public var spec: JSON {
        var spec: JSON = ["holderIdentity": .string(holderIdentity), "leaseDurationSeconds": .int(Int64(leaseDurationSeconds)),
                          "leaseTransitions": .int(Int64(leaseTransitions))]
        if let acquireTime { spec["acquireTime"] = .string(MicroTime.format(acquireTime)) }
        if let renewTime { spec["renewTime"] = .string(MicroTime.format(renewTime)) }
        return spec
    }

    public var isReleased: Bool { holderIdentity.isEmpty }
}

extension GroupVersionKind {
    /// `coordination.k8s.io/v1` Lease.
    public static let leaseV1 = GroupVersionKind(group: "coordination.k8s.io", version: "v1", kind: "Lease")
}

/// `metav1.MicroTime` on the wire: `2024-05-01T12:00:03.123456Z`.
public enum MicroTime {
    public static func format(_ date: Date) -> String {
        let whole = floor(date.timeIntervalSince1970)
        let micros = Int(((date.timeIntervalSince1970 - whole) * 1_000_000).rounded(.down))
        let base = Date(timeIntervalSince1970: whole).formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
        // `2024-05-01T12:00:03Z` → `2024-05-01T12:00:03.123456Z`
        return String(base.dropLast()) + "." + String(format: "%06d", micros) + "Z"
    }

    public static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z"), text.count >= 20 else { return nil }
        let seconds = String(text.prefix(19)) + "Z"
        guard let base = try? Date(seconds, strategy: .iso8601) else { return nil }
        let fraction = text.dropFirst(19).dropLast()
        guard fraction.isEmpty || fraction.hasPrefix(".") else { return nil }
        let digits = fraction.dropFirst()
        guard let value = Double("0." + (digits.isEmpty ? "0" : digits)) else { return nil }
        return base.addingTimeInterval(value)
    }
}
