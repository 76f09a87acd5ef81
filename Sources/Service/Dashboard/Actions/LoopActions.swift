import Foundation
import GitSource
import Reconciler

/// The dashboard's actions as the service carries them out: through the reconcile loop's turns
/// (never beside a round on the same environment), recorded in the history with who asked, and
/// reported to the board like any reconcile.
public struct LoopActions: DashboardActions {
    public let loop: ReconcileLoop
    public let board: DashboardBoard
    public let reader: any DashboardReader
    /// The config repository, for the revert and promotion commits.
    public let source: GitConfigSource
    /// Where the loop's results go too (the run's report and notifications).
    public let report: @Sendable ([EnvironmentResult]) async -> Void

    public init(loop: ReconcileLoop, board: DashboardBoard, reader: any DashboardReader, source: GitConfigSource,
                report: @escaping @Sendable ([EnvironmentResult]) async -> Void = { _ in }) {
        self.report = report
        self.loop = loop
        self.board = board
        self.reader = reader
        self.source = source
    }

    public func sync(_ environment: String, by user: String) async throws -> String {
        try await apply(environment, by: user) { _ in "" }
    }

    public func rollBack(_ environment: String, to revision: String, by user: String) async throws -> String {
        try await apply(environment, by: user) { reconciler in
            let target = reconciler.environment
            let reverts = try await GitRollback(mirror: source.mirror).revert(path: target.path, branch: target.ref, to: revision, push: true)
            guard !reverts.isEmpty else { throw DashboardError.badRequest("nothing to revert after \(revision.prefix(7)) in \(target.path)") }
            return "pushed \(reverts.count) revert commit\(reverts.count == 1 ? "" : "s") (\(reverts.map { String($0.prefix(7)) }.joined(separator: ", "))); "
        }
    }

    public func promote(from: String, to: String, by user: String) async throws -> String {
        guard let source = board.configuration(from), board.configuration(to) != nil else {
            throw DashboardError.notFound("no environment \"\(from)\" or \"\(to)\"")
        }
        return try await apply(to, by: user) { reconciler in
            let promoter = Promoter(source: self.source)
            let plan = try await promoter.plan(from: source, to: reconciler.environment, rule: PromotionRule())
            guard !plan.isEmpty else { throw DashboardError.badRequest("nothing to promote: \(to) already has \(from)'s manifests") }
            let author = GitSignature(name: user, email: "dashboard@mooring.invalid")
            guard let commit = try await promoter.commit(plan, author: author) else { throw DashboardError.badRequest("nothing to promote") }
            try await promoter.push(plan)
            return "promoted \(from) → \(to) as \(commit.id.short), pushed; "
        }
    }

    /// In the loop's turn: fetch, `prepare` (a git change, or nothing), then sync the
    /// environment's ref now, recorded with `user` as who asked.
    private func apply(_ environment: String, by user: String,
                       _ prepare: @escaping @Sendable (EnvironmentReconciler) async throws -> String) async throws -> String {
        board.started([environment], reason: "dashboard (\(user))")
        let result: EnvironmentResult
        let lead: String
        do {
            (lead, result) = try await loop.exclusive(environment) { reconciler in
                var reconciler = reconciler
                reconciler.requestedBy = user
                try await reconciler.source.fetch()
                let lead = try await prepare(reconciler)
                if !lead.isEmpty { try await reconciler.source.fetch() }
                return (lead, await Poller.measured(reconciler) { reconciler in try await reconciler.sync() })
            }
        } catch {
            board.failedToStart(environment)
            throw error
        }
        await board.finished(result, reading: reader)
        await report([result])
        switch result.outcome {
        case .success(let outcome): return lead + outcome.message
        case .failure(let error): throw error
        }
    }
}
