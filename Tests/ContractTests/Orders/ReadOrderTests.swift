import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-an-order-by-id
@Suite("Contract: get-an-order-by-id")
struct GetAnOrderByIdTests {
    typealias Demo = TestWorld.Demo

    @Test("get-an-order-by-id example 1: the order with its line items and links")
    func orderById() throws {
        let world = try TestWorld()
        let placed = try world.order([TestWorld.line(TestWorld.Offers.businessPremium, quantity: 3, term: "P1M")])
        let id = try #require(placed["id"]?.stringValue)
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(id)", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, OrderShapes.order())
        #expect(response["id"]?.stringValue == id)
        #expect(response["lineItems"]?[0]?["pricing"]?["listPrice"]?.doubleValue == 22)
        #expect(response["lineItems"]?[0]?["pricing"]?["extendedPrice"]?.doubleValue == 66)
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/customers/\(Demo.relecloud)/orders/\(id)")
    }

    @Test("error-codes error 404 20000: an order the caller did not place, or none, is not found and nothing changes")
    func orderNotFound() throws {
        let world = try TestWorld()
        let placed = try world.order([TestWorld.line()])
        let id = try #require(placed["id"]?.stringValue)
        let before = try world.snapshot()
        try expectRefused(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/00000000-0000-4000-8000-000000000000",
                                            as: "distributor-admin"), 404, 20000, world, unchanged: before)
        try expectRefused(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(id)", as: "reseller-admin"),
                          404, 20000, world, unchanged: before)
        try expectRefused(try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(id)x/provisioningstatus",
                                            as: "distributor-admin"), 404, 20000, world, unchanged: before)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-all-of-a-customer-s-orders
@Suite("Contract: get-all-of-a-customer-s-orders")
struct GetAllOfACustomersOrdersTests {
    typealias Demo = TestWorld.Demo

    @Test("get-all-of-a-customer-s-orders example 1: a collection of the customer's orders")
    func orders() throws {
        let world = try TestWorld()
        // The demo world's subscriptions come with their orders: two more are placed here.
        let seeded = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin")["totalCount"]?.intValue
        try world.order([TestWorld.line()])
        try world.order([TestWorld.line(TestWorld.Offers.azurePlan, quantity: 1, term: nil, cycle: nil)])
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders?size=500", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        // The Azure plan line has no term: the shapes of both kinds of line.
        expectShape(response.json, OrderShapes.collection(of: .any))
        #expect(response["totalCount"]?.intValue == (seeded ?? 0) + 2)
        for order in response.items {
            let hasTerm = order["lineItems"]?[0]?["termDuration"] != nil
            expectShape(order, OrderShapes.order(lineItem: OrderShapes.lineItem(term: hasTerm)))
        }
        let azure = try #require(response.items.last { $0["lineItems"]?[0]?["offerId"]?.stringValue == TestWorld.Offers.azurePlan })
        let license = try #require(response.items.last { $0["lineItems"]?[0]?["offerId"]?.stringValue == TestWorld.Offers.businessBasic })
        expectShape(license, OrderShapes.order())
        expectShape(azure, OrderShapes.order(lineItem: OrderShapes.lineItem(term: false)))
        #expect(azure["lineItems"]?[0]?["termDuration"] == nil)
        #expect(response["attributes"]?["objectType"]?.stringValue == "Collection")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-order-provisioning-status
@Suite("Contract: get-order-provisioning-status")
struct GetOrderProvisioningStatusTests {
    typealias Demo = TestWorld.Demo

    @Test("get-order-provisioning-status example 1: one fulfilled status per line with its quantity")
    func provisioningStatus() throws {
        let world = try TestWorld()
        let placed = try world.order([TestWorld.line(quantity: 4), TestWorld.line(TestWorld.Offers.businessPremium, quantity: 2, number: 1)])
        let id = try #require(placed["id"]?.stringValue)
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(id)/provisioningstatus",
                                         as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, OrderShapes.collection(of: OrderShapes.provisioningStatus))
        #expect(response["totalCount"]?.intValue == 2)
        #expect(response.items.map { $0["lineItemNumber"]?.intValue } == [0, 1])
        #expect(response.items.map { $0["quantityProvisioningInformation"]?[0]?["quantity"]?.intValue } == [4, 2])
        #expect(response.items.first?["status"]?.stringValue == "fulfilled")
        #expect(response.items.first?["attributes"]?["objectType"]?.stringValue == "OrderLineItemProvisioningStatus")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/error-codes
/// The error-code table's codes for an order line naming no catalog item.
@Suite("Contract: error-codes (orders)")
struct OrderErrorCodeTests {
    typealias Demo = TestWorld.Demo

    @Test("error-codes error 400 800004: an offer id the catalog does not hold (also as a three-segment id) is refused, nothing created")
    func invalidOfferId() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for offerId in ["NOT-AN-OFFER", "CFQ7TTC0ZZZZ:0001:CFQ7TTC0K5F8", "CFQ7TTC0LH18:0001:", "CFQ7TTC0LH18:0001:A:B"] {
            let response = try world.order([TestWorld.line(offerId)])
            try expectRefused(response, 400, 800004, world, unchanged: before)
            #expect(response["data"]?[0]?.stringValue == "lineItems[0].offerId", "\(response.text)")
        }
    }

    @Test("error-codes error 409 27009: an add-on for a suspended base is refused (SUB-3), nothing created")
    func addonOfInactiveBase() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(TestWorld.Offers.legacyE3)
        #expect(try world.patch(base, ["status": "suspended"]).status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.order([TestWorld.line(TestWorld.Offers.storageAddon, quantity: 1, term: "P1M", parent: base)]),
                          409, 27009, world, unchanged: before)
    }
}
