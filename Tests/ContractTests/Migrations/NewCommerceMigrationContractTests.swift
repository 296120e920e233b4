import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Relecloud's legacy E3 (with its add-on), billed by Contoso, in the demo world.
enum MigrationFixtures {
    static let customer = TestWorld.Demo.relecloud
    static let path = "/v1/customers/\(TestWorld.Demo.relecloud)/migrations/newcommerce"

    static func e3(_ world: TestWorld) throws -> (base: String, addOn: String) {
        let base = try #require(try world.rows("""
            SELECT id FROM subscriptions WHERE customer_id = ? AND offer_id = '796B6B5F-613C-4E24-A17C-EBA730D49C02' AND parent_subscription_id IS NULL
            """, [customer]).first?.string("id"))
        let addOn = try #require(try world.rows("SELECT id FROM subscriptions WHERE parent_subscription_id = ?", [base]).first?.string("id"))
        return (base, addOn)
    }

    static func migrate(_ world: TestWorld, _ body: JSON) throws -> TestResponse {
        try world.request(.post, path, as: "distributor-admin", body: body)
    }

    /// The documented properties of a NewCommerceMigration (create-migration, get-new-commerce-migration).
    static let migration: Shape = [
        "id": .string, "startedTime": .dateTime, "completedTime": .dateTime, "currentSubscriptionId": .string,
        "status": .enumeration(["Completed"]), "customerTenantId": .string, "catalogItemId": .string,
        "newCommerceSubscriptionId": .string, "newCommerceOrderId": .string, "subscriptionEndDate": .dateTime,
        "quantity": .integer, "termDuration": .string, "billingCycle": .enumeration(["Monthly", "Annual"]),
        "purchaseFullTerm": .boolean,
    ]

    static var withAddOns: Shape {
        var shape = migration
        shape.properties.append((name: "addOnMigrations", kind: .array(.object(migration))))
        shape.required.insert("addOnMigrations")
        return shape
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/create-migration
@Suite("Contract: create a new-commerce migration")
struct CreateMigrationContractTests {
    @Test("create-migration example 1: only currentSubscriptionId")
    func plain() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let response = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["currentSubscriptionId"]?.stringValue == e3)
        #expect(response["termDuration"]?.stringValue == "P1Y")
    }

    @Test("create-migration example 2: a new term duration and billing cycle")
    func termAndCycle() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let response = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3), "termDuration": "P1M", "billingCycle": "Monthly"])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["termDuration"]?.stringValue == "P1M")
        #expect(response["billingCycle"]?.stringValue == "Monthly")
    }

    @Test("create-migration example 3: purchaseFullTerm")
    func fullTerm() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let response = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3), "purchaseFullTerm": true])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["purchaseFullTerm"]?.boolValue == true)
    }

    @Test("create-migration example 4: add-ons as a flat addOnMigrations list with their own values")
    func addOns() throws {
        let world = try TestWorld()
        let (e3, addOn) = try MigrationFixtures.e3(world)
        let response = try MigrationFixtures.migrate(world, [
            "currentSubscriptionId": .string(e3), "quantity": 1, "billingCycle": "Annual", "purchaseFullTerm": false, "termDuration": "P1Y",
            "addOnMigrations": [["currentSubscriptionId": .string(addOn), "quantity": 1, "billingCycle": "Monthly",
                                 "purchaseFullTerm": false, "termDuration": "P1M"]],
        ])
        #expect(response.status == 201, "\(response.text)")
        let added = try #require(response["addOnMigrations"]?.arrayValue)
        #expect(added.count == 1)
        #expect(added.first?["currentSubscriptionId"]?.stringValue == addOn)
        #expect(added.first?["termDuration"]?.stringValue == "P1M")
        #expect(added.first?["billingCycle"]?.stringValue == "Monthly")
        let newAddOn = try #require(added.first?["newCommerceSubscriptionId"]?.stringValue)
        #expect(try world.rows("SELECT parent_subscription_id AS p FROM subscriptions WHERE id = ?", [newAddOn]).first?.string("p")
                == response["newCommerceSubscriptionId"]?.stringValue)
    }

    @Test("create-migration example 5: the migration with addOnMigrations")
    func response() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let response = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        expectShape(response.json, MigrationFixtures.withAddOns)
        let order = try #require(response["newCommerceOrderId"]?.stringValue)
        #expect(try world.count("order_line_items", where: "order_id = ?", [order]) == 2)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-new-commerce-migration
@Suite("Contract: get a new-commerce migration")
struct GetMigrationContractTests {
    @Test("get-new-commerce-migration example 1: the migration by id")
    func response() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let created = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3)])
        let id = try #require(created["id"]?.stringValue)
        let response = try world.request(.get, "\(MigrationFixtures.path)/\(id)", as: "distributor-admin")
        #expect(response.status == 200)
        expectShape(response.json, MigrationFixtures.withAddOns)
        #expect(response["id"]?.stringValue == id)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/validate-subscription-for-migration
@Suite("Contract: validate a subscription for migration")
struct ValidateMigrationContractTests {
    static let eligibility: Shape = Shape([("currentSubscriptionId", .string), ("isEligible", .boolean), ("catalogItemId", .string),
                                           ("errors", .array(.object(["code": .integer, "description": .string])))],
                                          required: ["currentSubscriptionId", "isEligible"])

    @Test("validate-subscription-for-migration example 1: the request with currentSubscriptionId")
    func request() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let before = try world.snapshot()
        let response = try world.request(.post, "\(MigrationFixtures.path)/validate", as: "distributor-admin",
                                         body: ["currentSubscriptionId": .string(e3)])
        #expect(response.status == 200, "\(response.text)")
        #expect(try world.snapshot() == before)
    }

    @Test("validate-subscription-for-migration example 2: not eligible, error code 5 (no new-commerce equivalent)")
    func notEligible() throws {
        let world = try TestWorld.transfers()
        let response = try world.request(.post, "/v1/customers/\(TestWorld.Demo.trey)/migrations/newcommerce/validate", as: "migrated-admin",
                                         body: ["currentSubscriptionId": .string(TestWorld.TX.treyIntune)])
        #expect(response.status == 200, "\(response.text)")
        expectShape(response.json, Self.eligibility.requiring(["currentSubscriptionId", "isEligible", "errors"]))
        #expect(response["isEligible"]?.boolValue == false)
        #expect(response["errors"]?[0]?["code"]?.intValue == 5)
    }

    @Test("validate-subscription-for-migration example 3: eligible, with the catalogItemId")
    func eligible() throws {
        let world = try TestWorld()
        let (e3, _) = try MigrationFixtures.e3(world)
        let response = try world.request(.post, "\(MigrationFixtures.path)/validate", as: "distributor-admin",
                                         body: ["currentSubscriptionId": .string(e3)])
        expectShape(response.json, Self.eligibility.requiring(["currentSubscriptionId", "isEligible", "catalogItemId"]))
        #expect(response["isEligible"]?.boolValue == true)
        #expect(response["catalogItemId"]?.stringValue == "CFQ7TTC0LFLZ:0001")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/query-migrated-subscriptions
@Suite("Contract: query new-commerce migrations")
struct QueryMigrationsContractTests {
    static func migrated(_ world: TestWorld) throws -> (e3: String, id: String, batch: String) {
        let (e3, _) = try MigrationFixtures.e3(world)
        let batch = "9ab61899-0b2b-4320-bd6d-8196c53607d6"
        let created = try MigrationFixtures.migrate(world, ["currentSubscriptionId": .string(e3), "externalReferenceId": .string(batch)])
        return (e3, try #require(created["id"]?.stringValue), batch)
    }

    @Test("query-migrated-subscriptions example 1: by customer, current subscription and batch")
    func allFilters() throws {
        let world = try TestWorld()
        let (e3, id, batch) = try Self.migrated(world)
        let response = try world.request(.get, "/v1/migrations/newcommerce?CustomerTenantId=\(MigrationFixtures.customer)"
                                         + "&CurrentSubscriptionId=\(e3.uppercased())&ExternalReferenceId=\(batch)", as: "distributor-admin")
        #expect(response.status == 200, "\(response.text)")
        #expect(response.json.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
    }

    @Test("query-migrated-subscriptions example 2: by current subscription only")
    func bySubscription() throws {
        let world = try TestWorld()
        let (e3, id, _) = try Self.migrated(world)
        let response = try world.request(.get, "/v1/migrations/newcommerce?CurrentSubscriptionId=\(e3)", as: "distributor-admin")
        #expect(response.json.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
        // Another partner does not see it.
        let other = try world.request(.get, "/v1/migrations/newcommerce?CurrentSubscriptionId=\(e3)", as: "directbill-admin")
        #expect(other.json.arrayValue?.isEmpty == true)
    }

    @Test("query-migrated-subscriptions example 3: a bare array of migrations with externalReferenceId")
    func response() throws {
        let world = try TestWorld()
        let (e3, _, batch) = try Self.migrated(world)
        let response = try world.request(.get, "/v1/migrations/newcommerce?CurrentSubscriptionId=\(e3)", as: "distributor-admin")
        var shape = MigrationFixtures.withAddOns
        shape.properties.append((name: "externalReferenceId", kind: .string))
        shape.required.insert("externalReferenceId")
        expectKind(response.json, .array(.object(shape)))
        #expect(response.json.arrayValue?.first?["externalReferenceId"]?.stringValue == batch)
    }
}
