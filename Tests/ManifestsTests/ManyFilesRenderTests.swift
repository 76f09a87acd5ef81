import Testing
@testable import Manifests

/// Folders big enough to be read on several cores (`ParallelMap`): the result, and the first
/// problem reported, are what reading the files one by one in bytewise order gives.
struct ManyFilesRenderTests {
    static func name(_ index: Int) -> String { "env/file-\(String(index + 1000).dropFirst()).yaml" }

    static func files(_ count: Int, replacing replaced: [Int: String] = [:]) -> [SourceFile] {
        (0..<count).map { .file(name($0), replaced[$0] ?? RendererTests.configMap("object-\($0)")) }.reversed()
    }

    @Test func objectsComeInFileOrderFromManyFiles() throws {
        let rendered = try ManifestRenderer.render(files: Self.files(300), environmentPath: "env")
        #expect(rendered.objects.map(\.identity.name) == (0..<300).map { "object-\($0)" })
        #expect(rendered.objects.map(\.source.description) == (0..<300).map { "\(Self.name($0)):1" })
    }

    @Test func theFirstProblemInFileOrderIsReported() throws {
        // A duplicate in file 120 comes before the syntax error of file 150 …
        let duplicateFirst = Self.files(200, replacing: [120: RendererTests.configMap("object-10"), 150: "key: value: more\n"])
        let duplicate = try #require(throws: RenderError.self) { try ManifestRenderer.render(files: duplicateFirst, environmentPath: "env") }
        #expect(duplicate.description == "\(Self.name(120)):1: ConfigMap object-10 is defined twice, first at \(Self.name(10)):1")
        // … and the syntax error of file 50 before the duplicate of file 120.
        let syntaxFirst = Self.files(200, replacing: [50: "key: value: more\n", 120: RendererTests.configMap("object-10")])
        let syntax = try #require(throws: RenderError.self) { try ManifestRenderer.render(files: syntaxFirst, environmentPath: "env") }
        #expect(syntax.description == "\(Self.name(50)):1:11: mapping values are not allowed in this context")
    }

    @Test func aDuplicateBeforeABadObjectOfTheSameFileIsReportedFirst() throws {
        let text = RendererTests.configMap("object-3") + "---\napiVersion: v1\nkind: ConfigMap\n"
        let error = try #require(throws: RenderError.self) {
            try ManifestRenderer.render(files: Self.files(100, replacing: [80: text]), environmentPath: "env")
        }
        #expect(error.description == "\(Self.name(80)):1: ConfigMap object-3 is defined twice, first at \(Self.name(3)):1")
    }

    @Test func parallelMapKeepsTheOrder() {
        let items = Array(0..<10_000)
        #expect(ParallelMap.map(items) { $0 * 3 } == items.map { $0 * 3 })
        #expect(ParallelMap.map([1, 2, 3]) { $0 + 1 } == [2, 3, 4])
    }
}
