import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Shared checks of the issue 10 hardening tests: a refusal is 400 800002 naming the field,
/// and changes nothing.
extension TestWorld {
    /// `response` is 400 800002 naming `field`, and the world's row counts equal `before`.
    func expectRefused(_ response: TestResponse, field: String, before: [String: Int],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == 400, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.code == 800002, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response["data"]?.arrayValue == [.string(field)], "\(response.text)", sourceLocation: sourceLocation)
        #expect(!response.text.contains("SQL") && !response.text.contains("constraint"), "\(response.text)",
                sourceLocation: sourceLocation)
        #expect(try snapshot() == before, "a refused request changed the world", sourceLocation: sourceLocation)
    }

    /// A minimal valid fixture: one distributor with a location, one customer it serves.
    static func hardeningFixture(subscription: JSONObject? = nil) -> JSONObject {
        var fixture: JSONObject = [
            "partners": [["key": "dist", "legalName": "Dist", "country": "US", "pgaId": "4900000",
                          "programs": [["program": "Distributor"]], "locations": [["plaId": "4900001"]],
                          "principals": [["name": "dist-admin", "roles": ["AdminAgent"]]]]],
            "customers": [["key": "cust", "companyName": "Cust", "country": "US",
                           "relationships": [["partner": "dist", "kind": "IndirectProvider"]]]],
        ]
        if let subscription { fixture["subscriptions"] = .array([.object(subscription)]) }
        return fixture
    }

    /// Seeds `fixture` over the demo world and expects it refused naming `field`, the demo
    /// world left exactly as it was.
    func expectSeedRefused(_ fixture: JSONObject, field: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try snapshot()
        let response = try request(.post, "/_sim/seed", body: .object(fixture))
        try expectRefused(response, field: field, before: before, sourceLocation: sourceLocation)
        #expect(try rows("SELECT value FROM sim_settings WHERE key = 'world.name'").first?.string("value") == "demo",
                sourceLocation: sourceLocation)
    }
}
