// Waiting on and stopping what a test started.

/// Polls `condition` until it holds or `timeout` passes; its last answer. For waits on a cluster
/// or a server under load: never a fixed sleep.
public func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// `eventually` with the timeout in seconds (`eventually(timeout: 30) { … }`).
public func eventually(timeout seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
    try await eventually(timeout: .milliseconds(Int64(seconds * 1000)), condition)
}

/// Runs `body` with a started fixture (a cluster, a harness) and always stops it afterwards,
/// whether `body` returns or throws.
public func withStopping<Fixture, T>(_ fixture: Fixture, stop: (Fixture) async -> Void,
                                     _ body: (Fixture) async throws -> T) async throws -> T {
    do {
        let result = try await body(fixture)
        await stop(fixture)
        return result
    } catch {
        await stop(fixture)
        throw error
    }
}
