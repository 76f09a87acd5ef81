import ChildProcess
import Foundation
import Manifests

/// One kustomize build of an overlay at a revision: its inputs written to a private temporary
/// folder, the real kustomize run there with a timeout and output limits, its output parsed
/// into objects that name their source files, the folder deleted.
struct KustomizeRenderer: Sendable {
    let tool: KustomizeTool
    let settings: KustomizeSettings

    func render(_ inputs: KustomizeInputs, from tree: RevisionTree) async throws -> RenderedEnvironment {
        let workspace = try RenderWorkspace.create()
        defer { workspace.remove() }
        let addedOrigins = try await workspace.write(inputs, from: tree)

        var request = ChildProcess(tool.executable, tool.buildArguments(workspace.path(of: inputs.overlay)))
        request.workingDirectory = workspace.root
        request.timeout = settings.timeout
        request.outputLimit = settings.outputLimit
        let result: ChildProcessResult
        do {
            result = try await request.run()
        } catch ChildProcessError.timedOut {
            throw KustomizeError.timedOut(kustomization: inputs.kustomizationFile, after: settings.timeout)
        } catch ChildProcessError.outputTooLarge(_, let limit) {
            throw KustomizeError.outputTooLarge(kustomization: inputs.kustomizationFile, limit: limit)
        } catch ChildProcessError.notFound {
            throw KustomizeError.binaryNotFound("\(tool) is gone: it was found on PATH but can no longer be run")
        } catch let error as ChildProcessError {
            throw KustomizeError.buildFailed(kustomization: inputs.kustomizationFile, message: error.description)
        }
        guard result.succeeded else {
            var message = KustomizeMessage.extract(from: result.stderr, workspace: workspace.root)
            if message.isEmpty { message = "\(tool) ended with \(result.status) and said nothing" }
            throw KustomizeError.buildFailed(kustomization: inputs.kustomizationFile, message: message)
        }
        // Lines are found in the files as committed: the workspace's kustomizations are re-serialised.
        let committed = Dictionary(inputs.kustomizations.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        return try KustomizeOutput.parse(result.standardOutput, inputs: inputs, stripOrigins: addedOrigins) { file in
            committed[file] ?? FileManager.default.contents(atPath: workspace.path(of: file)).map { [UInt8]($0) }
        }
    }
}
