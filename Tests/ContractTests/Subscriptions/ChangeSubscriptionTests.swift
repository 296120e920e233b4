import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/change-the-quantity-of-a-subscription
@Suite("Contract: change-the-quantity-of-a-subscription")
struct ChangeTheQuantityTests {
    @Test("change-the-quantity-of-a-subscription example 1: the whole subscription PATCHed back with a new quantity (200)")
    func quantity() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.legacyE3)
        let orderId = try #require(try world.subscription(id)["orderId"]?.stringValue)
        // The page's request: PascalCase members, read-only ones (dates, UnitType and
        // BillingType "none", OrderId, Attributes) beside the quantity.
        let response = try world.patch(id, [
            "Id": .string(id), "FriendlyName": "nickname", "Quantity": 2, "UnitType": "none", "ParentSubscriptionId": .null,
            "CreationDate": "2015-11-25T06:41:12Z", "EffectiveStartDate": "2015-11-24T08:00:00Z",
            "CommitmentEndDate": "2016-12-12T08:00:00Z", "Status": "active", "AutoRenewEnabled": false, "BillingType": "none",
            "PartnerId": .null, "ContractType": "subscription", "OrderId": .string(orderId),
            "Attributes": ["Etag": "<etag>", "ObjectType": "Subscription"],
        ])
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.license)
        #expect(response["quantity"]?.intValue == 2)
        #expect(response["friendlyName"]?.stringValue == "nickname")
        // AutoRenewEnabled is a value, not a default: the request turned renewal off.
        #expect(response["autoRenewEnabled"]?.boolValue == false)
        #expect(response["billingType"]?.stringValue == "license")
        #expect(response["orderId"]?.stringValue == orderId)
        #expect(try world.column("quantity", of: id) == "2")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/suspend-a-subscription
@Suite("Contract: suspend-a-subscription")
struct SuspendASubscriptionTests {
    @Test("suspend-a-subscription example 1: PATCH status suspended, with the suspension reason")
    func suspend() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessPremium)
        let response = try world.patch(id, ["Status": "suspended"])
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.newCommerce)
        #expect(response["status"]?.stringValue == "suspended")
        #expect(response["suspensionReasons"]?.arrayValue?.compactMap(\.stringValue) == ["PartnerInitiated"])
        #expect(response["actions"]?.arrayValue?.compactMap(\.stringValue) == ["Reactivate", "Cancel"])
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/reactivate-a-suspended-a-subscription
@Suite("Contract: reactivate-a-suspended-a-subscription")
struct ReactivateASubscriptionTests {
    @Test("reactivate-a-suspended-a-subscription example 1: PATCH status active")
    func reactivate() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessPremium)
        #expect(try world.patch(id, ["status": "suspended"]).status == 200)
        let response = try world.patch(id, ["Status": "active"])
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.newCommerce)
        #expect(response["status"]?.stringValue == "active")
        #expect(response["suspensionReasons"]?.arrayValue == [])
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/update-the-nickname-for-a-subscription
@Suite("Contract: update-the-nickname-for-a-subscription")
struct UpdateTheNicknameTests {
    @Test("update-the-nickname-for-a-subscription example 1: PATCH friendlyName renames it")
    func nickname() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        let response = try world.patch(id, ["FriendlyName": "Sales team seats"])
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SubscriptionShapes.newCommerce)
        #expect(response["friendlyName"]?.stringValue == "Sales team seats")
        #expect(try world.subscription(id)["friendlyName"]?.stringValue == "Sales team seats")
    }

    @Test("error-codes error 400 2011: a deleted subscription cannot be renamed or changed, and nothing changes")
    func deleted() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        #expect(try world.patch(id, ["status": "deleted"]).status == 200)
        let before = try world.snapshot()
        let name = try world.column("friendly_name", of: id)
        try expectRefused(try world.patch(id, ["friendlyName": "renamed"]), 400, 2011, world, unchanged: before)
        #expect(try world.column("friendly_name", of: id) == name)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/cancel-an-azure-marketplace-subscription
@Suite("Contract: cancel-an-azure-marketplace-subscription")
struct CancelANewCommerceSubscriptionTests {
    @Test("cancel-an-azure-marketplace-subscription example 1: the fetched subscription PATCHed back with status deleted")
    func cancel() throws {
        let world = try TestWorld()
        let id = try world.orderSubscriptions([TestWorld.line(TestWorld.Offers.businessBasic, quantity: 4)])[0]
        // As the page's C# does: GET the subscription, set its status, PATCH it.
        guard case .object(var object) = try world.subscription(id).json else { throw TestFailure("no subscription") }
        object["status"] = "deleted"
        let response = try world.patch(id, .object(object))
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, Shape(SubscriptionShapes.newCommerce.properties.map { ($0.name, $0.kind) },
                                         required: Set(SubscriptionShapes.common.map(\.0))))
        #expect(response["status"]?.stringValue == "deleted")
        #expect(response["cancellationDate"]?.stringValue != nil)
        #expect(response["actions"]?.arrayValue == [])
        // SUB-1: cancelled within the refund window, fully credited.
        #expect(response["cancellationCredit"]?["amount"]?.doubleValue == 24)
        #expect(try world.column("status", of: id) == "deleted")
    }
}

/// A PATCH built from an SDK object (both SDKs PATCH a whole Subscription): the defaults of a
/// fresh object and the read-only members of a fetched one change nothing.
@Suite("Contract: subscription PATCH from SDK objects")
struct SubscriptionPatchFromSDKTests {
    @Test("a fresh .NET Subscription with the quantity set and autoRenewEnabled set true changes only the quantity")
    func freshDotNetObject() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        let before = try world.subscription(id)
        let response = try world.patch(id, [
            "id": .null, "entitlementId": .null, "offerId": .null, "offerName": .null, "friendlyName": .null,
            "productType": .null, "quantity": 41, "unitType": .null, "parentSubscriptionId": .null,
            "creationDate": "0001-01-01T00:00:00", "effectiveStartDate": "0001-01-01T00:00:00",
            "commitmentEndDate": "0001-01-01T00:00:00", "status": "none", "autoRenewEnabled": true,
            "billingType": "none", "billingCycle": "unknown", "hasPurchasableAddons": false, "isTrial": false,
            "actions": .null, "termDuration": .null, "refundOptions": .null, "isMicrosoftProduct": false,
            "partnerId": .null, "suspensionReasons": .null, "contractType": "subscription",
            "links": ["self": .null], "orderId": .null, "attributes": ["objectType": "Subscription"],
        ])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["quantity"]?.intValue == 41)
        for member in ["status", "billingCycle", "termDuration", "friendlyName", "partnerId", "autoRenewEnabled", "offerId"] {
            #expect(response[member] == before[member], "\(member) changed")
        }
    }

    @Test("a fresh .NET Subscription with only the quantity set changes the quantity and turns renewal off; its null scheduledNextTermInstructions changes nothing")
    func freshDotNetObjectDefaults() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        #expect(try world.patch(id, ["scheduledNextTermInstructions": ["quantity": 30]]).status == 200)
        let before = try world.subscription(id)
        #expect(before["autoRenewEnabled"]?.boolValue == true)
        let setAt = try world.column("scheduled_set_at", of: id)
        // Every member at its .NET default: AutoRenewEnabled is a non-nullable bool (false),
        // ScheduledNextTermInstructions a class (null).
        let response = try world.patch(id, [
            "id": .null, "entitlementId": .null, "offerId": .null, "offerName": .null, "friendlyName": .null,
            "productType": .null, "quantity": 41, "unitType": .null, "parentSubscriptionId": .null,
            "creationDate": "0001-01-01T00:00:00", "effectiveStartDate": "0001-01-01T00:00:00",
            "commitmentEndDate": "0001-01-01T00:00:00", "status": "none", "autoRenewEnabled": false,
            "billingType": "none", "billingCycle": "unknown", "hasPurchasableAddons": false, "isTrial": false,
            "actions": .null, "termDuration": .null, "refundOptions": .null, "isMicrosoftProduct": false,
            "partnerId": .null, "suspensionReasons": .null, "contractType": "subscription",
            "scheduledNextTermInstructions": .null, "supportContact": .null,
            "links": ["self": .null], "orderId": .null, "attributes": ["objectType": "Subscription"],
        ])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["quantity"]?.intValue == 41)
        // decisions.md: false is a value, so a fresh object turns renewal off.
        #expect(response["autoRenewEnabled"]?.boolValue == false)
        #expect(try world.column("auto_renew", of: id) == "0")
        for member in ["status", "billingCycle", "termDuration", "friendlyName", "partnerId", "offerId",
                       "scheduledNextTermInstructions", "supportContact"] {
            #expect(response[member] == before[member], "\(member) changed")
        }
        #expect(try world.column("scheduled_set_at", of: id) == setAt)
    }

    @Test("a fetched subscription sent back with only its nickname changed renames it")
    func fetchedObject() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.legacyE3)
        guard case .object(var object) = try world.subscription(id).json else { throw TestFailure("no subscription") }
        object["friendlyName"] = "E3 for sales"
        let response = try world.patch(id, .object(object))
        #expect(response.status == 200, "\(response.text)")
        #expect(response["friendlyName"]?.stringValue == "E3 for sales")
        #expect(response["quantity"] == object["quantity"])
    }
}
