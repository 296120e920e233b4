import JSON
@testable import PartnerCenter
import Testing

/// Orders: creation, reading, line-item validation, and who may order for whom (ACC-9, CUS-3).
/// POR on orders (POR-3) is in POREnforcementTests.
@Suite("Orders")
struct OrdersTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    @Test("an order creates one subscription per line item, audited and confirmed by notification")
    func test_order_createsSubscriptions() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.order([
            TestWorld.line(Offers.businessBasic, quantity: 5, number: 0),
            TestWorld.line(Offers.azurePlan, quantity: 1, term: nil, cycle: nil, number: 1),
        ])
        #expect(response.status == 201, "\(response.text)")
        let orderId = try #require(response["id"]?.stringValue)
        #expect(response["attributes"]?["objectType"]?.stringValue == "Order")
        #expect(response["referenceCustomerId"]?.stringValue == Demo.relecloud)
        let lines = response["lineItems"]?.arrayValue ?? []
        #expect(lines.count == 2)
        #expect(lines.map { $0["partnerIdOnRecord"]?.stringValue } == ["5100001", "5100001"])
        let after = try world.snapshot()
        #expect(after["orders"] == (before["orders"] ?? 0) + 1)
        #expect(after["subscriptions"] == (before["subscriptions"] ?? 0) + 2)
        #expect(after["order_line_items"] == (before["order_line_items"] ?? 0) + 2)
        #expect(try world.auditCount("CreateOrder", resourceId: orderId, tenant: Demo.contoso) == 1)
        #expect(try world.notifications(kind: "OrderConfirmation", tenant: Demo.contoso).count == 1)

        // The subscriptions are real resources billed by the distributor, with the POR.
        let basicId = try #require(lines[0]["subscriptionId"]?.stringValue)
        let basic = try world.subscription(basicId)
        #expect(basic.status == 200)
        #expect(basic["quantity"]?.intValue == 5)
        #expect(basic["termDuration"]?.stringValue == "P1Y")
        #expect(basic["partnerId"]?.stringValue == "5100001")
        #expect(basic["orderId"]?.stringValue == orderId)
        #expect(basic["billingPartnerTenantId"]?.stringValue == Demo.contoso)
        expectTime(basic["commitmentEndDate"]?.stringValue, near: "2027-01-05T09:00:00Z")
        #expect(basic["autoRenewEnabled"]?.boolValue == true)
        // A usage-based Azure plan carries an Azure subscription id and no term.
        let azureId = try #require(lines[1]["subscriptionId"]?.stringValue)
        let azure = try world.subscription(azureId)
        #expect(azure["azureSubscriptionId"]?.stringValue != nil)
        #expect(azure["unitType"]?.stringValue == "Usage-based")
    }

    @Test("GET orders lists the caller's orders for the customer; GET orders/{id} reads one; strangers get 404")
    func test_order_read() throws {
        let world = try TestWorld()
        // The demo world's subscriptions come with the orders they were placed in.
        let seeded = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders?size=500", as: "distributor-admin")
        let seededIds = Set(seeded.items.map { $0["id"]?.stringValue })
        let first = try world.order([TestWorld.line()])
        let second = try world.order([TestWorld.line(Offers.businessPremium, quantity: 2, term: "P1M")])
        let ids = [first["id"]?.stringValue, second["id"]?.stringValue]
        let list = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders?size=500", as: "distributor-admin")
        #expect(list.status == 200)
        #expect(list["totalCount"]?.intValue == (seeded["totalCount"]?.intValue ?? 0) + 2)
        #expect(Set(list.items.map { $0["id"]?.stringValue }).subtracting(seededIds) == Set(ids))
        let one = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(ids[1] ?? "")", as: "distributor-sales")
        #expect(one.status == 200)
        #expect(one["lineItems"]?[0]?["offerId"]?.stringValue == Offers.businessPremium)
        // The reseller sees the customer but did not place the order.
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(ids[1] ?? "")", as: "reseller-admin").status == 404)
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders", as: "reseller-admin")["totalCount"]?.intValue == 0)
        // A partner with no relationship with the customer cannot see it at all.
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders", as: "directbill-admin").status == 404)
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/00000000-0000-4000-8000-000000000000",
                                  as: "distributor-admin").status == 404)
    }

    @Test("a bad line item is 400 800002 naming the field, and nothing is created", arguments: [
        (TestWorld.line(quantity: 0), "lineItems[0].quantity"),
        (TestWorld.line(Offers.azureLegacy, quantity: 2, term: nil, cycle: nil), "lineItems[0].quantity"),
        (TestWorld.line(cycle: "weekly"), "lineItems[0].billingCycle"),
        (TestWorld.line(term: "P2Y"), "lineItems[0].termDuration"),
        (TestWorld.line(Offers.storageAddon, quantity: 1, term: "P1M"), "lineItems[0].parentSubscriptionId"),
        (TestWorld.line(parent: "c4000000-0000-4000-8000-000000000001"), "lineItems[0].parentSubscriptionId"),
    ])
    func test_order_badLineItem(line: JSON, field: String) throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.order([line])
        try expectRefused(response, 400, 800002, world, unchanged: before)
        #expect(response["description"]?.stringValue?.contains(field) == true, "\(response.text)")
    }

    @Test("an offer the catalog does not hold is 400 800004 naming the line, and nothing is created")
    func test_order_unknownOffer() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.order([TestWorld.line("NOT-AN-OFFER")])
        try expectRefused(response, 400, 800004, world, unchanged: before)
        #expect(response["description"]?.stringValue?.contains("lineItems[0].offerId") == true, "\(response.text)")
    }

    @Test("an order needs at least one line item")
    func test_order_emptyOrder() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.order([]), 400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin", body: [:]),
                          400, 800002, world, unchanged: before)
    }

    @Test("only an AdminAgent places orders: a SalesAgent gets 403 900150")
    func test_order_adminAgentOnly() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line()], as: "distributor-sales"), 403, 900150, world, unchanged: before)
    }

    // MARK: ACC-9

    @Test("ACC-9 an indirect reseller cannot purchase: 403 900150 (wrong tenant for the route), nothing created")
    func test_ACC_9_indirectResellerCannotPurchase() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        // Fabrikam is the customer's indirect reseller: it sees Relecloud, but may not buy.
        let response = try world.order([TestWorld.line()], as: "reseller-admin")
        try expectRefused(response, 403, 900150, world, unchanged: before)
        let none = try world.order([TestWorld.line(por: nil)], as: "reseller-admin")
        try expectRefused(none, 403, 900150, world, unchanged: before)
    }

    @Test("ACC-9 a direct-bill partner ordering for a customer it gained as indirect reseller is refused: 403 700110")
    func test_ACC_9_directBillRefusesIndirectCustomer() throws {
        let world = try TestWorld.withLamnaCustomers()
        let before = try world.snapshot()
        // Lamna (direct bill + migrated indirect reseller) gained Coho through Contoso.
        let refused = try world.order([TestWorld.line(por: nil)], customer: TestWorld.Extra.coho, as: "migrated-admin")
        try expectRefused(refused, 403, 700110, world, unchanged: before)
        // Its own direct-bill customers it still buys for, with no POR needed.
        let own = try world.order([TestWorld.line(por: nil)], customer: Demo.trey, as: "migrated-admin")
        #expect(own.status == 201, "\(own.text)")
        let woodgrove = try world.order([TestWorld.line(por: nil)], customer: TestWorld.Extra.woodgrove, as: "migrated-admin")
        #expect(woodgrove.status == 201, "\(woodgrove.text)")
    }

    @Test("ACC-9 a direct-bill partner buys for its own customer: the subscription is billed by it")
    func test_ACC_9_directBillOwnCustomer() throws {
        let world = try TestWorld()
        let ids = try world.orderSubscriptions([TestWorld.line(Offers.legacyE3, quantity: 3, term: "P1M", por: nil)],
                                               customer: Demo.margies, as: "directbill-admin")
        let subscription = try world.subscription(ids[0], customer: Demo.margies, as: "directbill-admin")
        #expect(subscription["billingPartnerTenantId"]?.stringValue == Demo.litware)
        #expect(try world.column("gained_as", of: ids[0]) == "Direct")
    }

    // MARK: CUS-3

    @Test("CUS-3 a distributor without a relationship with the customer cannot order: the customer is invisible, 404")
    func test_CUS_3_noRelationship() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        // Margie's Travel is Litware's customer only.
        try expectRefused(try world.order([TestWorld.line()], customer: Demo.margies), 404, 1000, world, unchanged: before)
        // A customer id that does not exist looks the same (no existence leak).
        try expectRefused(try world.order([TestWorld.line()], customer: "c4000000-0000-4000-8000-0000000000ff"), 404, 1000,
                          world, unchanged: before)
    }

    @Test("CUS-3 once the distributor ends its relationship (relationshipToPartner none), ordering is 404")
    func test_CUS_3_relationshipEnded() throws {
        let world = try TestWorld()
        // Contoso is Trey Research's indirect provider: it can order...
        #expect(try world.order([TestWorld.line()], customer: Demo.trey).status == 201)
        let end = try world.request(.patch, "/v1/customers/\(Demo.trey)", as: "distributor-admin",
                                    body: ["relationshipToPartner": "none"])
        #expect(end.status == 200, "\(end.text)")
        // ...and no longer once the relationship has ended.
        let before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line()], customer: Demo.trey), 404, 1000, world, unchanged: before)
    }
}
