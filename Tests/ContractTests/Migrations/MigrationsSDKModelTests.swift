import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Live migration responses read into the .NET SDK's NewCommerceMigrations models. The Java SDK
/// has no new-commerce migration models (docs/decisions.md, "Transfers and new-commerce migrations").
@Suite("SDK models: new-commerce migrations")
struct MigrationsSDKModelTests {
    @Test("a created, a read and a queried migration read as the .NET NewCommerceMigration, add-ons included")
    func migration() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let created = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        SDKModels.dotnet.expect(created.json, is: "NewCommerceMigration")
        #expect(created["addOnMigrations"]?.arrayValue?.count == 1)
        let id = try #require(created["id"]?.stringValue)
        SDKModels.dotnet.expect(try world.request(.get, "\(MigrationFixtures.path)/\(id)", as: "distributor-admin").json,
                                is: "NewCommerceMigration")
        let listed = try world.request(.get, "/v1/migrations/newcommerce?CustomerTenantId=\(MigrationFixtures.customer)", as: "distributor-admin")
        let items = try #require(listed.json.arrayValue)
        #expect(items.count == 1)
        for item in items { SDKModels.dotnet.expect(item, is: "NewCommerceMigration") }
    }

    @Test("an eligible and an ineligible verdict read as the .NET NewCommerceEligibility")
    func eligibility() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let eligible = try world.request(.post, "\(MigrationFixtures.path)/validate", as: "distributor-admin",
                                         body: ["currentSubscriptionId": .string(e3)])
        SDKModels.dotnet.expect(eligible.json, is: "NewCommerceEligibility")
        #expect(eligible["addOnMigrations"]?.arrayValue?.count == 1)
        let transfers = try TestWorld.transfers()
        let refused = try transfers.request(.post, "/v1/customers/\(TestWorld.Demo.trey)/migrations/newcommerce/validate", as: "migrated-admin",
                                            body: ["currentSubscriptionId": .string(TestWorld.TX.treyIntune)])
        SDKModels.dotnet.expect(refused.json, is: "NewCommerceEligibility")
        #expect(refused["errors"]?.arrayValue?.count == 1)
    }
}
