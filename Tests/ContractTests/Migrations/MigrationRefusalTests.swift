import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// The refusals of the documented migration fields and routes (each changes nothing), and
/// POR-4 on the validation route.
@Suite("New-commerce migration fields: refusals and POR-4")
struct MigrationRefusalTests {
    @Test("POR-4 validation reports an invalid POR as the migration's refusal code, and changes nothing")
    func validateReportsPOR() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        #expect(try world.request(.patch, "/portal/partners/\(TestWorld.Demo.fabrikam)", as: "microsoft-support",
                                  body: ["status": "Suspended"]).status == 200)
        let before = try world.snapshot()
        let verdict = try world.request(.post, "\(MigrationFixtures.path)/validate", as: "distributor-admin",
                                        body: ["currentSubscriptionId": .string(e3)])
        #expect(verdict.status == 200)
        #expect(verdict["isEligible"]?.boolValue == false)
        #expect(verdict["errors"]?[0]?["code"]?.intValue == 900400)
        let refused = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        #expect(refused.status == 400)
        #expect(refused.code == 900400)
        #expect(try world.snapshot() == before)
    }

    @Test("an addOnMigrations entry that is not an add-on of the subscription, or is nested, is 400 800002 naming it")
    func addOnEntries() throws {
        let world = try TestWorld()
        let (e3, addOn) = try MigrationFixtures.e3(world)
        let before = try world.snapshot()
        let stranger = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3),
                                                             "addOnMigrations": [["currentSubscriptionId": .string(e3)]]])
        #expect(stranger.status == 400)
        #expect(stranger.code == 800002)
        #expect(stranger["data"]?[0]?.stringValue == "addOnMigrations[0].currentSubscriptionId")
        let nested = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3), "addOnMigrations": [
            ["currentSubscriptionId": .string(addOn), "addOnMigrations": [["currentSubscriptionId": .string(addOn)]]],
        ]])
        #expect(nested.status == 400)
        #expect(nested.code == 800002)
        let twice = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3), "addOnMigrations": [
            ["currentSubscriptionId": .string(addOn)], ["currentSubscriptionId": .string(addOn)],
        ]])
        #expect(twice.status == 400)
        #expect(twice.code == 800002)
        #expect(try world.snapshot() == before)
    }

    @Test("customTermEndDate: one in the past is 400 800002; one within the term becomes the new subscription's end")
    func customTermEndDate() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let before = try world.snapshot()
        let past = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3), "customTermEndDate": "2020-01-31T00:00:00Z"])
        #expect(past.status == 400)
        #expect(past.code == 800002)
        #expect(past["data"]?[0]?.stringValue == "customTermEndDate")
        #expect(try world.snapshot() == before)
        let end = Timestamp.format(try #require(Timestamp.parse(TestWorld.start)).addingTimeInterval(90 * 86_400))
        let aligned = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3), "customTermEndDate": .string(end)])
        #expect(aligned.status == 201, "\(aligned.text)")
        #expect(aligned["customTermEndDate"]?.stringValue == end)
        #expect(aligned["subscriptionEndDate"]?.stringValue == end)
        let newId = try #require(aligned["newCommerceSubscriptionId"]?.stringValue)
        #expect(try world.rows("SELECT commitment_end_at AS e FROM subscriptions WHERE id = ?", [newId]).first?.string("e") == end)
    }

    @Test("the migration query needs one of its filters, each a GUID: 400 800002 otherwise")
    func queryFilters() throws {
        let world = try TestWorld()
        let none = try world.request(.get, "/v1/migrations/newcommerce", as: "distributor-admin")
        #expect(none.status == 400)
        #expect(none.code == 800002)
        let bad = try world.request(.get, "/v1/migrations/newcommerce?CurrentSubscriptionId=nope", as: "distributor-admin")
        #expect(bad.status == 400)
        #expect(bad["data"]?[0]?.stringValue == "CurrentSubscriptionId")
    }

    @Test("the old undocumented /migrations paths are gone (404)")
    func oldPaths() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let before = try world.snapshot()
        let old = try world.request(.post, "/v1/customers/\(MigrationFixtures.customer)/migrations", as: "distributor-admin",
                                    body: ["currentSubscriptionId": .string(e3)])
        #expect(old.status == 404)
        #expect(try world.snapshot() == before)
    }
}
