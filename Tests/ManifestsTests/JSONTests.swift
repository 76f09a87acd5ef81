import Testing
@testable import Manifests

/// The JSON value type others build on: exact integers, ordered keys, byte-for-byte round trips.
struct JSONTests {
    static let canonical: [String] = [
        #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"z":"1","a":"2"}},"spec":{"replicas":3}}"#,
        #"[1,-2,0,9007199254740993,-9223372036854775808,9223372036854775807]"#,
        #"{"f":1.5,"g":-0.25,"h":1e-07,"i":6.02e+23}"#,
        #"{"s":"quote \" backslash \\ newline \n tab \t cr \r ctl \u0001 bs \b ff \f","u":"é日本🚀"}"#,
        #"{"empty":{},"list":[],"null":null,"t":true,"f":false}"#,
        #""just a string""#, "42", "null", "true",
    ]

    @Test("canonical compact JSON round-trips byte for byte", arguments: canonical)
    func byteForByte(text: String) throws {
        #expect(try JSON(parsing: text).serialized() == text)
        #expect(try JSON(parsing: Array(text.utf8)).serializedBytes() == Array(text.utf8))
    }

    @Test func integersStayExact() throws {
        let value = try JSON(parsing: "[9007199254740993, 9223372036854775807, 1.0, 10000000000000000000]")
        #expect(value[0] == .int(9007199254740993))
        #expect(value[0] != .int(9007199254740992))
        #expect(value[1] == .int(Int64.max))
        #expect(value[2]?.typeName == "number")
        #expect(value[3]?.typeName == "number")  // beyond Int64 becomes a float
    }

    @Test func keyOrderIsKeptAndIgnoredByEquality() throws {
        let a = try JSON(parsing: #"{"b":1,"a":2}"#)
        let b = try JSON(parsing: #"{"a":2,"b":1}"#)
        #expect(a.objectValue?.keys == ["b", "a"])
        #expect(a == b)
        #expect(a.serialized() != b.serialized())
    }

    @Test func escapesAndUnicode() throws {
        let value = try JSON(parsing: #""\u00e9\ud83d\ude80\/\u0041""#)
        #expect(value == "é🚀/A")
        #expect(JSON.string("a\u{1}b").serialized() == #""a\u0001b""#)
    }

    @Test func prettyPrinting() throws {
        let value: JSON = ["a": [1, 2], "b": [:]]
        #expect(value.prettyPrinted() == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
    }

    @Test("syntax errors name line and column", arguments: [
        ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7),
        ("[1, 2,\n]", 2, 1),
        ("{\"a\": tru}", 1, 7),
        ("\"unterminated", 1, 14),
        ("{} extra", 1, 4),
    ])
    func syntaxErrors(text: String, line: Int, column: Int) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSON(parsing: text) }
        #expect(error.line == line)
        #expect(error.column == column)
    }
}
