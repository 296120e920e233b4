import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// POR-4 and POR-8 for an add-on that carries a POR of its own, the visibility of the
/// migration query (CUS-7), and the subscription routes' 404 on the migration routes.
@Suite("New-commerce migration: add-ons' own POR, query visibility, unknown subscriptions")
struct MigrationAddOnAndVisibilityTests {
    typealias Demo = TestWorld.Demo

    /// Gives the add-on a POR of its own (the demo world's add-on shares its base's).
    static func setPOR(_ world: TestWorld, _ subscription: String, _ por: String) throws {
        try world.services.database.write { db in
            try db.run("UPDATE subscriptions SET partner_id_on_record = ? WHERE id = ?", [por, subscription])
        }
    }

    static func query(_ world: TestWorld, _ filter: String, as principal: String = "distributor-admin") throws -> [String] {
        let response = try world.request(.get, "/v1/migrations/newcommerce?\(filter)", as: principal)
        #expect(response.status == 200, "\(response.text)")
        return response.json.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test("POR-4 an add-on whose own POR is invalid blocks the migration with the verdict's code, validate reports it, nothing changes")
    func addOnPORIsValidated() throws {
        let world = try TestWorld()
        let (e3, addOn) = try MigrationFixtures.e3(world)
        try Self.setPOR(world, addOn, "5100002")   // Fabrikam's closed Denver office: 900151
        let before = try world.snapshot()
        let verdict = try world.request(.post, "\(MigrationFixtures.path)/validate", as: "distributor-admin",
                                        body: ["currentSubscriptionId": .string(e3)])
        #expect(verdict.status == 200)
        #expect(verdict["isEligible"]?.boolValue == false)
        #expect(verdict["errors"]?[0]?["code"]?.intValue == Int64(ErrorCode.partnerIdNotFound))
        let refused = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        #expect(refused.status == 400, "\(refused.text)")
        #expect(refused.code == ErrorCode.partnerIdNotFound)
        #expect(refused.text.contains(addOn))
        #expect(try world.snapshot() == before)
        // The base's POR alone is valid: with the add-on's POR put back, both routes accept.
        try Self.setPOR(world, addOn, "5100001")
        let eligible = try world.request(.post, "\(MigrationFixtures.path)/validate", as: "distributor-admin",
                                         body: ["currentSubscriptionId": .string(e3)])
        #expect(eligible["isEligible"]?.boolValue == true, "\(eligible.text)")
        #expect(try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)]).status == 201)
    }

    @Test("POR-8 a migration records the POR usage of every migrated subscription, an add-on's own POR included")
    func addOnPORUsageIsRecorded() throws {
        let world = try TestWorld()
        let (e3, addOn) = try MigrationFixtures.e3(world)
        try Self.setPOR(world, addOn, "5800001")   // Lamna, Contoso's indirect reseller
        let used = "SELECT partner_id AS p FROM por_usage WHERE distributor_id = ? ORDER BY partner_id"
        let before = try world.rows(used, [Demo.contoso]).compactMap { $0.string("p") }
        #expect(!before.contains("5800001"))
        let migrated = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        #expect(migrated.status == 201, "\(migrated.text)")
        let after = try world.rows(used, [Demo.contoso]).compactMap { $0.string("p") }
        #expect(after.contains("5100001"))
        #expect(after.contains("5800001"))
        // The new add-on keeps its own POR.
        let newAddOn = try #require(migrated["addOnMigrations"]?[0]?["newCommerceSubscriptionId"]?.stringValue)
        #expect(try world.rows("SELECT partner_id_on_record AS p FROM subscriptions WHERE id = ?", [newAddOn]).first?.string("p") == "5800001")
    }

    @Test("CUS-7 the migration query leaves out a customer whose relationship ended, as get-by-id does; an add-on's id finds its base's migration")
    func queryVisibility() throws {
        let world = try TestWorld()
        let (e3, addOn) = try MigrationFixtures.e3(world)
        let migrated = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        #expect(migrated.status == 201, "\(migrated.text)")
        let id = try #require(migrated["id"]?.stringValue)
        #expect(try Self.query(world, "CustomerTenantId=\(Demo.relecloud)") == [id])
        #expect(try Self.query(world, "CurrentSubscriptionId=\(e3)") == [id])
        // Decision: CurrentSubscriptionId is "the legacy ID of a subscription that has been
        // migrated"; an add-on's answers the migration of its base, which holds the add-on's.
        #expect(try Self.query(world, "CurrentSubscriptionId=\(addOn)") == [id])
        // CUS-7: Contoso's reservations for Relecloud are cancelled first (700305 otherwise), then
        // Contoso ends its relationship.
        try world.services.database.write { db in
            try db.run("""
                UPDATE subscriptions SET status = 'deleted' WHERE customer_id = ? AND billing_partner_id = ?
                AND offer_id IN (SELECT id FROM offers WHERE product_type = 'AzureReservation')
                """, [Demo.relecloud, Demo.contoso])
        }
        let ended = try world.request(.patch, "/v1/customers/\(Demo.relecloud)", as: "distributor-admin",
                                      body: ["relationshipToPartner": "none"])
        #expect(ended.status == 200, "\(ended.text)")
        let gone = try world.request(.get, "\(MigrationFixtures.path)/\(id)", as: "distributor-admin")
        #expect(gone.status == 404)
        #expect(try Self.query(world, "CustomerTenantId=\(Demo.relecloud)").isEmpty)
        #expect(try Self.query(world, "CurrentSubscriptionId=\(e3)").isEmpty)
        #expect(try Self.query(world, "CurrentSubscriptionId=\(addOn)").isEmpty)
    }

    @Test("an unknown subscription is 404 20003 on create and validate, as on the subscription routes")
    func unknownSubscription() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let unknown: JSON = ["currentSubscriptionId": "00000000-0000-4000-8000-000000000000"]
        let refused = try MigrationFixtures.migrate(world, unknown)
        #expect(refused.status == 404)
        #expect(refused.code == ErrorCode.subscriptionNotFound)
        let verdict = try world.request(.post, "\(MigrationFixtures.path)/validate", as: "distributor-admin", body: unknown)
        #expect(verdict.status == 404)
        #expect(verdict.code == ErrorCode.subscriptionNotFound)
        #expect(try world.snapshot() == before)
    }
}
