import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// Opening a simulator on a database FILE (`Simulator.open`): migrations once and in order,
/// instance state that survives a restart (signing key, clock), the demo world only on a new
/// database, and all-or-nothing writes. The storage layer has its own tests of the same
/// properties (Tests/SQLiteTests/MigratorTests.swift, TransactionTests.swift), and
/// Tests/SQLiteTests/CrashTests.swift kills a writing process with SIGKILL to show that an
/// interrupted transaction leaves nothing behind; these tests check the app's use of it.
@Suite("Startup on a database file")
struct StartupTests {
    struct Boom: Error {}

    /// A temporary folder holding `pcsim.sqlite`, removed at the end of the test.
    final class Folder {
        let url: URL
        var databasePath: String { url.appendingPathComponent("pcsim.sqlite").path }
        init() throws { url = try AppTestSupport.temporaryDirectory() }
        deinit { try? FileManager.default.removeItem(at: url) }

        func open(_ configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws -> Services {
            var configuration = SimulatorConfiguration(databasePath: databasePath, readerCount: 1)
            configure(&configuration)
            return try Simulator.open(configuration, logger: AppTestSupport.quietLogger)
        }
    }

    static func count(_ services: Services, _ table: String) throws -> Int {
        let value = try services.database.read { db in try db.scalar("SELECT count(*) FROM \(table)") }
        if case .integer(let n) = value { return Int(n) }
        return -1
    }

    static func worldName(_ services: Services) throws -> String? {
        try services.database.read { db in try Settings.get(Settings.world, db) }
    }

    static func migrations(_ services: Services) throws -> [(id: Int, name: String, appliedAt: String)] {
        try services.database.read { db in
            try db.query("SELECT id, name, applied_at FROM schema_migrations ORDER BY id").map {
                ($0.int("id") ?? -1, $0.string("name") ?? "", $0.string("applied_at") ?? "")
            }
        }
    }

    @Test("migrations are applied in order on a new database, and not again on reopening")
    func migrationsOnce() throws {
        let folder = try Folder()
        let first = try folder.open()
        let applied = try Self.migrations(first)
        #expect(applied.count >= 3)
        #expect(applied.map(\.id) == Array(1...applied.count), "numbered 1, 2, 3... with no gap")
        #expect(Array(applied.map(\.name).prefix(3)) == ["schema", "regions", "offers"])
        // Applied one after the other in id order: their times never go backwards.
        #expect(applied.map(\.appliedAt) == applied.map(\.appliedAt).sorted())
        #expect(try first.schemaVersion() == applied.count)
        let regions = try Self.count(first, "regions")
        #expect(regions > 0)
        #expect(try Self.count(first, "offers") > 0)
        first.database.close()

        let second = try folder.open()
        let reapplied = try Self.migrations(second)
        #expect(reapplied.map(\.id) == applied.map(\.id))
        #expect(reapplied.map(\.appliedAt) == applied.map(\.appliedAt), "nothing was applied a second time")
        #expect(try Self.count(second, "regions") == regions, "reference data was not inserted twice")
        second.database.close()
    }

    @Test("the signing key is generated once and stored, so tokens survive a restart")
    func signingKeyPersists() throws {
        let folder = try Folder()
        let first = try folder.open()
        let token = first.tokens.mint(tenantId: TestWorld.Demo.contoso, objectId: "survivor", roles: [.adminAgent], identityType: .user)
        let storedKey = try first.database.read { db in try Settings.get(Settings.signingKey, db) }
        #expect(storedKey?.count == 64, "32 random bytes, hex")
        first.database.close()

        let second = try folder.open()
        #expect(try second.database.read { db in try Settings.get(Settings.signingKey, db) } == storedKey)
        #expect(try second.tokens.principal(fromAuthorization: "Bearer \(token)").objectId == "survivor")
        let app = PartnerCenterApp(services: second)
        let response = TestResponse(app.handle(HTTPRequest(method: .get, target: "/portal/partnerships",
                                                           headers: HTTPHeaders([("Authorization", "Bearer \(token)")]))))
        #expect(response.status == 200, "\(response.text)")
        second.database.close()

        // Another database has another key: the token means nothing there.
        let otherFolder = try Folder()
        let other = try otherFolder.open()
        #expect(throws: TokenService.VerificationError.self) { try other.tokens.principal(fromAuthorization: "Bearer \(token)") }
        other.database.close()
    }

    @Test("a configured signing key is used instead of the stored one")
    func configuredSigningKey() throws {
        let folder = try Folder()
        let first = try folder.open { $0.signingKey = "configured-key" }
        let token = first.tokens.mint(tenantId: TestWorld.Demo.contoso, objectId: "x", roles: [.adminAgent], identityType: .user)
        first.database.close()
        let again = try folder.open { $0.signingKey = "configured-key" }
        #expect(throws: Never.self) { try again.tokens.principal(fromAuthorization: "Bearer \(token)") }
        again.database.close()
        let stored = try folder.open()
        #expect(throws: TokenService.VerificationError.self) { try stored.tokens.principal(fromAuthorization: "Bearer \(token)") }
        stored.database.close()
    }

    @Test("SIM-1 the clock set through the control plane survives a restart")
    func clockPersists() throws {
        let folder = try Folder()
        let first = try folder.open()
        let app = PartnerCenterApp(services: first)
        let response = app.handle(HTTPRequest(method: .post, target: "/_sim/clock", body: Array(#"{"now": "2030-06-03T12:00:00Z"}"#.utf8)))
        #expect(response.status.code == 200)
        first.database.close()

        let second = try folder.open()
        expectTime(Timestamp.format(second.clock.now), near: "2030-06-03T12:00:00Z")
        second.database.close()
    }

    @Test("the demo world is loaded on a new database only")
    func demoOnNewDatabaseOnly() throws {
        let folder = try Folder()
        let first = try folder.open()
        #expect(try Self.worldName(first) == "demo")
        let demo = try AppTestSupport.demoCounts()
        #expect(try Self.count(first, "partners") == demo.partners)
        #expect(try Self.count(first, "principals") == demo.principals)
        let reset = PartnerCenterApp(services: first).handle(HTTPRequest(method: .post, target: "/_sim/reset"))
        #expect(reset.status.code == 200)
        first.database.close()

        let second = try folder.open()
        #expect(try Self.worldName(second) == "empty")
        #expect(try Self.count(second, "partners") == 0, "an existing database keeps its (empty) world")
        second.database.close()
    }

    @Test("empty: true starts a new database with reference data and no world, for good")
    func emptyDatabase() throws {
        let folder = try Folder()
        let first = try folder.open { $0.empty = true }
        #expect(try Self.worldName(first) == "empty")
        #expect(try Self.count(first, "partners") == 0)
        #expect(try Self.count(first, "principals") == 0)
        #expect(try Self.count(first, "regions") > 0)
        first.database.close()
        let second = try folder.open()
        #expect(try Self.count(second, "partners") == 0)
        second.database.close()
    }

    @Test("opening without loading a world leaves a new database for the next start to seed")
    func noWorldForTools() throws {
        let folder = try Folder()
        let tool = try folder.open { $0.loadsWorld = false }
        #expect(try Self.worldName(tool) == nil)
        #expect(try Self.count(tool, "partners") == 0)
        tool.database.close()
        let server = try folder.open()
        #expect(try Self.worldName(server) == "demo")
        server.database.close()
    }

    @Test("SIM-3 a seed file replaces the demo world on a new database; a bad one stops startup")
    func seedFile() throws {
        let folder = try Folder()
        let fixture = folder.url.appendingPathComponent("world.json")
        try Data(SimulationTests.smallFixture.serialized()).write(to: fixture)
        let services = try folder.open { $0.seedFile = fixture.path }
        #expect(try Self.worldName(services) == "small")
        #expect(try Self.count(services, "partners") == 3)
        services.database.close()

        let badFolder = try Folder()
        let bad = badFolder.url.appendingPathComponent("bad.json")
        try Data(#"{"partners": [{"key": "a"}]}"#.utf8).write(to: bad)
        #expect(throws: Simulator.StartupError.self) { _ = try badFolder.open { $0.seedFile = bad.path } }
        #expect(throws: Simulator.StartupError.self) {
            _ = try Folder().open { $0.seedFile = badFolder.url.appendingPathComponent("missing.json").path }
        }
    }

    @Test("a write that fails midway leaves nothing behind, on disk too")
    func crashMidTransaction() throws {
        let folder = try Folder()
        let services = try folder.open()
        let partners = try Self.count(services, "partners")
        let locations = try Self.count(services, "locations")
        let tenant = "f6000000-0000-4000-8000-000000000001"
        #expect(throws: Boom.self) {
            try services.database.write { db in
                try db.run("""
                    INSERT INTO partners (tenant_id, legal_name, country, address_line1, city, primary_contact_name,
                        primary_contact_email, support_email, status, pga_id, created_at)
                    VALUES (?, 'Half Written', 'US', '1 Main', 'Town', 'Someone', 'a@half.example', 's@half.example', 'Active', '7900000', ?)
                    """, [tenant, TestWorld.start])
                try db.run("INSERT INTO locations (pla_id, tenant_id, name, country, status, created_at) VALUES ('7900001', ?, 'Half', 'US', 'Active', ?)",
                           [tenant, TestWorld.start])
                // Visible inside the transaction...
                #expect(try db.scalar("SELECT count(*) FROM partners WHERE tenant_id = ?", [tenant]) == .integer(1))
                throw Boom()
            }
        }
        // ...and gone after it.
        #expect(try Self.count(services, "partners") == partners)
        #expect(try Self.count(services, "locations") == locations)

        // Through the app: a seed whose second partner is invalid has already emptied the world
        // and inserted the first partner when it fails; none of it lands.
        let app = PartnerCenterApp(services: services)
        let fixture = #"{"partners": [{"key": "a", "legalName": "A", "country": "US"}, {"key": "b", "legalName": "B", "country": "ZZ"}]}"#
        let refused = app.handle(HTTPRequest(method: .post, target: "/_sim/seed", body: Array(fixture.utf8)))
        #expect(refused.status.code == 400)
        #expect(try Self.count(services, "partners") == partners)
        #expect(try Self.worldName(services) == "demo")
        services.database.close()

        let reopened = try folder.open()
        #expect(try Self.count(reopened, "partners") == partners)
        #expect(try Self.count(reopened, "locations") == locations)
        #expect(try reopened.database.read { db in try db.queryOne("SELECT 1 FROM partners WHERE tenant_id = ?", [tenant]) } == nil)
        reopened.database.close()
    }
}
