import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Cancellation credits: SUB-1 (new commerce, 72-hour window on the simulated clock) and
/// SUB-2 (legacy licenses, prepaid amount minus the days used, prorated by day). Prices come
/// from the catalog (migration 0003): Business Basic $6, Business Premium $22, E3 $32,
/// extra file storage $0.2 per seat and month.
@Suite("Cancellation credits")
struct CreditsTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    private func cancel(_ world: TestWorld, _ id: String, customer: String = Demo.relecloud,
                        as principal: String = "distributor-admin") throws -> JSON {
        let response = try world.patch(id, ["status": "deleted"], customer: customer, as: principal)
        guard response.status == 200 else { throw TestFailure("cancel failed: \(response.status) \(response.text)") }
        return try #require(response["cancellationCredit"], "\(response.text)")
    }

    // MARK: SUB-1

    @Test("SUB-1 a new-commerce subscription cancelled within 72 hours of purchase gets a full credit")
    func test_SUB_1_withinWindow() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)   // 40 seats, monthly, bought at the start
        try world.advance("PT71H")
        let credit = try cancel(world, id)
        #expect(credit["amount"]?.doubleValue == 240)
        #expect(credit["currency"]?.stringValue == "USD")
        #expect(credit["reason"]?.stringValue?.contains("72 hours") == true)
        #expect(credit["invoiceDate"]?.stringValue == "2026-02-01T00:00:00Z")
        let subscription = try world.subscription(id)
        #expect(subscription["status"]?.stringValue == "deleted")
        #expect(subscription["autoRenewEnabled"]?.boolValue == false)
        #expect(subscription["cancellationDate"]?.stringValue != nil)
        let stored = try world.rows("SELECT amount, partner_id FROM credits WHERE subscription_id = ?", [id])
        #expect(stored.count == 1)
        #expect(stored.first?.double("amount") == 240)
        #expect(stored.first?.string("partner_id") == Demo.contoso)
    }

    @Test("SUB-1 after 72 hours cancellation gives no credit or refund")
    func test_SUB_1_afterWindow() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic)
        try world.advance("PT72H1M")
        let credit = try cancel(world, id)
        #expect(credit["amount"]?.doubleValue == 0)
        #expect(credit["reason"]?.stringValue?.contains("no credit") == true)
        #expect(try world.subscription(id)["status"]?.stringValue == "deleted")
    }

    @Test("SUB-1 the window counts from the subscription's own purchase, on the simulated clock")
    func test_SUB_1_windowFromPurchase() throws {
        let world = try TestWorld()
        try world.advance("P10D")
        let ids = try world.orderSubscriptions([TestWorld.line(Offers.businessPremium, quantity: 2, term: "P1Y", cycle: "annual")])
        try world.advance("PT71H59M")
        // Annual billing: the whole prepaid year (2 x $22 x 12) comes back.
        #expect(try cancel(world, ids[0])["amount"]?.doubleValue == 528)
        let later = try world.orderSubscriptions([TestWorld.line(Offers.businessPremium, quantity: 2, term: "P1M")])
        try world.advance("PT72H1M")
        #expect(try cancel(world, later[0])["amount"]?.doubleValue == 0)
    }

    @Test("SUB-1 applies to direct-bill partners' new-commerce subscriptions too")
    func test_SUB_1_directBill() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.businessBasic, customer: Demo.trey)   // Lamna, 8 seats
        try world.advance("PT1H")
        #expect(try cancel(world, id, customer: Demo.trey, as: "migrated-admin")["amount"]?.doubleValue == 48)
    }

    // MARK: SUB-2

    @Test("SUB-2 cancelling a legacy license credits the prepaid amount minus the days used, prorated by day")
    func test_SUB_2_prorated() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.legacyE3)   // 25 seats x $32, monthly, 2026-01-05 to 2026-02-05 (31 days)
        try world.advance("P10D")                            // 2026-01-15: 11 days used (the day of cancellation counts)
        let credit = try cancel(world, id)
        #expect(credit["amount"]?.doubleValue == 516.13)     // 800 x 20 / 31
        #expect(credit["reason"]?.stringValue?.contains("20 of 31") == true, "\(credit)")
        #expect(credit["invoiceDate"]?.stringValue == "2026-02-01T00:00:00Z")   // on the next invoice
        #expect(try world.rows("SELECT invoice_date FROM credits WHERE subscription_id = ?", [id]).first?.string("invoice_date")
                == "2026-02-01T00:00:00Z")
    }

    @Test("SUB-2 cancelled on the day of purchase: one day used")
    func test_SUB_2_sameDay() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.legacyE3, customer: Demo.margies)   // Litware, 12 seats: $384 a month
        let credit = try cancel(world, id, customer: Demo.margies, as: "directbill-admin")
        #expect(credit["amount"]?.doubleValue == 371.61)     // 384 x 30 / 31
    }

    @Test("SUB-2 the proration uses the current billing period, here the second month")
    func test_SUB_2_secondPeriod() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.legacyE3)
        try world.advance("P40D")   // 2026-02-14: period 2026-02-05 to 2026-03-05 (28 days), 10 days used
        let response = try world.patch(id, ["status": "deleted"])
        #expect(response["cancellationCredit"]?["amount"]?.doubleValue == 514.29)   // 800 x 18 / 28
        // The add-on (10 seats x $0.2) follows its base (SUB-3) with its own prorated credit.
        #expect(response["addonCancellationCredits"]?[0]?["amount"]?.doubleValue == 1.29)   // 2 x 18 / 28
        #expect(response["cancellationCredit"]?["invoiceDate"]?.stringValue == "2026-03-01T00:00:00Z")
    }

    @Test("SUB-2 an annual legacy license credits the unused days of the prepaid year")
    func test_SUB_2_annual() throws {
        let world = try TestWorld()
        let ids = try world.orderSubscriptions([TestWorld.line(Offers.legacyE3, quantity: 10, term: "P1Y", cycle: "annual")])
        try world.advance("P100D")   // 101 of 365 days used
        #expect(try cancel(world, ids[0])["amount"]?.doubleValue == 2777.42)   // 3840 x 264 / 365
    }

    @Test("SUB-2 the 72-hour full credit is new commerce only: a legacy license cancelled within 72 hours is still prorated")
    func test_SUB_2_noFullCreditForLegacy() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(Offers.legacyE3)
        try world.advance("PT25H")   // 2 days used
        #expect(try cancel(world, id)["amount"]?.doubleValue == 748.39)   // 800 x 29 / 31
    }
}
