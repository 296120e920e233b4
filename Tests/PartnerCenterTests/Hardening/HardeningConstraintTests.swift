import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 10 item 6: client input that would trip a UNIQUE, FOREIGN KEY or CHECK constraint is
/// refused before writing (400 800002 naming the field, or the domain's 409), never a 500
/// quoting SQL.
@Suite("Hardening: constraints reachable by input")
struct HardeningConstraintTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    @Test("Hardening: two order lines with the same lineItemNumber are 400 800002 naming the second, not 500 quoting UNIQUE")
    func duplicateLineItemNumber() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.order([TestWorld.line(number: 3), TestWorld.line(Offers.businessPremium, term: "P1M", number: 7),
                                        TestWorld.line(number: 3)])
        try world.expectRefused(response, field: "lineItems[2].lineItemNumber", before: before)
        #expect(response["description"]?.stringValue?.contains("lineItems[0]") == true, "\(response.text)")
    }

    @Test("Hardening: a line without lineItemNumber takes its index, which may not clash with another line's explicit number")
    func implicitLineItemNumberClash() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        var implicit = TestWorld.line().objectValue ?? [:]
        implicit["lineItemNumber"] = nil
        let response = try world.order([TestWorld.line(number: 1), .object(implicit)])   // index 1
        try world.expectRefused(response, field: "lineItems[1].lineItemNumber", before: before)
    }

    @Test("Hardening: a customer whose domain is taken is 409 700xxx, whatever the case of the domain; nothing created")
    func customerDomainTaken() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin", body: [
            "companyProfile": ["domain": "RELECLOUD"],
            "billingProfile": ["companyName": "Again", "defaultAddress": ["country": "US"]]])
        #expect(response.status == 409, "\(response.text)")
        #expect(try world.snapshot() == before)
    }

    static let fixtureConflicts: [(String, JSONObject, String)] = [
        ("the same tenant id for a partner and a customer",
         ["partners": [["key": "p", "tenantId": "e1000000-0000-4000-8000-000000000001", "legalName": "P", "country": "US"]],
          "customers": [["key": "c", "tenantId": "E1000000-0000-4000-8000-000000000001", "companyName": "C", "country": "US"]]],
         "customers[0].tenantId"),
        ("a PLA id used twice",
         ["partners": [["key": "p", "legalName": "P", "country": "US", "locations": [["plaId": "4800001"], ["plaId": "4800001"]]]]],
         "partners[0].locations[1].plaId"),
        ("a PGA id that is another partner's PLA id",
         ["partners": [["key": "p", "legalName": "P", "country": "US", "locations": [["plaId": "4800001"]]],
                       ["key": "q", "legalName": "Q", "country": "US", "pgaId": "4800001"]]],
         "partners[1].pgaId"),
        ("a malformed PGA id", ["partners": [["key": "p", "legalName": "P", "country": "US", "pgaId": "12"]]], "partners[0].pgaId"),
        ("one program listed twice",
         ["partners": [["key": "p", "legalName": "P", "country": "US",
                        "programs": [["program": "IndirectReseller"], ["program": "IndirectReseller", "status": "Pending"]]]]],
         "partners[0].programs[1].program"),
        ("a location status the schema does not know",
         ["partners": [["key": "p", "legalName": "P", "country": "US", "locations": [["status": "Closed"]]]]],
         "partners[0].locations[0].status"),
        ("a location in no CSP region",
         ["partners": [["key": "p", "legalName": "P", "country": "US", "locations": [["country": "XX"]]]]],
         "partners[0].locations[0].country"),
        ("two customers with one domain",
         ["customers": [["key": "a", "companyName": "Same Name", "country": "US"], ["key": "b", "companyName": "Same name!", "country": "US"]]],
         "customers[1].domain"),
        ("an explicit domain used twice",
         ["customers": [["key": "a", "companyName": "A", "domain": "x.example", "country": "US"],
                        ["key": "b", "companyName": "B", "domain": "X.example", "country": "US"]]],
         "customers[1].domain"),
        ("a malformed domain",
         ["customers": [["key": "a", "companyName": "A", "domain": "a..b", "country": "US"]]], "customers[0].domain"),
        ("a relationship with a customer instead of a partner",
         ["customers": [["key": "a", "companyName": "A", "country": "US"],
                        ["key": "b", "companyName": "B", "country": "US", "relationships": [["partner": "a"]]]]],
         "customers[1].relationships[0].partner"),
        ("a partnership of a partner with itself",
         ["partners": [["key": "p", "legalName": "P", "country": "US"]], "partnerships": [["distributor": "p", "reseller": "p"]]],
         "partnerships[0].reseller"),
        ("a subscription billed by a customer",
         ["customers": [["key": "a", "companyName": "A", "country": "US"]],
          "subscriptions": [["customer": "a", "billingPartner": "a", "offerId": "CFQ7TTC0LH18:0001"]]],
         "subscriptions[0].billingPartner"),
        ("a subscription id used twice",
         ["partners": [["key": "p", "legalName": "P", "country": "US"]], "customers": [["key": "a", "companyName": "A", "country": "US"]],
          "subscriptions": [["customer": "a", "billingPartner": "p", "offerId": "CFQ7TTC0LH18:0001", "id": "e2000000-0000-4000-8000-000000000001"],
                            ["customer": "a", "billingPartner": "p", "offerId": "CFQ7TTC0LH18:0001", "id": "E2000000-0000-4000-8000-000000000001"]]],
         "subscriptions[1].id"),
        ("a subscription id that is not a GUID",
         ["partners": [["key": "p", "legalName": "P", "country": "US"]], "customers": [["key": "a", "companyName": "A", "country": "US"]],
          "subscriptions": [["customer": "a", "billingPartner": "p", "offerId": "CFQ7TTC0LH18:0001", "id": "sub-1"]]],
         "subscriptions[0].id"),
        ("gainedAs the schema does not know",
         ["partners": [["key": "p", "legalName": "P", "country": "US"]], "customers": [["key": "a", "companyName": "A", "country": "US"]],
          "subscriptions": [["customer": "a", "billingPartner": "p", "offerId": "CFQ7TTC0LH18:0001", "gainedAs": "Sometimes"]]],
         "subscriptions[0].gainedAs"),
        ("a principal that is not an object",
         ["partners": [["key": "p", "legalName": "P", "country": "US", "principals": ["p-admin"]]]],
         "partners[0].principals[0]"),
    ]

    @Test("Hardening: a fixture entry that would violate a constraint is 400 naming it; the previous world stays",
          arguments: fixtureConflicts.indices)
    func fixtureConflict(_ index: Int) throws {
        let (_, fixture, field) = Self.fixtureConflicts[index]
        let world = try TestWorld()
        try world.expectSeedRefused(fixture, field: field)
    }

    @Test("Hardening: a fixture offer id in lower case refers to the catalog's entry (it used to fail the foreign key)")
    func fixtureOfferIdCase() throws {
        let fixture = TestWorld.hardeningFixture(subscription: ["customer": "cust", "billingPartner": "dist", "offerId": "cfq7ttc0lh18:0001"])
        let world = try TestWorld(fixture: .object(fixture))
        #expect(try world.rows("SELECT offer_id FROM subscriptions").first?.string("offer_id") == Offers.businessBasic)
    }

    @Test("Hardening: the demo world still seeds through POST /_sim/seed")
    func demoWorldSeeds() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/seed", rawBody: try TestWorld.demoFixture())
        #expect(response.status == 201, "\(response.text)")
    }
}
