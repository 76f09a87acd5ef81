import Foundation
import Logging
import Manifests
import Synchronization

/// One JSON object per line on stderr, with the structured fields at the top level:
///
/// ```
/// {"time":"2026-12-04T19:02:11.532Z","level":"info","logger":"mooring","message":"synced","environment":"develop","revision":"9f2c1e0","operation":"sync"}
/// ```
///
/// Metadata values are what the caller logged: callers pass names, revisions and redacted
/// reasons, never credentials or Secret data.
public struct JSONLogHandler: LogHandler {
    public let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable ([UInt8]) -> Void

    public init(label: String, write: @escaping @Sendable ([UInt8]) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        var object = JSONObject()
        object["time"] = .string(Self.timestamp(Date()))
        object["level"] = .string(event.level.rawValue)
        object["logger"] = .string(label)
        object["message"] = .string(event.message.description)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where object[key] == nil {
            object[key] = Self.json(value)
        }
        write(JSON.object(object).serializedBytes() + [UInt8(ascii: "\n")])
    }

    static func json(_ value: Logger.MetadataValue) -> JSON {
        switch value {
        case .string(let text): return .string(text)
        case .stringConvertible(let value): return .string(value.description)
        case .array(let values): return .array(values.map(json))
        case .dictionary(let values):
            var object = JSONObject()
            for (key, value) in values.sorted(by: { $0.key < $1.key }) { object[key] = json(value) }
            return .object(object)
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Whole lines, so concurrent tasks never interleave inside one.
    public static let standardError: @Sendable ([UInt8]) -> Void = { bytes in
        stderrLock.withLock { _ in
            bytes.withUnsafeBufferPointer { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    private static let stderrLock = Mutex(())
}
