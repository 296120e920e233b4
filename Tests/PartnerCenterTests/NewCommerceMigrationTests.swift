import JSON
@testable import PartnerCenter
import Testing

/// Legacy-to-new-commerce migration, one of the changes POR-4 lists.
@Suite("New-commerce migration (POR-4)")
struct NewCommerceMigrationTests {
    static let legacyE3 = "796B6B5F-613C-4E24-A17C-EBA730D49C02"

    /// Relecloud's legacy E3 (with its add-on), billed by Contoso with POR 5100001.
    static func relecloudE3(_ world: TestWorld) throws -> String {
        let rows = try world.rows("SELECT id FROM subscriptions WHERE customer_id = ? AND offer_id = ? AND parent_subscription_id IS NULL",
                                  [TestWorld.Demo.relecloud, legacyE3])
        return try #require(rows.first?.string("id"))
    }

    static func migrate(_ world: TestWorld, _ subscription: String, as principal: String = "distributor-admin",
                        body extra: JSONObject = [:]) throws -> TestResponse {
        var body: JSONObject = ["currentSubscriptionId": .string(subscription), "termDuration": "P1Y", "billingCycle": "monthly"]
        for (key, value) in extra { body[key] = value }
        return try world.request(.post, "/v1/customers/\(TestWorld.Demo.relecloud)/migrations/newcommerce", as: principal, body: .object(body))
    }

    @Test("POR-4 a distributor migrates a legacy subscription with a valid POR: new-commerce subscription, add-on moved, legacy cancelled")
    func test_POR_4_migrationWithValidPOR() throws {
        let world = try TestWorld()
        let e3 = try Self.relecloudE3(world)
        let response = try Self.migrate(world, e3)
        #expect(response.status == 201, "\(response.text)")
        #expect(response["status"]?.stringValue == "Completed")
        #expect(response["catalogItemId"]?.stringValue == "CFQ7TTC0LFLZ:0001")
        let newId = try #require(response["newCommerceSubscriptionId"]?.stringValue)
        let fresh = try world.rows("SELECT * FROM subscriptions WHERE id = ?", [newId]).first
        #expect(fresh?.string("offer_id") == "CFQ7TTC0LFLZ:0001")
        #expect(fresh?.string("partner_id_on_record") == "5100001")
        #expect(fresh?.int("quantity") == 25)
        #expect(try world.rows("SELECT status FROM subscriptions WHERE id = ?", [e3]).first?.string("status") == "deleted")
        // The add-on followed its base (SUB-3) into new commerce.
        let addons = try world.rows("SELECT offer_id, status FROM subscriptions WHERE parent_subscription_id = ?", [newId])
        #expect(addons.map { $0.string("offer_id") } == ["CFQ7TTC0LHSV:0001"])
        let migration = try world.request(.get, "/v1/customers/\(TestWorld.Demo.relecloud)/migrations/newcommerce/\(response["id"]?.stringValue ?? "")",
                                          as: "distributor-admin")
        #expect(migration.status == 200)
        #expect(try world.count("audit_records", where: "operation = 'MigrateSubscription'") == 1)
        #expect(try world.count("notifications", where: "kind = 'MigrationCompleted'") == 1)
    }

    @Test("POR-4 a migration is blocked with the verdict's code when the POR is invalid, and nothing changes")
    func test_POR_4_migrationBlockedByPOR() throws {
        let world = try TestWorld()
        let e3 = try Self.relecloudE3(world)
        #expect(try world.request(.patch, "/portal/partners/\(TestWorld.Demo.fabrikam)", as: "microsoft-support",
                                  body: ["status": "Suspended"]).status == 200)
        let before = try world.snapshot()
        let refused = try Self.migrate(world, e3)
        #expect(refused.status == 400)
        #expect(refused.code == 900400)
        #expect(try world.snapshot() == before)
    }

    @Test("POR-5 before the enforcement date a migration is not checked against the POR")
    func test_POR_5_migrationBeforeEnforcement() throws {
        var configuration = SimulatorConfiguration()
        configuration.porEnforcementDate = Timestamp.parse("2027-01-01T00:00:00Z") ?? configuration.porEnforcementDate
        let world = try TestWorld(configuration: configuration)
        let e3 = try Self.relecloudE3(world)
        #expect(try world.request(.patch, "/portal/partners/\(TestWorld.Demo.fabrikam)", as: "microsoft-support",
                                  body: ["status": "Suspended"]).status == 200)
        #expect(try Self.migrate(world, e3).status == 201)
    }

    @Test("POR-4 migration refusals: not legacy, an add-on, a bad term, the reseller on record, a stranger, unknown")
    func test_POR_4_migrationRefusals() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let nce = try #require(try world.rows("SELECT id FROM subscriptions WHERE customer_id = ? AND offer_id = 'CFQ7TTC0LH18:0001'",
                                              [TestWorld.Demo.relecloud]).first?.string("id"))
        let e3 = try Self.relecloudE3(world)
        let addon = try #require(try world.rows("SELECT id FROM subscriptions WHERE parent_subscription_id = ?", [e3]).first?.string("id"))
        for (subscription, body, status, code) in [
            (nce, JSONObject(), 400, 800002), (addon, [:], 400, 800002), (e3, ["termDuration": "P3Y"], 400, 800002),
        ] as [(String, JSONObject, Int, Int)] {
            let refused = try Self.migrate(world, subscription, body: body)
            #expect(refused.status == status, "\(refused.text)")
            #expect(refused.code == code)
        }
        #expect(try Self.migrate(world, e3, as: "reseller-admin").code == 900150)        // on record, not billing
        #expect(try Self.migrate(world, e3, as: "directbill-admin").status == 404)       // no relationship with Relecloud
        #expect(try Self.migrate(world, "00000000-0000-4000-8000-000000000000").status == 404)
        #expect(try world.snapshot() == before)
    }
}
