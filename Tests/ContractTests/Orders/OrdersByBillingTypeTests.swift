import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-orders-by-customer-and-billing-cycle-type
/// `billingType` keeps the orders with a line billed by that BillingCycleType member; a line
/// charged once is `none` in pcsim's catalog and `one_time` to the SDKs (docs/decisions.md).
@Suite("Contract: get-a-list-of-orders-by-customer-and-billing-cycle-type")
struct OrdersByBillingTypeTests {
    typealias Demo = TestWorld.Demo

    /// The ids of the caller's orders for Relecloud that `query` answers (size 500: one page).
    func ids(_ world: TestWorld, _ query: String) throws -> [String] {
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders?size=500&\(query)", as: "distributor-admin")
        #expect(response.status == 200, "\(query): \(response.text)")
        #expect(response["totalCount"]?.intValue == Int64(response.items.count))
        return response.items.compactMap { $0["id"]?.stringValue }
    }

    /// The ids of the distributor's Relecloud orders with a line of one of `cycles`, read from the store.
    func stored(_ world: TestWorld, _ cycles: [String]) throws -> Set<String> {
        let marks = cycles.map { _ in "?" }.joined(separator: ", ")
        return Set(try world.rows("""
            SELECT DISTINCT o.id AS id FROM orders o JOIN order_line_items l ON l.order_id = o.id
            WHERE o.customer_id = ? AND o.partner_id = ? AND l.billing_cycle IN (\(marks))
            """, [Demo.relecloud, Demo.contoso] + cycles.map { $0 }).compactMap { $0.string("id") })
    }

    @Test("get-a-list-of-orders-by-customer-and-billing-cycle-type example 1: billingType=onetime lists the one-time orders")
    func oneTimeOrders() throws {
        let world = try TestWorld()
        let reservation = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin", body: [
            "billingCycle": "one_time", "currencyCode": "USD",
            "lineItems": [["lineItemNumber": 0, "offerId": "DZH318Z0BQ4T:0001:DZH318Z0DSM8", "friendlyName": "A_sample_Azure_RI",
                           "quantity": 1, "partnerIdOnRecord": "5100001"]],
        ])
        let software = try world.order([TestWorld.line(TestWorld.Offers.software, quantity: 1, term: nil, cycle: "none")])
        let monthly = try world.order([TestWorld.line()])
        let (reservationId, softwareId, monthlyId) = (try #require(reservation["id"]?.stringValue), try #require(software["id"]?.stringValue),
                                                      try #require(monthly["id"]?.stringValue))
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders?billingType=onetime", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, OrderShapes.collection(of: .any))
        for order in response.items {
            let hasTerm = order["lineItems"]?[0]?["termDuration"] != nil
            expectShape(order, OrderShapes.order(lineItem: OrderShapes.lineItem(term: hasTerm)))
            // Every order listed has a line charged once.
            #expect(order["lineItems"]?.arrayValue?.contains { ["none", "one_time"].contains($0["billingCycle"]?.stringValue ?? "") } == true,
                    "\(order)")
        }
        let listed = response.items.compactMap { $0["id"]?.stringValue }
        #expect(listed.contains(reservationId) && listed.contains(softwareId))
        #expect(!listed.contains(monthlyId))
        #expect(Set(listed) == (try stored(world, ["none", "one_time"])))
        #expect(response["totalCount"]?.intValue == Int64(listed.count))
        let listedReservation = try #require(response.items.first { $0["id"]?.stringValue == reservationId })
        #expect(listedReservation["billingCycle"]?.stringValue == "one_time")
        #expect(response["attributes"]?["objectType"]?.stringValue == "Collection")
    }

    @Test("billingType: the docs', the .NET SDK's, the Java SDK's and the JSON spellings name one member; each member selects its lines")
    func spellingsAndMembers() throws {
        let world = try TestWorld()
        // An order of two lines billed differently is listed under each of their types.
        let mixed = try world.order([TestWorld.line(quantity: 2, cycle: "monthly"),
                                     TestWorld.line(TestWorld.Offers.businessPremium, quantity: 1, cycle: "annual", number: 1)])
        let mixedId = try #require(mixed["id"]?.stringValue)
        let oneTime = try ids(world, "billingType=onetime")
        for spelling in ["OneTime", "ONE_TIME", "one_time", "none", "None"] {
            #expect(try ids(world, "billingType=\(spelling)") == oneTime, "\(spelling)")
        }
        let monthly = try ids(world, "billingType=monthly")
        #expect(try ids(world, "billingType=Monthly") == monthly)
        #expect(try ids(world, "billingType=MONTHLY") == monthly)
        #expect(Set(monthly) == (try stored(world, ["monthly"])))
        let annual = try ids(world, "billingType=Annual")
        #expect(Set(annual) == (try stored(world, ["annual"])))
        #expect(monthly.contains(mixedId) && annual.contains(mixedId) && !oneTime.contains(mixedId))
        // Members no catalog entry bills by select nothing; unknown (the SDKs' initializer) names none.
        #expect(try ids(world, "billingType=Triennial") == [])
        #expect(try ids(world, "billingType=biennial") == [])
        let all = try ids(world, "")
        #expect(try ids(world, "billingType=Unknown") == all)
        #expect(Set(all).isSuperset(of: Set(monthly + annual + oneTime)))
    }

    @Test("billingType: the next page keeps the filter")
    func pagingKeepsTheFilter() throws {
        let world = try TestWorld()
        try world.order([TestWorld.line()])
        try world.order([TestWorld.line()])
        let first = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders?billingType=monthly&size=1", as: "distributor-admin")
        #expect(first.status == 200, "\(first.text)")
        let next = try #require(first["links"]?["next"]?["uri"]?.stringValue)
        #expect(next.contains("billingType=monthly"), "\(next)")
        #expect(first["totalCount"]?.intValue == Int64(try stored(world, ["monthly"]).count))
    }

    @Test("billingType: a value that is no BillingCycleType member is 400 800002 naming billingType, nothing changes")
    func unknownMember() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for value in ["weekly", "one-time", "monthly1"] {
            let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders?billingType=\(value)", as: "distributor-admin")
            try expectRefused(response, 400, 800002, world, unchanged: before)
            #expect(response["data"]?[0]?.stringValue == "billingType", "\(response.text)")
        }
    }
}
