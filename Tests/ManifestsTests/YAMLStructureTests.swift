import Testing
@testable import Manifests

/// Streams, anchors, merge keys, block scalars, errors and line tables.
struct YAMLStructureTests {
    @Test func multiDocumentStreamSkipsEmptyDocuments() throws {
        let text = """
        # leading comment
        ---
        ---
        a: 1
        ---
        # only a comment
        ---
        ~
        ---
        b: 2
        ...
        ---

        """
        let documents = try YAML.load(text, file: "multi.yaml")
        #expect(documents.map(\.value) == [["a": 1], ["b": 2]])
        #expect(documents.map(\.startLine) == [3, 9])
        #expect(try YAML.load("", file: "empty.yaml").isEmpty)
        #expect(try YAML.load("# nothing\n", file: "empty.yaml").isEmpty)
    }

    @Test func anchorsAndAliases() throws {
        let text = """
        base: &labels
          app: web
          tier: front
        copy: *labels
        list: &items [1, 2]
        again: *items
        scalar: &s hello
        echo: *s
        """
        let value = try YAML.load(text, file: "a.yaml")[0].value
        #expect(value["copy"] == ["app": "web", "tier": "front"])
        #expect(value["again"] == [1, 2])
        #expect(value["echo"] == "hello")
    }

    @Test func unknownAliasIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("a: 1\nb: *nope\n", file: "a.yaml") }
        #expect(error.description == "a.yaml:2:4: unknown anchor 'nope' referenced")
    }

    @Test func mergeKeys() throws {
        let text = """
        defaults: &defaults
          image: nginx
          replicas: 1
          port: 80
        extra: &extra
          replicas: 5
          debug: true
        single:
          <<: *defaults
          port: 8080
        ownKeyFirst:
          replicas: 3
          <<: *defaults
        several:
          <<: [*extra, *defaults]
          name: x
        inline:
          <<: {a: 1}
          b: 2
        """
        let value = try YAML.load(text, file: "m.yaml")[0].value
        #expect(value["single"] == ["image": "nginx", "replicas": 1, "port": 8080])
        #expect(value["single"]?.objectValue?.keys == ["image", "replicas", "port"])
        // As in go-yaml v2 (kubectl): a merge replaces keys written above it.
        #expect(value["ownKeyFirst"] == ["replicas": 1, "image": "nginx", "port": 80])
        // Earlier maps in the list win: replicas comes from *extra.
        #expect(value["several"] == ["replicas": 5, "debug": true, "image": "nginx", "port": 80, "name": "x"])
        #expect(value["inline"] == ["a": 1, "b": 2])
    }

    @Test func mergedMembersKeepTheirDefinitionLines() throws {
        let text = "base: &b\n  image: nginx\n  port: 80\nuse:\n  <<: *b\n  port: 8080\n"
        let document = try YAML.load(text, file: "m.yaml")[0]
        #expect(document.lines["/use/image"] == 2)
        #expect(document.lines["/use/port"] == 6)
    }

    @Test func mergeOfAScalarIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("a:\n  <<: 3\n", file: "m.yaml") }
        #expect(error.description == "m.yaml:2:7: map merge requires map or sequence of maps as the value")
    }

    @Test func duplicateKeyIsAnErrorNamingBothLines() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("a: 1\nb: 2\na: 3\n", file: "d.yaml") }
        #expect(error.description == "d.yaml:3:1: mapping key \"a\" already defined at line 1")
    }

    @Test func blockScalars() throws {
        let text = """
        literal: |
          line one
            indented
          line three
        strip: |-
          no newline
        keep: |+
          kept

        folded: >
          folded
          into one

          paragraph
        indicator: |2
            two extra spaces
        after: end
        """
        let value = try YAML.load(text, file: "b.yaml")[0].value
        #expect(value["literal"] == "line one\n  indented\nline three\n")
        #expect(value["strip"] == "no newline")
        #expect(value["keep"] == "kept\n\n")
        #expect(value["folded"] == "folded into one\nparagraph\n")
        #expect(value["indicator"] == "  two extra spaces\n")
        #expect(value["after"] == "end")
    }

    @Test func syntaxErrorCarriesLibyamlProblemAndMark() throws {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: x: y\n"
        let error = try #require(throws: YAMLError.self) { try YAML.load(text, file: "environments/develop/app.yaml") }
        #expect(error.file == "environments/develop/app.yaml")
        #expect(error.line == 5)
        #expect(error.column == 12)
        #expect(error.description == "environments/develop/app.yaml:5:12: mapping values are not allowed in this context")
    }

    @Test func errorWithContext() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("a: 1\nb: [1, 2\nc: 3\n", file: "c.yaml") }
        #expect(error.line >= 3)
        #expect(error.message.contains("while parsing a flow sequence at line 2, column 4"))
    }

    @Test func invalidUTF8NamesItsLine() throws {
        let bytes = Array("a: 1\nb: x".utf8) + [0xFF, 0x0A]
        let error = try #require(throws: YAMLError.self) { try YAML.load(bytes: bytes, file: "bin.yaml") }
        #expect(error.line == 2)
        #expect(error.message == "invalid leading UTF-8 octet")
    }

    @Test func tabIndentationIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("a:\n\tb: 1\n", file: "tab.yaml") }
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("found character that cannot start any token"))
    }

    @Test func errorInLaterDocumentNamesItsLine() throws {
        let text = "a: 1\n---\nb: 2\n---\nc: \"unterminated\n"
        let error = try #require(throws: YAMLError.self) { try YAML.load(text, file: "late.yaml") }
        #expect(error.line == 6)
        #expect(error.message.hasPrefix("found unexpected end of stream"))
    }

    @Test func lineTable() throws {
        let text = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels:
            app: web
        data:
          list:
          - a
          -
            b: 1
        """
        let document = try YAML.load(text, file: "l.yaml")[0]
        #expect(document.lines[""] == 1)
        #expect(document.lines["/kind"] == 2)
        #expect(document.lines["/metadata"] == 3)
        #expect(document.lines["/metadata/name"] == 4)
        #expect(document.lines["/metadata/labels/app"] == 6)
        #expect(document.lines["/data/list/0"] == 9)
        #expect(document.lines["/data/list/1"] == 11)
        #expect(document.lines["/data/list/1/b"] == 11)
        #expect(document.line(nearPath: ["metadata", "missing", "deeper"]) == 3)
        #expect(document.line(nearPointer: "/nothing") == 1)
    }

    @Test func pointerEscaping() throws {
        let document = try YAML.load("a/b:\n  c~d: 1\n", file: "p.yaml")[0]
        #expect(document.lines["/a~1b/c~0d"] == 2)
        #expect(JSONPointer.from(path: ["a/b", "c~d"]) == "/a~1b/c~0d")
    }

    @Test func unquotedNonStringsAreRecordedWithTheirText() throws {
        let document = try YAML.load("a: yes\nb: 'yes'\nc: 0755\nd: !!bool true\ne: 1.10\nf: ~\n", file: "u.yaml")[0]
        #expect(document.unquotedNonStrings == ["/a": "yes", "/c": "0755", "/e": "1.10"])
    }

    @Test func aliasBombIsRefused() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let error = try #require(throws: YAMLError.self) { try YAML.load(text, file: "bomb.yaml") }
        #expect(error.message.contains("too many nodes"))
    }

    @Test func jsonIsYAML() throws {
        let value = try YAML.load(#"{"a": [1, 2.5, "x", true, null], "b": {"c": "\u00e9\/"}, "big": 9007199254740993}"#, file: "j.json")[0].value
        #expect(value == ["a": [1, 2.5, "x", true, nil], "b": ["c": "é/"], "big": .int(9007199254740993)])
    }
}
