import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Synchronization
import Testing

/// POR-7: the validation API answers from facts cached per id, and every write drops exactly
/// the facts it changed (issue 14): a verdict is never older than the last committed write,
/// and writes that change no POR fact leave the cache alone.
@Suite("POR validation: fine invalidation and freshness")
struct PORFreshnessTests {
    typealias Demo = TestWorld.Demo

    /// Fabrikam (5100001 valid, 5100002 inactive location), Northwind (5200001, not partnered),
    /// and three other resellers' ids of the demo world.
    static let demoIds = ["5100001", "5100002", "5200001", "5300001", "5400001", "5500001"]

    private func cached(_ world: TestWorld, _ id: String) -> Bool {
        PORFactsSummary.key(id).map { world.services.caches.cache(PORValidator.factsCache).value($0) != nil } ?? false
    }

    private func warm(_ world: TestWorld, _ ids: [String] = demoIds) throws {
        _ = try world.verdicts(ids)
        for id in ids { #expect(cached(world, id), "\(id) is cached after a validation") }
    }

    private func fabrikamAdmin(_ world: TestWorld) -> String {
        world.token(tenant: Demo.fabrikam, roles: [.globalAdmin, .adminAgent])
    }

    @Test("POR-7 a subscription change, an order and a new customer leave every cached fact in place")
    func test_POR_7_unrelatedWritesKeepTheCache() throws {
        let world = try TestWorld()
        try warm(world)
        let before = try world.verdicts(Self.demoIds)
        let ids = try world.orderSubscriptions([TestWorld.line(TestWorld.Offers.businessPremium, quantity: 2, term: "P1Y", cycle: "annual")])
        let subscription = try #require(ids.first)
        #expect(try world.patch(subscription, ["quantity": 3]).status == 200)
        let customer = try world.request(.post, "/v1/customers", as: "distributor-admin", body: TestWorld.customerBody())
        #expect(customer.status == 201)
        for id in Self.demoIds { #expect(cached(world, id), "\(id) survives writes that change no POR fact") }
        #expect(try world.verdicts(Self.demoIds) == before)
    }

    @Test("POR-7 suspending a partner drops that partner's ids only, and the verdict follows at once")
    func test_POR_7_suspensionDropsItsTenant() throws {
        let world = try TestWorld()
        try warm(world)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        #expect(!cached(world, "5100001") && !cached(world, "5100002"))
        for id in ["5200001", "5300001", "5400001", "5500001"] { #expect(cached(world, id), "\(id) belongs to another tenant") }
        #expect(try world.verdict("5100001") == "900400")
        try world.setPartnerStatus(Demo.fabrikam, "Active")
        #expect(try world.verdict("5100001") == nil)
    }

    @Test("POR-7 deactivating a location drops that id only (the tenant's other ids stay cached)")
    func test_POR_7_locationDropsItsId() throws {
        let world = try TestWorld()
        try warm(world)
        let response = try world.request(.patch, "/portal/locations/5100001", token: fabrikamAdmin(world), body: ["status": "Inactive"])
        #expect(response.status == 200)
        #expect(!cached(world, "5100001"))
        #expect(cached(world, "5100002") && cached(world, "5200001"))
        #expect(try world.verdict("5100001") == "900151")
    }

    @Test("POR-7 an enrollment change drops the tenant's ids; a partnership change drops the reseller's ids")
    func test_POR_7_enrollmentAndPartnership() throws {
        let world = try TestWorld()
        try warm(world)
        let enrollment = try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ? AND program = 'IndirectReseller'",
                                                     [Demo.fabrikam]).first?.string("id"))
        #expect(try world.request(.patch, "/portal/enrollments/\(enrollment)", as: "microsoft-support", body: ["status": "Suspended"]).status == 200)
        #expect(!cached(world, "5100001") && cached(world, "5200001"))
        #expect(try world.verdict("5100001") == "900154")
        #expect(try world.request(.patch, "/portal/enrollments/\(enrollment)", as: "microsoft-support", body: ["status": "Active"]).status == 200)
        #expect(try world.verdict("5100001") == nil)

        try warm(world)
        let partnership = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        #expect(!cached(world, "5100001") && !cached(world, "5100002") && cached(world, "5200001"))
        #expect(try world.verdict("5100001") == "900414")
    }

    @Test("POR-7 an unknown id cached as unknown is dropped when any writer gives it a row, and a region change drops everything")
    func test_POR_7_anyWriterAnyTable() throws {
        let world = try TestWorld()
        #expect(try world.verdict("7777777") == "900151")
        #expect(cached(world, "7777777"))
        // Not through a route: the database itself reports the row, whoever writes it.
        try world.services.database.write { db in
            try db.run("""
                INSERT INTO locations (pla_id, tenant_id, name, country, status, created_at)
                VALUES ('7777777', ?, 'Fabrikam West', 'US', 'Active', '2026-01-01T00:00:00Z')
                """, [Demo.fabrikam])
        }
        #expect(!cached(world, "7777777"))
        #expect(try world.verdict("7777777") == nil)

        try warm(world)
        try world.services.database.write { db in try db.run("UPDATE regions SET region = 'Europe' WHERE country_code = 'US'") }
        for id in Self.demoIds { #expect(!cached(world, id)) }
        // The verdicts are those the database gives now, one statement per id and no cache.
        let after = try world.verdicts(Self.demoIds)
        let fresh = try world.services.database.read { db in
            let contoso = try #require(try PartnerRecord.find(Demo.contoso, db))
            return try Self.demoIds.map { try PORValidator.verdict(for: $0, distributor: contoso, db).errorCode.map(String.init) }
        }
        #expect(after == fresh)
    }

    @Test("POR-7 a value computed before a watched write committed is never cached after it")
    func test_POR_7_raceWindowRefusesStaleStores() throws {
        let world = try TestWorld()
        let cache = world.services.caches.cache(PORValidator.factsCache)
        let epoch = world.services.caches.epoch
        // A reader notes the epoch and reads the facts...
        let noted = epoch.current
        let facts = try world.services.database.read { db in try PORValidator.resellerFacts(for: "5100001", db) }
        let stale = try #require(PORFactsSummary(facts))
        let key = try #require(PORFactsSummary.key("5100001"))
        // ...a write suspends the tenant and commits meanwhile...
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        // ...and the reader's late store is refused: the cache stays empty for the id.
        cache.store(stale, for: key, noted: noted)
        #expect(!cached(world, "5100001"))
        #expect(try world.verdict("5100001") == "900400")
        // Between a write's announcement and its end nothing is stored either.
        epoch.writeWillCommit()
        cache.store(stale, for: key, noted: epoch.current)
        epoch.writeEnded()
        cache.store(stale, for: key, noted: noted)
        #expect(try world.verdict("5100001") == "900400")
    }

    @Test("POR-7 validations racing writes: every answer is a state the world was in, and the first answer after a write shows it")
    func test_POR_7_concurrentReadsAndWrites() async throws {
        let world = try TestWorld()
        let stop = Atomic<Bool>(false)
        let unexpected = Mutex<[String]>([])
        let readers = (0..<3).map { _ in
            Thread {
                while !stop.load(ordering: .relaxed) {
                    do {
                        let verdicts = try world.verdicts(["5100001", "5200001"])
                        // 5100001 is valid or suspended; Northwind's verdict never changes.
                        if !(verdicts[0] == nil || verdicts[0] == "900400") || verdicts[1] != "900414" {
                            unexpected.withLock { $0.append("\(verdicts)") }
                        }
                    } catch {
                        unexpected.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        for thread in readers { thread.start() }
        for round in 0..<40 {
            let suspended = round % 2 == 0
            try world.setPartnerStatus(Demo.fabrikam, suspended ? "Suspended" : "Active")
            // The write has returned: any validation from here on must see it.
            #expect(try world.verdict("5100001") == (suspended ? "900400" : nil), "round \(round)")
        }
        stop.store(true, ordering: .relaxed)
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(unexpected.withLock { $0 }.isEmpty)
        #expect(try world.verdict("5100001") == nil)
    }

    @Test("POR-7 a reseller of more than four distributors is judged from its facts, uncached, and stays live")
    func test_POR_7_manyDistributors() throws {
        let world = try TestWorld()
        try world.services.database.write { db in
            for n in 1...4 {
                let tenant = "d9000000-0000-4000-8000-00000000000\(n)"
                try db.run("INSERT INTO partners (tenant_id, legal_name, country, created_at) VALUES (?, ?, 'US', '2026-01-01T00:00:00Z')",
                           [tenant, "Distributor \(n)"])
                try db.run("""
                    INSERT INTO partnerships (id, distributor_id, reseller_id, status, requested_at)
                    VALUES (?, ?, ?, 'Active', '2026-01-01T00:00:00Z')
                    """, ["e9000000-0000-4000-8000-00000000000\(n)", tenant, Demo.fabrikam])
            }
        }
        #expect(try world.verdicts(["5100001", "5100002"]) == [nil, "900151"])
        #expect(!cached(world, "5100001"))
        let partnership = try world.partnershipId(distributor: Demo.contoso, reseller: Demo.fabrikam)
        #expect(try world.request(.delete, "/portal/partnerships/\(partnership)", as: "distributor-admin").status == 204)
        #expect(try world.verdict("5100001") == "900414")
    }

    @Test("POR-7 100 distinct uncached ids are looked up in one statement, each by index")
    func test_POR_7_batchLookupPlan() throws {
        let world = try TestWorld()
        let ids = (0..<100).map { String(5100001 + $0 * 97) } + Self.demoIds
        let batch = try world.services.database.read { db in try PORValidator.resellerFacts(for: ids, db) }
        #expect(batch.count == Set(ids).count)
        for id in ids {
            let one = try world.services.database.read { db in try PORValidator.resellerFacts(for: id, db) }
            #expect(batch[id]?.tenantId == one.tenantId && batch[id]?.exists == one.exists
                    && batch[id]?.activeDistributors == one.activeDistributors && batch[id]?.accountType == one.accountType)
        }
        let plan = try world.services.database.read { db in try PORValidator.batchQueryPlan(db) }
        #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("VIRTUAL TABLE") }, "\(plan)")
    }
}
