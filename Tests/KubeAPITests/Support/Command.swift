import Foundation
@testable import KubeAPI

/// Runs a program to completion and captures its output (test fixtures: openssl, kubectl).
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Command {
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]? = nil, directory: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = Locked(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = data }
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }

    /// `check`, off the cooperative thread pool: a program that talks to the in-process local
    /// cluster must not block a thread that cluster needs to answer it.
    @discardableResult
    static func checkAsync(_ arguments: [String], environment: [String: String]? = nil) async throws -> String {
        try await offPool { try check(arguments, environment: environment) }
    }

    /// Runs blocking fixture work (processes, polling) on a GCD thread instead of the cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs and fails the test setup unless the program succeeds.
    @discardableResult
    static func check(_ arguments: [String], environment: [String: String]? = nil, directory: String? = nil) throws -> String {
        let result = try run(arguments, environment: environment, directory: directory)
        guard result.status == 0 else {
            throw FixtureError("\(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
