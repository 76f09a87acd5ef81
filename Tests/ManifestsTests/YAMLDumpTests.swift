import Testing
@testable import Manifests

/// Dumping writes block YAML that loads back to the same value.
struct YAMLDumpTests {
    /// Strings that a careless dumper turns into something else.
    static let trickyStrings: [String] = [
        "", " ", "yes", "No", "on", "OFF", "y", "n", "true", "False", "null", "~", "Null",
        "0", "42", "-1", "+5", "0x1F", "017", "0o17", "0b1", "1_000", "1e3", "1.0", ".5", "1.", ".inf", "-.Inf", ".nan",
        "1:20", "2024-01-15", "2001-12-14T21:59:43.10-05:00", "<<", "=",
        " leading", "trailing ", "  both  ", "a: b", "a:b", "key:", "# not a comment", "a #b", "-", "- item", "--- ", "---", "...",
        "?", "? x", ":", "[a]", "{a: 1}", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick", "|", ">", "'", "\"", "\\",
        "tab\there", "\t", "multi\nline", "multi\nline\n", "trailing newlines\n\n\n", "\nleading newline", "  indented\nblock\n",
        "line with trailing space \nnext", "crlf\r\nline", "nul\u{0}byte", "bell\u{7}", "del\u{7F}", "nbsp\u{A0}", "bom\u{FEFF}",
        "line\u{2028}separator", "nel\u{85}", "emoji 🚀", "ünïcödé", "日本語", "\u{1F600}\n\u{1F600}", "a,b", "a, b",
        "http://example.com/path?x=1#frag", "${VAR}", "{{ template }}", "%", "100%", "'quoted'", "\"dq\"",
        String(repeating: "long ", count: 60),
    ]

    @Test("tricky strings survive a dump and load", arguments: trickyStrings)
    func stringRoundTrip(text: String) throws {
        let value: JSON = ["key": .string(text), .init(stringLiteral: text.isEmpty ? "empty" : text): "as key", "list": [.string(text)]]
        let dumped = YAML.dump(value)
        let loaded = try YAML.load(dumped, file: "dump.yaml")
        #expect(loaded.map(\.value) == [value], "dumped as:\n\(dumped)")
    }

    @Test func corpusRoundTrip() throws {
        let corpus: [JSON] = [
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "labels": ["app": "web"]],
             "data": ["DEBUG": "false", "ALLOWED_HOSTS": "*", "script": "#!/bin/sh\necho hi\n", "port": "8000"]],
            ["ints": [0, -1, .int(Int64.max), .int(Int64.min), .int(9007199254740993)],
             "floats": [1.5, -0.25, 1e-7, 6.02e23, 1e300, .double(.infinity), .double(-.infinity)],
             "bools": [true, false], "null": nil, "empty": ["object": [:], "array": []],
             "nested": [[["deep": [[1, [2, [3]]]]]]]],
            .array([]), .object([:]), "just a string", 42, nil,
        ]
        let dumped = YAML.dumpDocuments(corpus)
        let loaded = try YAML.load(dumped, file: "corpus.yaml").map(\.value)
        // The `nil` document is empty and skipped on load, as kubectl skips it.
        #expect(loaded == Array(corpus.dropLast()), "dumped as:\n\(dumped)")
    }

    @Test func keyOrderIsKept() throws {
        let value: JSON = ["zeta": 1, "alpha": 2, "mid": ["b": 1, "a": 2]]
        let dumped = YAML.dump(value)
        #expect(dumped == "zeta: 1\nalpha: 2\nmid:\n  b: 1\n  a: 2\n")
        #expect(try YAML.load(dumped, file: "o.yaml")[0].value.objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    @Test func blockStyleAndQuoting() {
        let value: JSON = [
            "name": "web", "enabled": "yes", "version": "1.10", "items": ["a", 1], "script": "echo one\necho two\n",
            "empty": "", "nothing": nil,
        ]
        #expect(YAML.dump(value) == """
        name: web
        enabled: "yes"
        version: "1.10"
        items:
        - a
        - 1
        script: |
          echo one
          echo two
        empty: ""
        nothing: null

        """)
    }

    @Test func sexagesimalLookAlikesAreQuotedLikeGoYAML() {
        for text in ["1:20", "190:20:30.15", "-1:05", "1_0:59"] { #expect(ScalarStyleChoice.looksLikeSexagesimal(text), "\(text)") }
        for text in ["0.0.0.0:8000", "1:60", "1:", "12:345", "a:1", "1:2:x"] { #expect(!ScalarStyleChoice.looksLikeSexagesimal(text), "\(text)") }
        #expect(YAML.dump(["bind": "0.0.0.0:8000", "time": "12:30"]) == "bind: 0.0.0.0:8000\ntime: \"12:30\"\n")
    }

    @Test func documentsAreSeparated() {
        #expect(YAML.dumpDocuments([["a": 1], ["b": 2]]) == "a: 1\n---\nb: 2\n")
        #expect(YAML.dumpDocuments([]) == "")
    }

    @Test func wholeFloatsStayFloatsInText() throws {
        #expect(YAML.dump(["f": 1000.0]) == "f: 1000.0\n")
        #expect(YAML.dump(["f": .double(.nan)]) == "f: .nan\n")
    }
}
