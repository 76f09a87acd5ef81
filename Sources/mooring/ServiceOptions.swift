import ArgumentParser
import Foundation
import Logging
import Reconciler
import Service

/// `mooring run`'s service flags: `--listen` turns the poller into the in-cluster service
/// (health, metrics, webhooks, Leases shared with other replicas), `--log-format` shapes its log.
struct ServiceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Serve /healthz, /readyz, /metrics and /hooks/* on HOST:PORT (default: server.listen of mooring.yaml).",
                                            valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: "Log lines as json or text (default: text on a terminal, json otherwise).")
    var logFormat: LogFormat?

    @Option(name: .long, help: "Least severe log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    /// The address to serve on, from the flag or the configuration; `nil` when neither asks.
    func address(in configuration: MooringConfiguration) throws -> ListenAddress? {
        guard let text = listen ?? configuration.server.listen else { return nil }
        guard let address = ListenAddress(text) else {
            throw CommandError("--listen \"\(text)\" must be HOST:PORT, e.g. 0.0.0.0:8080 or [::1]:8080")
        }
        return address
    }

    func validate() throws {
        if let listen, ListenAddress(listen) == nil {
            throw ValidationError("--listen \"\(listen)\" must be HOST:PORT, e.g. 0.0.0.0:8080 or [::1]:8080")
        }
    }
}

extension LogFormat: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}
