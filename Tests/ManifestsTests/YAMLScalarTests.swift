import Testing
@testable import Manifests

/// The scalar table of go-yaml v2 (what kubectl applies), one row per case.
struct YAMLScalarTests {
    static let table: [(text: String, expected: JSON)] = [
        // YAML 1.1 booleans in every case form go-yaml accepts, and a few it does not.
        ("yes", true), ("Yes", true), ("YES", true), ("y", true), ("Y", true), ("on", true), ("On", true), ("ON", true),
        ("true", true), ("True", true), ("TRUE", true),
        ("no", false), ("No", false), ("NO", false), ("n", false), ("N", false), ("off", false), ("Off", false), ("OFF", false),
        ("false", false), ("False", false), ("FALSE", false),
        ("yEs", "yEs"), ("oN", "oN"), ("tRUE", "tRUE"), ("yes please", "yes please"),
        // Null.
        ("~", nil), ("null", nil), ("Null", nil), ("NULL", nil), ("nULL", "nULL"),
        // Integers: decimal, signs, hex, octal both ways, binary, underscores.
        ("0", 0), ("42", 42), ("-17", -17), ("+5", 5), ("0x1F", 31), ("0X1f", 31), ("-0x10", -16),
        ("0o17", 15), ("017", 15), ("-017", -15), ("0b101", 5), ("1_000", 1000), ("1_000_000", 1_000_000),
        ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
        ("9007199254740993", .int(9007199254740993)),
        // "08" is not octal, but go-yaml's float pattern reads it as 8.
        ("08", 8), ("0x", "0x"), ("0xZZ", "0xZZ"),
        // Floats; whole ones reach the API server as integers.
        ("1e3", 1000), ("1.0", 1), ("1.", 1), ("1.5", 1.5), ("-2.25", -2.25), (".5", 0.5), ("1_000.5", 1000.5),
        ("6.02e23", 6.02e23), ("1e21", .double(1e21)), ("99999999999999999999", .double(1e20)),
        ("1.10", 1.1), ("+1e-3", 0.001),
        (".inf", .double(.infinity)), (".Inf", .double(.infinity)), ("+.INF", .double(.infinity)), ("-.inf", .double(-.infinity)),
        ("1e400", "1e400"), ("0x1p-2", "0x1p-2"), (".", "."), ("-x", "-x"), ("+", "+"), ("1e", "1e"), ("e3", "e3"),
        // Things that look numeric to people but are strings to go-yaml.
        ("1.2.3", "1.2.3"), ("12:30", "12:30"), ("2024-01-15", "2024-01-15"), ("2001-12-14T21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00"),
        ("v1", "v1"), ("1Gi", "1Gi"), ("_1", "_1"), ("inf", "inf"), ("nan", "nan"),
    ]

    @Test("plain scalars resolve as go-yaml v2 resolves them", arguments: table)
    func plainScalar(text: String, expected: JSON) throws {
        let documents = try YAML.load("value: \(text)\n", file: "t.yaml")
        let value = try #require(documents.first?.value["value"])
        #expect(value == expected, "`\(text)` read as \(value.serialized())")
        #expect(value.typeName == expected.typeName, "`\(text)` read as a \(value.typeName)")
    }

    @Test func nanIsAFloat() throws {
        let value = try YAML.load("a: .nan\nb: .NaN\n", file: "t.yaml")[0].value
        #expect(value["a"]?.doubleValue?.isNaN == true)
        #expect(value["b"]?.doubleValue?.isNaN == true)
    }

    @Test func emptyValueIsNull() throws {
        let value = try YAML.load("a:\nb: ''\n", file: "t.yaml")[0].value
        #expect(value["a"] == .null)
        #expect(value["b"] == "")
    }

    @Test func quotedAndTaggedScalarsStayStrings() throws {
        let text = """
        single: 'yes'
        double: "0x1F"
        tagged: !!str on
        custom: !thing 12
        bang: ! 12
        block: |
          true
        folded: >
          42
        end: here
        """
        let value = try YAML.load(text, file: "t.yaml")[0].value
        #expect(value["single"] == "yes")
        #expect(value["double"] == "0x1F")
        #expect(value["tagged"] == "on")
        #expect(value["custom"] == "12")
        #expect(value["bang"] == "12")
        #expect(value["block"] == "true\n")
        #expect(value["folded"] == "42\n")
    }

    @Test func explicitTypeTags() throws {
        let value = try YAML.load("a: !!int \"12\"\nb: !!float 3\nc: !!bool 'yes'\nd: !!null ''\n", file: "t.yaml")[0].value
        #expect(value["a"] == .int(12))
        #expect(value["b"] == 3)
        #expect(value["c"] == true)
        #expect(value["d"] == .null)
    }

    @Test func binaryIsDecoded() throws {
        let value = try YAML.load("a: !!binary aGVsbG8=\nb: !!binary |\n  aGVs\n  bG8h\n", file: "t.yaml")[0].value
        #expect(value["a"] == "hello")
        #expect(value["b"] == "hello!")
        #expect(throws: YAMLError.self) { try YAML.load("a: !!binary not-base64\n", file: "t.yaml") }
    }

    @Test func tagThatDoesNotFitIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("a: 1\nb: !!int abc\n", file: "x.yaml") }
        #expect(error.line == 2)
        #expect(error.message == "cannot decode !!str `abc` as a !!int")
    }

    @Test func nonStringKeysBecomeStrings() throws {
        let text = "1: int\ntrue: bool\n1.5: float\n1e6: big\n0x10: hex\n2.0: two\nnull-ish: x\n"
        let object = try #require(try YAML.load(text, file: "t.yaml")[0].value.objectValue)
        #expect(object.keys == ["1", "true", "1.5", "1e+06", "16", "2", "null-ish"])
        #expect(object["true"] == "bool")
    }

    @Test func keysThatResolveAlikeCollide() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("true: a\nyes: b\n", file: "k.yaml") }
        #expect(error.description == "k.yaml:2:1: mapping key \"true\" already defined at line 1")
    }

    @Test func nullKeyIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAML.load("a: 1\n~: 2\n", file: "k.yaml") }
        #expect(error.description == "k.yaml:2:1: unsupported map key: null")
    }

    @Test func goFloatKeyFormatting() {
        #expect(GoFloatFormat.shortestG(float32: 1.5) == "1.5")
        #expect(GoFloatFormat.shortestG(float32: 1000) == "1000")
        #expect(GoFloatFormat.shortestG(float32: 100000) == "100000")
        #expect(GoFloatFormat.shortestG(float32: 1e6) == "1e+06")
        #expect(GoFloatFormat.shortestG(float32: 0.0001) == "0.0001")
        #expect(GoFloatFormat.shortestG(float32: 0.00001) == "1e-05")
        #expect(GoFloatFormat.shortestG(float32: -2.5e-7) == "-2.5e-07")
        #expect(GoFloatFormat.shortestG(float32: 123456792) == "1.2345679e+08")
        #expect(GoFloatFormat.shortestG(float32: 0.1) == "0.1")
        #expect(GoFloatFormat.shortestG(float32: 0) == "0")
    }
}
