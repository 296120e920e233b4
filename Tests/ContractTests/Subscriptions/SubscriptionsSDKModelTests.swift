import JSON
@testable import PartnerCenter
import Testing

/// Live subscription responses read into the .NET and Java SDK models: the customer's whole
/// list (every kind of subscription the demo world holds, legacy, new commerce, Azure, add-on,
/// software, reservation, SaaS; one null commitment end would fail the .NET list), one
/// subscription, add-ons, a PATCH answer, a scheduled change and the support contact.
@Suite("SDK models: subscriptions")
struct SubscriptionsSDKModelTests {
    typealias Demo = TestWorld.Demo

    @Test("every subscription of the list, one by id, the add-ons and a changed one read into Subscription (dotnet and java)")
    func subscriptions() throws {
        let world = try TestWorld()
        let nce = try world.orderSubscriptions([TestWorld.line(quantity: 2)])[0]
        #expect(try world.patch(nce, ["scheduledNextTermInstructions": ["quantity": 5, "termDuration": "P1M"]]).status == 200)
        let suspended = try world.subscriptionId(TestWorld.Offers.businessPremium)
        let changed = try world.patch(suspended, ["status": "suspended"])
        let cancelled = try world.patch(try world.subscriptionId(TestWorld.Offers.saas), ["status": "deleted"])
        let list = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions", as: "distributor-admin")
        let base = try world.subscriptionId(TestWorld.Offers.legacyE3)
        let addons = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(base)/addons", as: "distributor-admin")
        let byOrder = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions?order_id=\(try #require(world.subscription(nce)["orderId"]?.stringValue))",
                                        as: "distributor-admin")
        #expect(list.items.count > 8)
        for models in [SDKModels.dotnet, SDKModels.java] {
            models.expectCollection(list.json, of: "Subscription")
            models.expectCollection(addons.json, of: "Subscription")
            models.expectCollection(byOrder.json, of: "Subscription")
            models.expect(try world.subscription(nce).json, is: "Subscription")
            models.expect(changed.json, is: "Subscription")
            models.expect(cancelled.json, is: "Subscription")
        }
    }

    @Test("the support contact of GET and PUT reads into SupportContact (dotnet and java)")
    func supportContact() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        let path = "/v1/customers/\(Demo.relecloud)/subscriptions/\(id)/supportcontact"
        let got = try world.request(.get, path, as: "distributor-admin")
        let put = try world.request(.put, path, as: "distributor-admin", body: ["supportTenantId": .string(Demo.fabrikam)])
        #expect(put.status == 200, "\(put.text)")
        for models in [SDKModels.dotnet, SDKModels.java] {
            models.expect(got.json, is: "SupportContact")
            models.expect(put.json, is: "SupportContact")
        }
    }
}
