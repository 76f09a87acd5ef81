import ArgumentParser

/// `--no-wait`, for the commands that apply: what to do when another process holds the
/// environment's Lease.
struct LeaseOptions: ParsableArguments {
    @Flag(name: .long, help: "Exit 2 (naming who holds it, since when) instead of waiting when another process is applying the environment.")
    var noWait = false
}
