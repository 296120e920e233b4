import JSON
@testable import PartnerCenter
import Testing

enum SupportContactShape {
    static let shape: Shape = [
        "supportTenantId": .string, "supportMpnId": .string, "name": .string,
        "links": .object(["self": OrderShapes.link]), "attributes": OrderShapes.attributes,
    ]
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-a-subscription-s-support-contact
@Suite("Contract: get-a-subscription-s-support-contact")
struct GetSubscriptionSupportContactTests {
    typealias Demo = TestWorld.Demo

    @Test("get-a-subscription-s-support-contact example 1: the support contact (the billing partner until a reseller is named)")
    func get() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/subscriptions/\(id)/supportcontact", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SupportContactShape.shape)
        #expect(response["supportTenantId"]?.stringValue == Demo.contoso)
        #expect(response["attributes"]?["objectType"]?.stringValue == "SupportContact")
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/customers/\(Demo.relecloud)/subscriptions/\(id)/supportcontact")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/update-a-subscription-s-support-contact
@Suite("Contract: update-a-subscription-s-support-contact")
struct UpdateSubscriptionSupportContactTests {
    typealias Demo = TestWorld.Demo

    @Test("update-a-subscription-s-support-contact example 1: PUT names a reseller by tenant id, MPN id and name")
    func put() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        let path = "/v1/customers/\(Demo.relecloud)/subscriptions/\(id)/supportcontact"
        let response = try world.request(.put, path, as: "distributor-admin", body: [
            "supportTenantId": .string(Demo.fabrikam), "supportMpnId": "5100001", "name": "Fabrikam",
        ])
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, SupportContactShape.shape)
        #expect(response["supportTenantId"]?.stringValue == Demo.fabrikam)
        #expect(response["supportMpnId"]?.stringValue == "5100001")
        #expect(try world.column("support_contact_tenant_id", of: id) == Demo.fabrikam)
        #expect(try world.request(.get, path, as: "distributor-admin")["supportTenantId"]?.stringValue == Demo.fabrikam)
        // By MPN id alone.
        let byMpn = try world.request(.put, path, as: "distributor-admin", body: ["supportMpnId": "5500001"])
        #expect(byMpn["supportTenantId"]?.stringValue == Demo.wideworld, "\(byMpn.text)")
    }

    @Test("a support contact that is not one of the distributor's active resellers is 400 900414; a SalesAgent 403; nothing changes")
    func refused() throws {
        let world = try TestWorld()
        let id = try world.subscriptionId(TestWorld.Offers.businessBasic)
        let path = "/v1/customers/\(Demo.relecloud)/subscriptions/\(id)/supportcontact"
        let before = try world.snapshot()
        for body: JSON in [["supportTenantId": .string(Demo.northwind)], ["supportMpnId": "5100002"],
                           ["supportTenantId": .string(Demo.wideworld), "supportMpnId": "5100001"]] {
            try expectRefused(try world.request(.put, path, as: "distributor-admin", body: body), 400, 900414, world, unchanged: before)
        }
        try expectRefused(try world.request(.put, path, as: "distributor-admin", body: [:]), 400, 800002, world, unchanged: before)
        try expectRefused(try world.request(.put, path, as: "distributor-sales", body: ["supportTenantId": .string(Demo.fabrikam)]),
                          403, 900150, world, unchanged: before)
        #expect(try world.column("support_contact_tenant_id", of: id) == nil)
    }
}
