import Foundation
import Manifests

/// How long a simulated container runs and how it ends, read from what it would run:
///
/// - an image matching a failing pattern (`*:fails`) exits 1 after a second;
/// - a command or args holding `exit N`, `false` or `true` exits with that code;
/// - `sleep N` (seconds, or `Ns`, `Nm`, `Nh`; summed when repeated) runs that long;
/// - the pod annotations `mooring.dev/run-seconds` and `mooring.dev/exit-code` say so outright.
///
/// Times are in cluster seconds, divided by `--time-scale` like every other delay. A container
/// with none of these runs until stopped (restartPolicy Always), or for two seconds and then
/// succeeds (Job pods).
struct SimulatedRun: Sendable, Equatable {
    /// nil: runs until stopped.
    var seconds: Double?
    var exitCode: Int32
    /// The terminated state's message (what a termination log would hold).
    var message: String

    static let runSecondsAnnotation = "mooring.dev/run-seconds"
    static let exitCodeAnnotation = "mooring.dev/exit-code"

    static func of(pod: JSON, failingImages: [String]) -> SimulatedRun {
        let restartPolicy = pod[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
        var seconds: Double?
        var exitCode: Int32 = 0
        var message = ""
        for container in pod[path: ["spec", "containers"]]?.arrayValue ?? [] {
            let run = run(of: container, failingImages: failingImages)
            if let wanted = run.seconds { seconds = max(seconds ?? 0, wanted) }
            if exitCode == 0 && run.exitCode != 0 { (exitCode, message) = (run.exitCode, run.message) }
        }
        let annotations = pod[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        if let text = annotations[runSecondsAnnotation]?.stringValue, let value = Double(text) { seconds = value }
        if let text = annotations[exitCodeAnnotation]?.stringValue, let value = Int32(text) {
            exitCode = value
            message = value == 0 ? "" : "simulated exit code \(value) (\(exitCodeAnnotation))"
        }
        if seconds == nil && (exitCode != 0 || restartPolicy != "Always") { seconds = exitCode != 0 ? 1 : 2 }
        return SimulatedRun(seconds: seconds, exitCode: exitCode, message: message)
    }

    private static func run(of container: JSON, failingImages: [String]) -> SimulatedRun {
        let image = container["image"]?.stringValue ?? ""
        if ImagePattern.matchesAny(image, failingImages) {
            return SimulatedRun(seconds: 1, exitCode: 1, message: "simulated failure: image \(image) is one the local cluster fails")
        }
        let words = ((container["command"]?.arrayValue ?? []) + (container["args"]?.arrayValue ?? []))
            .compactMap(\.stringValue).joined(separator: " ")
            .split(whereSeparator: { " ;&|\n\t()".contains($0) }).map(String.init)
        var seconds: Double?
        var exitCode: Int32 = 0
        var ended = false
        for (index, word) in words.enumerated() where !ended {
            let next = index + 1 < words.count ? words[index + 1] : ""
            switch word {
            case "sleep": if let value = duration(next) { seconds = (seconds ?? 0) + value }
            case "exit":
                exitCode = Int32(next) ?? 0
                ended = true
            case "false" where index == 0 || words[index - 1] != "echo": exitCode = 1; ended = true
            default: break
            }
        }
        let message = exitCode == 0 ? "" : "simulated failure: the command exits with code \(exitCode)"
        return SimulatedRun(seconds: seconds ?? (exitCode != 0 ? 1 : nil), exitCode: exitCode, message: message)
    }

    /// `30`, `30s`, `2m`, `1h`, `0.5` as seconds; `infinity` as nothing (forever).
    private static func duration(_ text: String) -> Double? {
        guard let last = text.last else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let unit = units[last], let value = Double(text.dropLast()) { return value * unit }
        return Double(text)
    }
}
