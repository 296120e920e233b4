import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 10 items 1 and 15: every number a client sends is range-checked before it is
/// converted, multiplied or added (400 800002 naming the field), so nothing traps and no
/// absurd amount is written.
@Suite("Hardening: numeric input")
struct HardeningNumericInputTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    @Test("Hardening: an order quantity of Int64.max (or above the seat limit, or 0) is 400 800002 naming the line, nothing created",
          arguments: [Int64.max, 10_001, 0, -1])
    func orderQuantityOutOfRange(_ quantity: Int64) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        var line = TestWorld.line(number: 1).objectValue ?? [:]
        line["quantity"] = .int(quantity)
        let response = try world.order([TestWorld.line(number: 0), .object(line)])
        try world.expectRefused(response, field: "lineItems[1].quantity", before: before)
    }

    @Test("Hardening: the largest allowed seat count is accepted")
    func orderQuantityAtTheLimit() throws {
        let world = try TestWorld()
        let response = try world.order([TestWorld.line(quantity: InputLimits.quantity.upperBound)])
        #expect(response.status == 201, "\(response.text)")
    }

    @Test("Hardening: a quantity of Int64.max in PATCH (seat count or scheduled change) is 400 naming it; the subscription is unchanged",
          arguments: [(["quantity": .int(Int64.max)] as JSONObject, "quantity"),
                      (["quantity": 10_001] as JSONObject, "quantity"),
                      (["scheduledNextTermInstructions": ["quantity": .int(Int64.max)]] as JSONObject, "scheduledNextTermInstructions.quantity")])
    func patchQuantityOutOfRange(_ body: JSONObject, _ field: String) throws {
        let world = try TestWorld()
        let id = try #require(try world.orderSubscriptions([TestWorld.line(quantity: 5)]).first)
        let before = try world.snapshot()
        let etagBefore = try world.subscription(id)["attributes"]?["etag"]
        let response = try world.patch(id, .object(body))
        try world.expectRefused(response, field: field, before: before)
        #expect(try world.subscription(id)["attributes"]?["etag"] == etagBefore)
        #expect(try world.column("quantity", of: id) == "5")
    }

    @Test("Hardening: cancelling after a refused Int64.max seat change credits the real seat count, not 2e20 USD")
    func creditStaysBounded() throws {
        let world = try TestWorld()
        let id = try #require(try world.orderSubscriptions([TestWorld.line(quantity: 5)]).first)
        _ = try world.patch(id, ["quantity": .int(Int64.max)])
        let cancelled = try world.patch(id, ["status": "deleted"])
        #expect(cancelled.status == 200, "\(cancelled.text)")
        // Business Basic is $6 a seat: 5 seats, cancelled within 72 hours, is a $30 full credit.
        #expect(cancelled["cancellationCredit"]?["amount"]?.doubleValue == 30)
    }

    @Test("Hardening: a migration quantity of Int64.max is 400 naming quantity; nothing migrates")
    func migrationQuantityOutOfRange() throws {
        let world = try TestWorld()
        let legacy = try world.subscriptionId(Offers.legacyE3)
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/customers/\(Demo.relecloud)/migrations/newcommerce", as: "distributor-admin",
                                         body: ["currentSubscriptionId": .string(legacy), "quantity": .int(Int64.max)])
        try world.expectRefused(response, field: "quantity", before: before)
    }

    @Test("Hardening: lineItemNumber outside 0...9999 is 400 naming it", arguments: [Int64.max, -1, 10_000])
    func lineItemNumberOutOfRange(_ number: Int64) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        var line = TestWorld.line().objectValue ?? [:]
        line["lineItemNumber"] = .int(number)
        try world.expectRefused(try world.order([.object(line)]), field: "lineItems[0].lineItemNumber", before: before)
    }

    @Test("Hardening: revenue beyond a trillion USD, negative or not finite is 400 naming it (partner status and enrollment)",
          arguments: [JSON.double(1e300), .double(-1), .int(Int64.max), .string("lots")])
    func revenueOutOfRange(_ revenue: JSON) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let status = try world.request(.patch, "/portal/partners/\(Demo.litware)", as: "microsoft-support",
                                       body: ["cspRevenueUsd": revenue])
        try world.expectRefused(status, field: "cspRevenueUsd", before: before)
        let newTenant = "e9000000-0000-4000-8000-000000000001"
        let enrollment = try world.request(.post, "/portal/enrollments", token: world.token(tenant: newTenant, roles: [.globalAdmin]),
                                           body: ["program": "DirectBill", "legalName": "Big", "cspRevenueLast12MonthsUsd": revenue,
                                                  "address": ["addressLine1": "1 Way", "city": "Town", "country": "US"],
                                                  "primaryContact": ["email": "a@big.example"], "supportEmail": "s@big.example"])
        try world.expectRefused(enrollment, field: "cspRevenueLast12MonthsUsd", before: before)
    }

    @Test("Hardening: a fixture revenue of -1e300 is refused at seed instead of trapping later in Int(revenue)")
    func fixtureRevenueOutOfRange() throws {
        let world = try TestWorld()
        var fixture = TestWorld.hardeningFixture()
        fixture["partners"] = [["key": "dist", "legalName": "Dist", "country": "US", "cspRevenueUsd": -1e300]]
        try world.expectSeedRefused(fixture, field: "partners[0].cspRevenueUsd")
    }

    @Test("Hardening: a fixture quantity outside 0...10000 is 400 naming it", arguments: [Int64.max, -1, 10_001])
    func fixtureQuantityOutOfRange(_ quantity: Int64) throws {
        let world = try TestWorld()
        let fixture = TestWorld.hardeningFixture(subscription: [
            "customer": "cust", "billingPartner": "dist", "offerId": .string(Offers.businessBasic), "quantity": .int(quantity)])
        try world.expectSeedRefused(fixture, field: "subscriptions[0].quantity")
    }

    @Test("Hardening: a legacy credit for a subscription created in 1970 is computed (no stepping month by month) and never exceeds the prepaid amount")
    func legacyCreditOfAnOldSubscription() throws {
        let fixture = TestWorld.hardeningFixture(subscription: [
            "customer": "cust", "billingPartner": "dist", "offerId": .string(Offers.legacyE3), "quantity": 10,
            "billingCycle": "monthly", "termDuration": "P1M", "createdAt": "1970-01-31T00:00:00Z"])
        let world = try TestWorld(fixture: .object(fixture))
        try world.setClock("9999-06-15T00:00:00Z")
        let id = try #require(try world.rows("SELECT id FROM subscriptions").first?.string("id"))
        let cancelled = try world.request(.patch, "/v1/customers/\(try world.firstCustomerId())/subscriptions/\(id)", as: "dist-admin",
                                          body: ["status": "deleted"])
        #expect(cancelled.status == 200, "\(cancelled.text)")
        let amount = try #require(cancelled["cancellationCredit"]?["amount"]?.doubleValue)
        #expect(amount >= 0 && amount <= 320, "E3 is $32 a seat a month: \(amount)")
    }

    @Test("Hardening: id lists checked element by element (relationship requests, transfer forms) hold at most 100 ids")
    func idListsAreBounded() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let ids: JSON = .array((0..<101).map { _ in .string(UUID().uuidString.lowercased()) })
        let request = try world.request(.post, "/portal/customers/\(Demo.relecloud)/relationship-requests", as: "northwind-admin",
                                        body: ["subscriptionIds": ids])
        try world.expectRefused(request, field: "subscriptionIds", before: before)
        let form = try world.request(.post, "/portal/transfer-forms", as: "distributor-admin",
                                     body: ["customerTenantId": .string(Demo.relecloud), "subscriptionIds": ids])
        try world.expectRefused(form, field: "subscriptionIds", before: before)
    }

    @Test("Hardening: a continuation token offset of 10^17 or more (up to Int.max) is 400 naming the token")
    func continuationOffsetOutOfRange() throws {
        let world = try TestWorld()
        for offset in [Int.max, Int.max - 50, 100_000_000_000_000_000] {
            let token = AppTestSupport.base64URL("offset:\(offset)")
            let response = try world.request(.get, "/v1/customers", as: "distributor-admin", headers: [("MS-ContinuationToken", token)])
            #expect(response.status == 400, "\(offset): \(response.text)")
            #expect(response["data"]?.arrayValue == ["MS-ContinuationToken"])
        }
    }
}

extension TestWorld {
    /// The tenant id of the first customer seeded (the only one of `hardeningFixture`).
    func firstCustomerId() throws -> String {
        guard let id = try rows("SELECT tenant_id FROM customers ORDER BY created_at, tenant_id LIMIT 1").first?.string("tenant_id") else {
            throw TestFailure("no customer")
        }
        return id
    }
}
