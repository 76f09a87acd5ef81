import Testing
@testable import Manifests

/// Canonical quantities, from the tables of apimachinery's
/// `staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go` (TestQuantityParseEmit,
/// TestQuantityString's alternates) and `SetDefaults_ResourceList`'s rounding to millis.
@Suite struct SchemaQuantityTests {
    @Test(arguments: [
        ("1Ki", "1Ki"), ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1000M", "1G"), (".001Ki", "1024m"),
        (".000001Ki", "1024u"), (".000000001Ki", "1024n"), (".000000000001Ki", "2n"),
        ("307200Ki", "300Mi"), ("1025024Mi", "1001Gi"), ("1024Gi", "1Ti"), ("5000m", "5"), ("0.5", "500m"),
        ("1.08", "1080m"), ("1080000000n", "1080m"), ("1000u", "1m"), ("0.001T", "1G"), (".001e12", "1e9"),
        ("0.001e0", "1e-3"), ("1000e-12", "1e-9"), ("00", "0"), ("1000", "1k"), ("100m", "100m"), ("128Mi", "128Mi"),
        ("1.5Gi", "1536Mi"), ("0.1Gi", "107374182400m"), ("1025", "1025"), ("-1000m", "-1"), ("129e6", "129e6"),
    ])
    func canonicalForm(input: String, expected: String) throws {
        let quantity = try #require(KubeQuantity(parsing: input), "\(input) should parse")
        #expect(quantity.canonical == expected, "\(input)")
    }

    @Test func invalidQuantities() {
        for text in ["1.1.M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01e-", " 1", "1 ", ""] {
            #expect(KubeQuantity(parsing: text) == nil, "\(text)")
        }
    }

    @Test func numbersAndMillis() throws {
        #expect(KubeQuantity(JSON.int(2))?.canonical == "2")
        #expect(KubeQuantity(JSON.double(0.25))?.canonical == "250m")
        #expect(KubeQuantity(parsing: "0.0001")?.roundedUpToMillis.canonical == "1m")
        #expect(KubeQuantity(parsing: "1.0001Ki")?.roundedUpToMillis.canonical == "1024103m")
        #expect(KubeQuantity(JSON.bool(true)) == nil)
    }
}
