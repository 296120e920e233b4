import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/create-an-order
@Suite("Contract: create-an-order")
struct CreateAnOrderTests {
    typealias Demo = TestWorld.Demo

    @Test("create-an-order example 1: a new-commerce order with a POR and an order-level billing cycle")
    func newCommerceOrder() throws {
        let world = try TestWorld()
        // The page's request: a product:sku:availability catalog item id, PascalCase member
        // names, the attestation flag and additional POR ids (accepted and ignored).
        let response = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin", body: [
            "PartnerOnRecordAttestationAccepted": true,
            "lineItems": [[
                "offerId": "CFQ7TTC0LH18:0001:CFQ7TTC0K5F8", "quantity": 1, "lineItemNumber": 0,
                "PartnerIdOnRecord": "5100001", "AdditionalPartnerIdsOnRecord": ["5100001"],
            ]],
            "billingCycle": "monthly",
        ])
        #expect(response.status == 201, "\(response.text)")
        expectShape(response.json, OrderShapes.order())
        #expect(response["billingCycle"]?.stringValue == "monthly")
        #expect(response["currencyCode"]?.stringValue == "USD")
        #expect(response["currencySymbol"]?.stringValue == "$")
        #expect(response["alternateId"]?.stringValue == response["id"]?.stringValue)
        #expect(response["transactionType"]?.stringValue == "UserPurchase")
        #expect(response["attributes"]?["objectType"]?.stringValue == "Order")
        let line = try #require(response["lineItems"]?[0])
        // The line echoes the catalog item id it was given; the subscription is of the catalog entry.
        #expect(line["offerId"]?.stringValue == "CFQ7TTC0LH18:0001:CFQ7TTC0K5F8")
        #expect(line["partnerIdOnRecord"]?.stringValue == "5100001")
        #expect(line["pricing"]?["extendedPrice"]?.doubleValue == 6)
        #expect(response["totalPrice"]?.doubleValue == 6)
        let orderId = try #require(response["id"]?.stringValue)
        #expect(response["links"]?["provisioningStatus"]?["uri"]?.stringValue
                == "/customers/\(Demo.relecloud)/orders/\(orderId)/provisioningstatus")
        let subscription = try world.subscription(try #require(line["subscriptionId"]?.stringValue))
        #expect(subscription["offerId"]?.stringValue == "CFQ7TTC0LH18:0001")
        #expect(subscription["billingCycle"]?.stringValue == "monthly")
        #expect(subscription["orderId"]?.stringValue == orderId)
    }

    @Test("create-an-order example 2: an Azure reservation bought one-time with a currency and a provisioning context")
    func reservationOrder() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin", body: [
            "BillingCycle": "one_time", "CurrencyCode": "USD",
            "LineItems": [[
                "LineItemNumber": 0,
                "ProvisioningContext": ["subscriptionId": "3D5ECED6-1151-44C7-AEE6-70A4BB725666", "scope": "shared", "duration": "1Year"],
                "OfferId": "DZH318Z0BQ4T:0001:DZH318Z0DSM8", "FriendlyName": "A_sample_Azure_RI", "Quantity": 1,
                "PartnerIdOnRecord": "5100001",
            ]],
        ])
        #expect(response.status == 201, "\(response.text)")
        expectShape(response.json, OrderShapes.order())
        #expect(response["billingCycle"]?.stringValue == "one_time")
        #expect(response["currencyCode"]?.stringValue == "USD")
        let line = try #require(response["lineItems"]?[0])
        #expect(line["friendlyName"]?.stringValue == "A_sample_Azure_RI")
        #expect(line["quantity"]?.intValue == 1)
        #expect(line["offerId"]?.stringValue == "DZH318Z0BQ4T:0001:DZH318Z0DSM8")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/order-resources
/// The request members the resource pages document beside the examples: the order-level
/// billing cycle applies to lines naming none, `renewsTo` is echoed, and a currency the offers
/// are not priced in is refused.
@Suite("Contract: order request members")
struct OrderRequestMemberTests {
    typealias Demo = TestWorld.Demo

    @Test("the order-level billing cycle is every line's that names none; a line's own cycle wins; renewsTo is echoed")
    func orderLevelCycle() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin", body: [
            "billingCycle": "Annual",
            "lineItems": [
                ["offerId": "CFQ7TTC0LH18:0001", "quantity": 2, "termDuration": "P1Y", "partnerIdOnRecord": "5100001",
                 "renewsTo": ["termDuration": "P1M"]],
                ["offerId": "CFQ7TTC0LF8Q:0001", "quantity": 1, "termDuration": "P1M", "billingCycle": "monthly",
                 "partnerIdOnRecord": "5100001", "lineItemNumber": 1],
            ],
        ])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["billingCycle"]?.stringValue == "annual")
        #expect(response["lineItems"]?[0]?["billingCycle"]?.stringValue == "annual")
        #expect(response["lineItems"]?[0]?["renewsTo"]?["termDuration"]?.stringValue == "P1M")
        #expect(response["lineItems"]?[1]?["billingCycle"]?.stringValue == "monthly")
        #expect(response["totalPrice"]?.doubleValue == 34)
    }

    @Test("a currencyCode the offers are not priced in, or an order-level cycle an offer lacks, is 400 800002 and creates nothing")
    func refusedCurrencyAndCycle() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let line: JSON = ["offerId": "CFQ7TTC0LH18:0001", "quantity": 1, "partnerIdOnRecord": "5100001"]
        let euro = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                     body: ["currencyCode": "EUR", "lineItems": [line]])
        try expectRefused(euro, 400, 800002, world, unchanged: before)
        #expect(euro["description"]?.stringValue?.contains("currencyCode") == true, "\(euro.text)")
        let weekly = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin",
                                       body: ["billingCycle": "triennial", "lineItems": [line]])
        try expectRefused(weekly, 400, 800002, world, unchanged: before)
        #expect(weekly["description"]?.stringValue?.hasPrefix("billingCycle") == true, "\(weekly.text)")
    }

    @Test("a fresh .NET Order (billingCycle unknown, null members) orders on the offer's defaults")
    func freshSDKOrder() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin", body: [
            "id": .null, "alternateId": .null, "referenceCustomerId": .string(Demo.relecloud), "billingCycle": "unknown",
            "currencySymbol": .null, "creationDate": .null, "status": .null, "transactionType": .null, "links": .null,
            "partnerOnRecordAttestationAccepted": .null, "attributes": ["objectType": "Order"],
            "lineItems": [[
                "lineItemNumber": 0, "offerId": "CFQ7TTC0LH18:0001", "subscriptionId": .null, "parentSubscriptionId": .null,
                "termDuration": .null, "renewsTo": .null, "transactionType": .null, "friendlyName": "nce", "quantity": 3,
                "pricing": .null, "partnerIdOnRecord": "5100001", "additionalPartnerIdsOnRecord": .null,
                "attestationAccepted": .null, "links": .null, "attributes": ["objectType": "OrderLineItem"],
            ]],
        ])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["billingCycle"]?.stringValue == "monthly")
        #expect(response["lineItems"]?[0]?["termDuration"]?.stringValue == "P1M")
    }
}
