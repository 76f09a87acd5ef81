import Foundation
import Logging

/// `--log-format`: JSON lines for log collectors, text for people. The default follows where
/// stderr goes: text on a terminal, JSON otherwise (a pod's log).
public enum LogFormat: String, Sendable, CaseIterable {
    case json, text

    public static var automatic: LogFormat { isatty(STDERR_FILENO) == 1 ? .text : .json }

    /// Routes every swift-log `Logger` of the process to stderr in this format (once per process).
    public func bootstrap(level: Logger.Level = .info) {
        let format = self
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = switch format {
            case .json: JSONLogHandler(label: label)
            case .text: StreamLogHandler.standardError(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }
}
