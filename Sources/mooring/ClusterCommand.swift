import ArgumentParser
import Foundation
import LocalCluster
import Manifests
import Reconciler

/// `mooring cluster serve`: runs the embedded local cluster in the foreground.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "The embedded local Kubernetes-API-compatible cluster.",
        subcommands: [Serve.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the local cluster until interrupted (SIGINT/SIGTERM).")

        @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 0
        @Option(help: "Folder for the cluster's state, token and kubeconfig.") var data: String = ".mooring/cluster"
        @Option(help: "Where to write the kubeconfig (default <data>/kubeconfig).") var kubeconfig: String?
        @Option(help: "Speed-up factor for simulated controller delays and deadlines.") var timeScale: Double = 1
        @Option(help: "A JSON file of fault rules to start with.") var faults: String?

        func run() async throws {
            var options = LocalClusterOptions(dataDirectory: data)
            options.port = port
            options.kubeconfigPath = kubeconfig
            options.timeScale = timeScale
            if let faults {
                guard let bytes = FileManager.default.contents(atPath: faults) else {
                    throw ValidationError("cannot read fault rules file \(faults)")
                }
                options.faults = try FaultRules(json: JSON(parsing: Array(bytes)))
            }
            let server: LocalClusterServer
            do {
                server = try await LocalClusterServer.start(options)
            } catch {
                FileHandle.standardError.write(Data("error: cannot start the local cluster in \(data): \(error)\n".utf8))
                throw ExitCode(2)
            }
            let banner = """
            Local cluster serving at \(server.url)
            kubeconfig: \(server.kubeconfigPath)
            export KUBECONFIG=\(server.kubeconfigPath)

            """
            FileHandle.standardOutput.write(Data(banner.utf8))
            let stop = StopSignal()
            let signals = TerminationSignals(stopping: stop)
            await stop.wait()
            signals.cancel()
            try await server.stop()
        }
    }
}
