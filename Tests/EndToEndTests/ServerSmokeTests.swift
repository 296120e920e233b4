import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// The foundation over a real socket: the app behind HTTPServer, with a file database.
@Suite("Server smoke")
struct ServerSmokeTests {
    @Test("the real server answers health, a token-protected profile, keeps the connection alive, and renders JSON errors")
    func smoke() throws {
        let live = try LiveSimulator()
        defer { live.stop() }
        let client = try live.client()

        // The control plane needs no token on loopback.
        let health = try client.request("GET", "/_sim/health")
        #expect(health.status == 200, "\(health)")
        #expect(health["status"]?.stringValue == "Healthy")
        #expect((health["schemaVersion"]?.intValue ?? 0) > 0)
        #expect(health["world"]?.stringValue == "demo")
        #expect(health.header("Content-Type")?.hasPrefix("application/json") == true)

        // Same connection (keep-alive), a principal's token.
        let profile = try client.request("GET", "/v1/profiles/mpn?mpnId=5100001", token: try live.token("distributor-admin"),
                                         headers: [("MS-RequestId", "smoke-1"), ("MS-CorrelationId", "corr-1")])
        #expect(profile.status == 200, "\(profile)")
        #expect(profile["mpnId"]?.stringValue == "5100001")
        #expect(profile["partnerName"]?.stringValue?.isEmpty == false)
        #expect(profile["profileType"]?.stringValue == "MpnProfile")
        #expect(profile.header("MS-RequestId") == "smoke-1")
        #expect(profile.header("MS-CorrelationId") == "corr-1")
        #expect(profile.header("Date") != nil)

        // Unknown route: 404 with the Partner Center error body, connection still usable.
        let missing = try client.request("GET", "/v1/no-such-thing", token: try live.token("distributor-admin"))
        #expect(missing.status == 404)
        #expect(missing.code != nil)
        #expect(missing["description"]?.stringValue?.isEmpty == false)
        #expect(missing["source"]?.stringValue == "PartnerCenterSimulator")

        // No token: 401 with WWW-Authenticate.
        let anonymous = try client.request("GET", "/v1/profiles/mpn?mpnId=5100001")
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)

        // Still the same connection.
        #expect(try client.request("GET", "/_sim/health").status == 200)
    }

    @Test("writes over the socket are visible to readers of the file database at once")
    func writeThenRead() throws {
        let live = try LiveSimulator()
        defer { live.stop() }
        let trey = "c4000000-0000-4000-8000-000000000003"
        try live.expect(201, "POST", "/portal/customers/\(trey)/agreements/mca", as: "trey-admin")
        let agreements = try live.expect(200, "GET", "/v1/customers/\(trey)/agreements?agreementType=MicrosoftCustomerAgreement",
                                         as: "distributor-admin")
        #expect(agreements["items"]?.arrayValue?.contains { $0["acceptanceMethod"]?.stringValue == "AdminCenter" } == true)
    }
}
