import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// Helpers for the customer and relationship tests (issue #4).
extension TestWorld {
    /// Lamna's extra customers in `withLamnaCustomers()`: one it holds as direct-bill reseller
    /// (Woodgrove, extendable) and one it gained as indirect reseller through Contoso (Coho).
    enum Extra {
        static let woodgrove = "c4000000-0000-4000-8000-0000000000a1"
        static let coho = "c4000000-0000-4000-8000-0000000000a2"
        static let fourthCoffee = "c4000000-0000-4000-8000-0000000000a3"   // DE, no partner
    }

    /// The demo world plus extra customers (fixture format of demo-world.json).
    static func demo(adding customers: [JSON]) throws -> TestWorld {
        let demo = try JSON.parse(demoFixture())
        guard var object = demo.objectValue, var list = object["customers"]?.arrayValue else {
            throw TestFailure("demo world has no customers")
        }
        list += customers
        object["customers"] = .array(list)
        return try TestWorld(fixture: .object(object))
    }

    /// The demo world with Woodgrove (Lamna direct-bill customer), Coho (gained by Lamna as
    /// indirect reseller of Contoso) and Fourth Coffee (a German customer with no partner).
    static func withLamnaCustomers() throws -> TestWorld {
        try demo(adding: [
            ["key": "woodgrove", "tenantId": .string(Extra.woodgrove), "companyName": "Woodgrove Bank",
             "domain": "woodgrove.onmicrosoft.com", "country": "US",
             "relationships": [["partner": "lamna", "kind": "Reseller", "adminAccess": true]],
             "principals": [["name": "woodgrove-admin", "roles": ["CustomerAdmin"]]]],
            ["key": "coho", "tenantId": .string(Extra.coho), "companyName": "Coho Winery",
             "domain": "cohowinery.onmicrosoft.com", "country": "US",
             "relationships": [["partner": "contoso", "kind": "IndirectProvider", "adminAccess": true],
                               ["partner": "lamna", "kind": "IndirectReseller", "adminAccess": true]],
             "principals": [["name": "coho-admin", "roles": ["CustomerAdmin"]]]],
            ["key": "fourthcoffee", "tenantId": .string(Extra.fourthCoffee), "companyName": "Fourth Coffee",
             "domain": "fourthcoffee.onmicrosoft.com", "country": "DE",
             "principals": [["name": "fourthcoffee-admin", "roles": ["CustomerAdmin"]]]],
        ])
    }

    /// A POST /v1/customers body.
    static func customerBody(domain: String = "newco", companyName: String = "NewCo", country: String = "US",
                             associatedPartnerId: String? = nil) -> JSON {
        var object: JSONObject = [
            "companyProfile": ["domain": .string(domain)],
            "billingProfile": ["companyName": .string(companyName), "email": .string("it@\(domain).example"),
                               "defaultAddress": ["country": .string(country)]],
        ]
        if let associatedPartnerId { object["associatedPartnerId"] = .string(associatedPartnerId) }
        return .object(object)
    }

    /// The invitation id of a partner's CUS-1 relationship request link.
    func relationshipRequestLink(as principal: String) throws -> String {
        let response = try request(.get, "/v1/customers/relationshiprequests", as: principal)
        guard response.status == 200, let url = response["url"]?.stringValue,
              let id = url.split(separator: "/").last.map(String.init) else {
            throw TestFailure("no relationship request link: \(response.status) \(response.text)")
        }
        return id
    }

    func accept(_ invitationId: String, as principal: String? = nil, token: String? = nil) throws -> TestResponse {
        try request(.post, "/portal/invitations/\(invitationId)/accept", as: principal, token: token)
    }

    struct Relationship: Equatable, CustomStringConvertible {
        let partner: String
        let kind: String
        let status: String
        let adminAccess: Bool
        let origin: String
        let billingProfileShared: Bool
        var description: String { "\(partner) \(kind) \(status) admin=\(adminAccess) \(origin) shared=\(billingProfileShared)" }
    }

    /// Every relationship row of a customer (active and ended).
    func relationships(of customer: String, partner: String? = nil) throws -> [Relationship] {
        try rows("""
            SELECT * FROM customer_relationships WHERE customer_id = ? AND (?2 IS NULL OR partner_id = ?2) ORDER BY created_at, partner_id, kind
            """, [customer, partner]).map {
            Relationship(partner: $0.string("partner_id") ?? "", kind: $0.string("kind") ?? "", status: $0.string("status") ?? "",
                         adminAccess: $0.bool("admin_access") ?? false, origin: $0.string("origin") ?? "",
                         billingProfileShared: $0.bool("billing_profile_shared") ?? false)
        }
    }

    func activeKinds(of customer: String, partner: String) throws -> Set<String> {
        Set(try relationships(of: customer, partner: partner).filter { $0.status == "Active" }.map(\.kind))
    }

    func hasAdminAccess(_ partner: String, on customer: String) throws -> Bool {
        try relationships(of: customer, partner: partner).contains { $0.status == "Active" && $0.adminAccess }
    }

    func auditCount(_ operation: String, resourceId: String? = nil, tenant: String? = nil) throws -> Int {
        try count("audit_records", where: "operation = ? AND (?2 IS NULL OR resource_id = ?2) AND (?3 IS NULL OR tenant_id = ?3)",
                  [operation, resourceId, tenant])
    }

    func notifications(kind: String, tenant: String? = nil) throws -> [Row] {
        try rows("SELECT * FROM notifications WHERE kind = ? AND (?2 IS NULL OR recipient_tenant_id = ?2) ORDER BY created_at",
                 [kind, tenant])
    }

    /// Customer ids in GET /v1/customers for a principal (all pages of `size` 500).
    func customerIds(as principal: String, query: String = "") throws -> [String] {
        let response = try request(.get, "/v1/customers?size=500\(query)", as: principal)
        guard response.status == 200 else { throw TestFailure("list failed: \(response.status) \(response.text)") }
        return response.items.compactMap { $0["id"]?.stringValue }
    }

    static func filter(_ field: String, _ value: String) -> String {
        let json = JSON.object(["Field": .string(field), "Value": .string(value), "Operator": "starts_with"])
        let text = String(decoding: json.serialized(), as: UTF8.self)
        return "&filter=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text)
    }
}

/// A refused request: its status and code, and the world unchanged (row counts and the
/// given rows).
func expectRefused(_ response: TestResponse, _ status: Int, _ code: Int, _ world: TestWorld, unchanged before: [String: Int],
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.code == code, "\(response.text)", sourceLocation: sourceLocation)
    #expect(try world.snapshot() == before, "the refusal changed the world", sourceLocation: sourceLocation)
}
