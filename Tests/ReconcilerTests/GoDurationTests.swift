import Testing
@testable import Reconciler

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("30s", Duration.seconds(30)), ("5m", .seconds(300)), ("1h30m", .seconds(5400)),
        ("1.5h", .seconds(5400)), ("300ms", .milliseconds(300)), ("2h45m10s", .seconds(9910)),
        ("0", .zero), ("1m0s", .seconds(60)), ("100us", .microseconds(100)), (".5s", .milliseconds(500)),
    ])
    func parsesWhatGoParses(text: String, expected: Duration) {
        #expect(GoDuration.parse(text) == expected)
    }

    @Test(arguments: ["", "30", "5x", "m", "1h30", "1..5s", "s5", "1 m", "-", "1.2.3s"])
    func rejectsWhatGoRejects(text: String) {
        #expect(GoDuration.parse(text) == nil)
    }

    @Test func formatsAsGoPrints() {
        #expect(GoDuration.format(.seconds(300)) == "5m0s")
        #expect(GoDuration.format(.seconds(5400)) == "1h30m0s")
        #expect(GoDuration.format(.milliseconds(1500)) == "1.5s")
        #expect(GoDuration.format(.milliseconds(250)) == "250ms")
        #expect(GoDuration.format(.seconds(45)) == "45s")
        #expect(GoDuration.format(.zero) == "0s")
    }
}
