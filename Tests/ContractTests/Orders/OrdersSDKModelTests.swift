import JSON
@testable import PartnerCenter
import Testing

/// Live order responses read into the .NET and Java SDK models (Tests/ContractTests/SDKModels).
@Suite("SDK models: orders")
struct OrdersSDKModelTests {
    typealias Demo = TestWorld.Demo

    /// An order of a new-commerce license, an Azure plan (no term) and an add-on, with renewsTo.
    static func placedOrder(_ world: TestWorld) throws -> TestResponse {
        let base = try world.subscriptionId(TestWorld.Offers.legacyE3)
        var first = TestWorld.line(quantity: 2)
        if case .object(var object) = first { object["renewsTo"] = ["termDuration": "P1Y"]; first = .object(object) }
        return try world.order([first, TestWorld.line(TestWorld.Offers.azurePlan, quantity: 1, term: nil, cycle: nil, number: 1),
                                TestWorld.line(TestWorld.Offers.storageAddon, quantity: 1, term: "P1M", parent: base, number: 2)])
    }

    @Test("the Order of POST, GET by id and the order list read into Order (dotnet and java)")
    func order() throws {
        let world = try TestWorld()
        let placed = try Self.placedOrder(world)
        #expect(placed.status == 201, "\(placed.text)")
        let id = try #require(placed["id"]?.stringValue)
        let one = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(id)", as: "distributor-admin")
        let list = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders", as: "distributor-admin")
        for models in [SDKModels.dotnet, SDKModels.java] {
            models.expect(placed.json, is: "Order")
            models.expect(one.json, is: "Order")
            models.expectCollection(list.json, of: "Order")
        }
    }

    @Test("the provisioning status collection reads into OrderLineItemProvisioningStatus (dotnet and java)")
    func provisioningStatus() throws {
        let world = try TestWorld()
        let id = try #require(try Self.placedOrder(world)["id"]?.stringValue)
        let response = try world.request(.get, "/v1/customers/\(Demo.relecloud)/orders/\(id)/provisioningstatus", as: "distributor-admin")
        #expect(response.status == 200)
        SDKModels.dotnet.expectCollection(response.json, of: "OrderLineItemProvisioningStatus")
        SDKModels.java.expectCollection(response.json, of: "OrderLineItemProvisioningStatus")
    }
}
