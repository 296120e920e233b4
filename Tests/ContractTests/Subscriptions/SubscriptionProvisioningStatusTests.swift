import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/get-subscription-provisioning-status
/// pcsim provisions synchronously: the status is always `success`, with the subscription's
/// current quantity and commitment end.
@Suite("Contract: get-subscription-provisioning-status")
struct SubscriptionProvisioningStatusTests {
    typealias Demo = TestWorld.Demo

    static let shape: Shape = [
        "skuId": .string, "status": .enumeration(["success", "pending", "failed"]), "quantity": .integer, "endDate": .dateTime,
        "attributes": .object(Shape([("objectType", .string)], required: ["objectType"])),
    ]

    func status(_ world: TestWorld, _ subscriptionId: String, as principal: String = "distributor-admin") throws -> TestResponse {
        try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(subscriptionId)/provisioningstatus", as: principal)
    }

    static func isGUID(_ text: String?) -> Bool {
        text.flatMap { UUID(uuidString: $0) } != nil
    }

    @Test("get-subscription-provisioning-status example 1: a license subscription's SKU, status, quantity and end date")
    func licenseSubscription() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.legacyE3)
        let subscription = try world.subscription(id)
        let response = try status(world, id)
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, Self.shape)
        #expect(response["skuId"]?.stringValue == TestWorld.Offers.legacyE3)
        #expect(response["status"]?.stringValue == "success")
        #expect(response["quantity"]?.intValue == subscription["quantity"]?.intValue)
        #expect(response["endDate"]?.stringValue == subscription["commitmentEndDate"]?.stringValue)
        #expect(response["attributes"]?["objectType"]?.stringValue == "SubscriptionProvisioningStatus")
    }

    @Test("get-subscription-provisioning-status: a change is provisioned at once; other catalog entries get a stable GUID SKU id")
    func synchronousAndSkuIds() throws {
        let world = try TestWorld()
        let basic = try world.orderSubscriptions([TestWorld.line(quantity: 3)])[0]
        let premium = try world.orderSubscriptions([TestWorld.line(TestWorld.Offers.businessPremium, quantity: 1)])[0]
        #expect(try world.patch(basic, ["quantity": 7]).status == 200)
        let changed = try status(world, basic)
        #expect(changed["status"]?.stringValue == "success")
        #expect(changed["quantity"]?.intValue == 7)
        #expect(Self.isGUID(changed["skuId"]?.stringValue), "\(changed.text)")
        let other = try world.orderSubscriptions([TestWorld.line(quantity: 1)])[0]
        #expect(try status(world, other)["skuId"] == changed["skuId"])
        #expect(try status(world, premium)["skuId"] != changed["skuId"])
        // Without a term (usage-based Azure) the end is the far-future date the subscription shows.
        let azure = try status(world, try world.subscriptionId(TestWorld.Offers.azurePlan))
        expectShape(azure.json, Self.shape)
        #expect(azure["endDate"]?.stringValue == "9999-12-10T00:00:00Z")
        #expect(Self.isGUID(azure["skuId"]?.stringValue))
    }

    @Test("get-subscription-provisioning-status: an unknown subscription, or one the caller cannot see, is 404 20003, nothing changes")
    func notFound() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectRefused(try status(world, "00000000-0000-4000-8000-000000000000"), 404, 20003, world, unchanged: before)
        // Trey's subscriptions are Lamna's: Contoso sees Trey's relationship, not its subscriptions.
        let trey = try world.subscriptionId(TestWorld.Offers.legacyE3, customer: Demo.trey)
        try expectRefused(try world.request(.get, "/v1/customers/\(Demo.trey)/subscriptions/\(trey)/provisioningstatus", as: "distributor-admin"),
                          404, 20003, world, unchanged: before)
    }
}

/// The live provisioning status read into the SDKs' SubscriptionProvisioningStatus.
@Suite("SDK models: subscription provisioning status")
struct SubscriptionProvisioningStatusSDKModelTests {
    typealias Demo = TestWorld.Demo

    @Test("the provisioning status of a legacy, a new-commerce and an Azure plan subscription reads into SubscriptionProvisioningStatus (dotnet and java)")
    func provisioningStatus() throws {
        let world = try TestWorld()
        let ids = [try world.subscriptionId(TestWorld.Offers.legacyE3), try world.subscriptionId(TestWorld.Offers.businessBasic),
                   try world.subscriptionId(TestWorld.Offers.azurePlan)]
        for id in ids {
            let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(id)/provisioningstatus", as: "distributor-admin")
            #expect(response.status == 200, "\(response.text)")
            for models in [SDKModels.dotnet, SDKModels.java] {
                models.expect(response.json, is: "SubscriptionProvisioningStatus")
            }
        }
    }
}
