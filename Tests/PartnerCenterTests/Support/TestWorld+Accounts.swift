import Foundation
import JSON
@testable import PartnerCenter

/// Helpers for the accounts, partnerships and POR tests (issue #3).
extension TestWorld {
    static func newTenantId() -> String { UUID().uuidString.lowercased() }

    /// A complete ACC-1 enrollment body; `overrides` replace top-level members.
    static func enrollmentBody(legalName: String = "Blue Yonder Airlines", country: String = "US",
                               email: String = "ceo@blueyonder.example", program: String? = nil) -> JSON {
        var object: JSONObject = [
            "legalName": .string(legalName),
            "address": ["addressLine1": "1 Main Street", "city": "Springfield", "postalCode": "12345", "country": .string(country)],
            "primaryContact": ["firstName": "Ada", "lastName": "Lovelace", "email": .string(email)],
            "supportContact": ["email": "support@blueyonder.example", "phone": "+1 555 0100"],
        ]
        if let program { object["program"] = .string(program) }
        return .object(object)
    }

    struct NewPartner {
        let tenantId: String
        let token: String
        let enrollmentId: String
    }

    /// A brand-new tenant enrolled as IndirectReseller (Pending), with a GlobalAdmin token.
    func enrollNewReseller(country: String = "US", legalName: String = "Blue Yonder Airlines") throws -> NewPartner {
        let tenantId = Self.newTenantId()
        let token = token(tenant: tenantId, roles: [.globalAdmin, .adminAgent])
        let response = try request(.post, "/portal/enrollments", token: token,
                                   body: Self.enrollmentBody(legalName: legalName, country: country))
        guard response.status == 201, let id = response["id"]?.stringValue else {
            throw TestFailure("enrollment failed: \(response.status) \(response.text)")
        }
        return NewPartner(tenantId: tenantId, token: token, enrollmentId: id)
    }

    /// Adds a location for the caller and answers its PLA id.
    func addLocation(token: String, country: String? = nil) throws -> String {
        let body: JSON = country.map { ["country": .string($0)] } ?? [:]
        let response = try request(.post, "/portal/locations", token: token, body: body)
        guard response.status == 201, let plaId = response["plaId"]?.stringValue else {
            throw TestFailure("location failed: \(response.status) \(response.text)")
        }
        return plaId
    }

    /// A new reseller taken all the way to Active: enrolled, approved, location, MPA.
    func activeNewReseller(country: String = "US", legalName: String = "Blue Yonder Airlines") throws -> (partner: NewPartner, plaId: String) {
        let partner = try enrollNewReseller(country: country, legalName: legalName)
        let approve = try request(.post, "/portal/enrollments/\(partner.enrollmentId)/approve", as: "microsoft-support")
        guard approve.status == 200 else { throw TestFailure("approve failed: \(approve.text)") }
        let plaId = try addLocation(token: partner.token)
        let mpa = try request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(plaId)])
        guard mpa.status == 200 else { throw TestFailure("mpa failed: \(mpa.text)") }
        return (partner, plaId)
    }

    /// The status of one program of a partner, from the database.
    func enrollmentStatus(_ tenantId: String, _ program: String = "IndirectReseller") throws -> String? {
        try rows("SELECT status FROM enrollments WHERE tenant_id = ? AND program = ?", [tenantId, program]).first?.string("status")
    }

    /// POST /v1/partners/validateresellers: the error code of each id (nil = valid).
    func verdicts(_ ids: [String], as principal: String = "distributor-admin") throws -> [String?] {
        let response = try request(.post, "/v1/partners/validateresellers", as: principal,
                                   body: ["partnerIds": .array(ids.map { .string($0) })])
        guard response.status == 200 else { throw TestFailure("validateresellers failed: \(response.status) \(response.text)") }
        let results = response["validationResults"]?.arrayValue ?? []
        guard results.map({ $0["partnerId"]?.stringValue }) == ids else { throw TestFailure("results not in request order: \(response.text)") }
        return results.map { $0["errorCode"]?.intValue.map { String($0) } }
    }

    func verdict(_ id: String, as principal: String = "distributor-admin") throws -> String? {
        try verdicts([id], as: principal)[0]
    }

    /// Notifications in the outbox (newest first).
    func outbox(tenantId: String? = nil, kind: String? = nil) throws -> [JSON] {
        var query: [String] = []
        if let tenantId { query.append("tenantId=\(tenantId)") }
        if let kind { query.append("kind=\(kind)") }
        return try request(.get, "/_sim/outbox?size=500&" + query.joined(separator: "&")).items
    }

    /// Audit records (newest first).
    func audit(tenantId: String? = nil, operation: String? = nil) throws -> [JSON] {
        var query: [String] = []
        if let tenantId { query.append("tenantId=\(tenantId)") }
        if let operation { query.append("operation=\(operation)") }
        return try request(.get, "/_sim/audit?size=500&" + query.joined(separator: "&")).items
    }

    /// The id of the partnership between two tenants (the newest one).
    func partnershipId(distributor: String, reseller: String) throws -> String {
        guard let id = try rows("SELECT id FROM partnerships WHERE distributor_id = ? AND reseller_id = ? ORDER BY requested_at DESC, id",
                                [distributor, reseller]).first?.string("id") else {
            throw TestFailure("no partnership \(distributor) -> \(reseller)")
        }
        return id
    }

    /// The demo world plus a second US distributor, Fourth Coffee (principal `fourthcoffee-admin`),
    /// partnered with Northwind.
    static func withSecondDistributor() throws -> TestWorld {
        guard case .object(var world) = try JSON.parse(try demoFixture()),
              case .array(var partners)? = world["partners"], case .array(var partnerships)? = world["partnerships"] else {
            throw TestFailure("demo fixture has an unexpected shape")
        }
        partners.append([
            "key": "fourthcoffee",
            "tenantId": .string(Demo.fourthCoffee),
            "legalName": "Fourth Coffee Distribution",
            "country": "US",
            "pgaId": "4200000",
            "primaryContactEmail": "partners@fourthcoffee.example",
            "programs": [["program": "Distributor", "status": "Active"]],
            "locations": [["plaId": "4200001"]],
            "mpaPlaId": "4200001",
            "principals": [["name": "fourthcoffee-admin", "roles": ["AdminAgent", "GlobalAdmin"]]],
        ])
        partnerships.append(["distributor": "fourthcoffee", "reseller": "northwind", "status": "Active"])
        world["partners"] = .array(partners)
        world["partnerships"] = .array(partnerships)
        return try TestWorld(fixture: .object(world))
    }
}

extension TestWorld.Demo {
    /// Only in `TestWorld.withSecondDistributor()`.
    static let fourthCoffee = "d1000000-0000-4000-8000-000000000002"
}

extension String {
    /// Percent-encoding for a query value (JSON filters).
    var queryEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self
    }
}

/// Timestamps written "now" may be a few seconds late: the simulated clock runs in real time
/// between requests. Compare to the minute.
func sameMinute(_ actual: String?, _ expected: String) -> Bool {
    guard let actual else { return false }
    return actual.prefix(16) == expected.prefix(16)
}
