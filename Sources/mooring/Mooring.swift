import ArgumentParser

@main
struct Mooring: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mooring",
        abstract: "Keeps Kubernetes clusters moored to a config repository.",
        subcommands: [ClusterCommand.self, DebugCommand.self])
}
