@testable import Service
import Testing

/// The loop's waiting requests: one reason per environment (the first), and a fetch done when
/// any request for the environment asked for one — drift alone reconciles against the
/// repository as last fetched.
@Suite struct ReconcileRequestsTests {
    @Test func driftAloneNeedsNoFetchButAPushForTheSameEnvironmentDoes() {
        let requests = ReconcileRequests()
        #expect(requests.add(["develop", "master"], reason: "drift: ConfigMap default/settings in develop", fetch: false))
        #expect(!requests.add(["develop"], reason: "github push of refs/heads/main"), "already waiting")
        let (reasons, fetchless) = requests.take()
        #expect(reasons == ["develop": "drift: ConfigMap default/settings in develop", "master": "drift: ConfigMap default/settings in develop"])
        #expect(fetchless == ["master"], "develop was pushed to: fetched first")
        #expect(requests.isEmpty)
        #expect(requests.add(["develop"], reason: "github push of refs/heads/main"))
        #expect(requests.take().fetchless.isEmpty)
    }
}
