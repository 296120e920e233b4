import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-all-of-a-customer-s-subscriptions
@Suite("Contract: get-all-of-a-customer-s-subscriptions")
struct GetAllOfACustomersSubscriptionsTests {
    typealias Demo = TestWorld.Demo

    @Test("get-all-of-a-customer-s-subscriptions example 1: every subscription, none with a null commitment end")
    func subscriptions() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, OrderShapes.collection(of: .object(SubscriptionShapes.any)))
        #expect(response.items.count > 5)
        for item in response.items {
            #expect(item["commitmentEndDate"]?.stringValue != nil, "\(item.serializedText)")
            // The demo world's subscriptions too come with the order they were placed in.
            let orderId = try #require(item["orderId"]?.stringValue, "\(item.serializedText)")
            let order = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(orderId)", as: "distributor-admin")
            #expect(order["lineItems"]?[0]?["subscriptionId"] == item["id"])
        }
        let azure = response.items.first { $0["offerId"]?.stringValue == TestWorld.Offers.azurePlan }
        #expect(azure?["commitmentEndDate"]?.stringValue == "9999-12-10T00:00:00Z")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-a-subscription-by-id
@Suite("Contract: get-a-subscription-by-id")
struct GetASubscriptionByIdTests {
    typealias Demo = TestWorld.Demo
    typealias Offers = TestWorld.Offers

    @Test("get-a-subscription-by-id example 1: a standard (usage-based Azure in CSP) subscription")
    func standard() throws {
        let world = try TestWorld()
        let response = try world.subscription(try world.subscriptionId(Offers.azureLegacy))
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.azure)
        #expect(response["unitType"]?.stringValue == "Usage-based")
        #expect(response["billingType"]?.stringValue == "usage")
        #expect(response["commitmentEndDate"]?.stringValue == "9999-12-10T00:00:00Z")
        #expect(response["orderId"]?.stringValue != nil)
        #expect(response["attributes"]?["objectType"]?.stringValue == "Subscription")
    }

    @Test("get-a-subscription-by-id example 2: an add-on subscription, its parent in the body and the links")
    func addon() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(Offers.legacyE3)
        let response = try world.subscription(try world.subscriptionId(Offers.storageAddon, addon: true))
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.license)
        #expect(response["parentSubscriptionId"]?.stringValue == base)
        #expect(response["links"]?["parentSubscription"]?["uri"]?.stringValue == "/customers/\(Demo.relecloud)/subscriptions/\(base)")
        #expect(response["billingType"]?.stringValue == "license")
        #expect(response["unitType"]?.stringValue == "Licenses")
        // The base's catalog entry has an add-on: one can be bought for it; SUB-2 credits it partially.
        let parent = try world.subscription(base)
        expectShape(parent.json, SubscriptionShapes.license)
        #expect(parent["hasPurchasableAddons"]?.boolValue == true)
        #expect(parent["refundOptions"]?[0]?["type"]?.stringValue == "Partial")
        #expect(parent["links"]?["parentSubscription"] == nil)
    }

    @Test("get-a-subscription-by-id, Azure plan: a usage-based new-commerce Azure subscription")
    func azurePlan() throws {
        let world = try TestWorld()
        let response = try world.subscription(try world.subscriptionId(Offers.azurePlan))
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.azure)
        #expect(response["billingType"]?.stringValue == "usage")
        #expect(response["commitmentEndDate"]?.stringValue == "9999-12-10T00:00:00Z")
        #expect(response["cancellationAllowedUntilDate"] == nil)
        #expect(response["publisherName"]?.stringValue == "Microsoft Corporation")
    }

    @Test("get-a-subscription-by-id, new commerce: a license with its refund window and billing period")
    func newCommerce() throws {
        let world = try TestWorld()
        let ids = try world.orderSubscriptions([TestWorld.line(Offers.businessBasic, quantity: 3, term: "P1Y", cycle: "monthly")])
        let response = try world.subscription(try #require(ids.first))
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.newCommerce)
        // SUB-1: fully refundable for 72 hours after purchase.
        #expect(response["refundOptions"]?[0]?["type"]?.stringValue == "Full")
        #expect(response["refundOptions"]?[0]?["expiresAt"]?.stringValue == "2026-01-08T09:00:00Z")
        #expect(response["cancellationAllowedUntilDate"]?.stringValue == response["commitmentEndDate"]?.stringValue)
        #expect(response["billingCycleEndDate"]?.stringValue == "2026-02-05T09:00:00Z")
        #expect(response["renewalTermDuration"]?.stringValue == "P1Y")
        #expect(response["actions"]?.arrayValue?.compactMap(\.stringValue) == ["Edit", "Suspend", "Cancel"])
        #expect(response["suspensionReasons"]?.arrayValue == [])
        // After the window the refund option is gone.
        try world.advance("P4D")
        #expect(try world.subscription(try #require(ids.first))["refundOptions"]?.arrayValue == [])
    }

    @Test("error-codes error 404 20003: a subscription the caller may not see, or none, is not found and nothing changes")
    func notFound() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.subscription("00000000-0000-4000-8000-000000000000"), 404, 20003, world, unchanged: before)
        // Trey's subscriptions are Lamna's: Contoso sees Trey's relationship, not its subscriptions.
        let trey = try world.subscriptionId(Offers.legacyE3, customer: Demo.trey)
        let response = try world.request(.get, "/v1/customers/\(Demo.trey)/subscriptions/\(trey)", as: "distributor-admin")
        #expect(response.status == 404, "\(response.text)")
        #expect(try world.snapshot() == before)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-subscriptions-by-order
@Suite("Contract: get-a-list-of-subscriptions-by-order")
struct GetSubscriptionsByOrderTests {
    typealias Demo = TestWorld.Demo

    @Test("get-a-list-of-subscriptions-by-order example 1: only the subscriptions the order created")
    func byOrder() throws {
        let world = try TestWorld()
        let placed = try world.order([TestWorld.line(quantity: 2), TestWorld.line(TestWorld.Offers.businessPremium, quantity: 1, number: 1)])
        try world.order([TestWorld.line(quantity: 7)])
        let orderId = try #require(placed["id"]?.stringValue)
        let lineIds = Set((placed["lineItems"]?.arrayValue ?? []).compactMap { $0["subscriptionId"]?.stringValue })
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions?order_id=\(orderId)", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, OrderShapes.collection(of: .object(SubscriptionShapes.license)))
        #expect(response["totalCount"]?.intValue == 2)
        #expect(Set(response.items.compactMap { $0["id"]?.stringValue }) == lineIds)
        #expect(response.items.allSatisfy { $0["orderId"]?.stringValue == orderId })
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-all-subscriptions-by-partner
@Suite("Contract: get-all-subscriptions-by-partner")
struct GetAllSubscriptionsByPartnerTests {
    typealias Demo = TestWorld.Demo

    @Test("get-all-subscriptions-by-partner example 1: only the subscriptions whose Partner of Record is the MPN id")
    func byPartner() throws {
        // Before the POR enforcement date an order line may name no Partner of Record.
        let world = try TestWorld.beforeEnforcement()
        // A subscription without a Partner of Record, which the filter leaves out.
        _ = try world.orderSubscriptions([TestWorld.line(por: nil)], customer: Demo.relecloud, as: "distributor-admin")
        let all = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions?size=500", as: "distributor-admin")
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions?mpn_id=5100001&size=500", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, OrderShapes.collection(of: .object(SubscriptionShapes.any)))
        let withPOR = all.items.filter { $0["partnerId"]?.stringValue == "5100001" }.count
        #expect(withPOR > 0 && withPOR < all.items.count)
        #expect(response["totalCount"]?.intValue == Int64(withPOR))
        #expect(response.items.allSatisfy { $0["partnerId"]?.stringValue == "5100001" })
    }

    @Test("mpn_id and order_id together are 400 800002 (the reference: one cannot be combined with the other), nothing changes")
    func notCombined() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions?mpn_id=5100001&order_id=x",
                                            as: "distributor-admin"), 400, 800002, world, unchanged: before)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-a-list-of-add-ons-for-a-subscription
@Suite("Contract: get-a-list-of-add-ons-for-a-subscription")
struct GetAListOfAddOnsTests {
    typealias Demo = TestWorld.Demo

    @Test("get-a-list-of-add-ons-for-a-subscription example 1: the add-ons, each linked to its parent")
    func addons() throws {
        let world = try TestWorld()
        let base = try world.subscriptionId(TestWorld.Offers.legacyE3)
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(base)/addons", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, OrderShapes.collection(of: .object(SubscriptionShapes.license)))
        #expect(response["totalCount"]?.intValue == 1)
        let addon = try #require(response.items.first)
        #expect(addon["parentSubscriptionId"]?.stringValue == base)
        #expect(addon["links"]?["parentSubscription"]?["uri"]?.stringValue == "/customers/\(Demo.relecloud)/subscriptions/\(base)")
    }
}
