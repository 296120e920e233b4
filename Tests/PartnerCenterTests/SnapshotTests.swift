import Dispatch
import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import SQLite
import Synchronization
import Testing

/// SIM-3 snapshots (`/_sim/snapshots`): save the whole world, list, restore, delete; and what
/// a restore must put back (rows, clock, ids, world name), keep (tokens) and empty (caches).
@Suite("Simulation: snapshots")
struct SnapshotTests {
    typealias Demo = TestWorld.Demo

    /// Every row of every table of the database (world, reference data and settings but the
    /// clock offset, which moves with real time), as text: a restore must give exactly this back.
    static func dump(_ world: TestWorld) throws -> [String: [String]] {
        let tables = try world.rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .compactMap { $0.string("name") }
        var dump: [String: [String]] = [:]
        for table in tables {
            let filter = table == "sim_settings" ? " WHERE key <> 'clock.offset'" : ""
            dump[table] = try world.rows("SELECT * FROM \(table)\(filter)").map { row in
                (0..<row.count).map { row[$0].description }.joined(separator: "|")
            }.sorted()
        }
        return dump
    }

    static func save(_ world: TestWorld, _ name: String, replace: Bool? = nil) throws -> TestResponse {
        var body: JSONObject = ["name": .string(name)]
        if let replace { body["replace"] = .bool(replace) }
        return try world.request(.post, "/_sim/snapshots", body: .object(body))
    }

    static func names(_ world: TestWorld) throws -> [String] {
        try world.request(.get, "/_sim/snapshots").items.compactMap { $0["name"]?.stringValue }
    }

    static func clock(_ world: TestWorld) throws -> Date {
        try #require(Timestamp.parse(try world.request(.get, "/_sim/clock")["now"]?.stringValue ?? ""))
    }

    /// A partnership proposed by Contoso to Northwind: a write that generates ids.
    static func propose(_ world: TestWorld) throws {
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                         body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(response.status == 201, "\(response.text)")
    }

    @Test("SIM-3 save, list (oldest first), restore and delete snapshots")
    func saveListRestoreDelete() throws {
        let world = try TestWorld()
        let saved = try Self.save(world, "built")
        #expect(saved.status == 201, "\(saved.text)")
        #expect(saved["name"]?.stringValue == "built")
        #expect(saved["world"]?.stringValue == "demo")
        #expect((saved["sizeBytes"]?.intValue ?? 0) > 0)
        let milliseconds = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/#
        #expect((saved["createdAt"]?.stringValue ?? "").wholeMatch(of: milliseconds) != nil, "\(saved.text)")
        #expect((saved["now"]?.stringValue ?? "").wholeMatch(of: milliseconds) != nil, "\(saved.text)")
        expectTime(saved["now"]?.stringValue, near: TestWorld.start)
        expectTime(saved["createdAt"]?.stringValue, near: Timestamp.format(Date().addingTimeInterval(-5)))
        #expect(try Self.save(world, "second").status == 201)

        let list = try world.request(.get, "/_sim/snapshots")
        #expect(list.status == 200)
        #expect(list["totalCount"]?.intValue == 2)
        #expect(try Self.names(world) == ["built", "second"])
        #expect(list.items.first == saved.json)

        let restored = try world.request(.post, "/_sim/snapshots/built/restore")
        #expect(restored.status == 200, "\(restored.text)")
        #expect(restored["name"]?.stringValue == "built")
        #expect(restored["world"]?.stringValue == "demo")
        #expect(restored["now"] == saved["now"])
        #expect((restored["durationMs"]?.doubleValue ?? -1) >= 0)

        #expect(try world.request(.delete, "/_sim/snapshots/built").status == 204)
        #expect(try Self.names(world) == ["second"])
        let again = try world.request(.delete, "/_sim/snapshots/built")
        #expect(again.status == 404)
        #expect(again.code == 1000)
    }

    @Test("SIM-3 restore puts back data, clock and ids, exactly as saved")
    func restorePutsBackDataClockAndIds() throws {
        let world = try TestWorld()
        _ = try world.request(.post, "/_sim/reset", body: ["idSeed": 42, "keepClock": true])
        #expect(try world.request(.post, "/_sim/seed", body: SimulationTests.smallFixture).status == 201)
        let distributor = try #require(try world.rows("SELECT tenant_id FROM partners WHERE legal_name = 'Small Distribution'").first?.string("tenant_id"))
        /// An app registration: a write whose answer carries ids the generator made.
        func register() throws -> String? {
            let response = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(distributor), "roles": ["AdminAgent"]])
            #expect(response.status == 201, "\(response.text)")
            return response["clientId"]?.stringValue
        }
        #expect(try Self.save(world, "small").status == 201)
        let rows = try Self.dump(world)
        let savedNow = try Self.clock(world)
        // What the world does next from the saved state: the ids it generates, and a request's answer.
        let nextIds = [world.services.ids.guid(), world.services.ids.accountNumber()]
        let clientId = try register()
        #expect(clientId != nil)

        // Change everything: rows, the clock, the world itself.
        try world.advance("P30D")
        #expect(try world.request(.post, "/_sim/seed", body: ["name": "other"]).status == 201)
        #expect(try Self.dump(world) != rows)

        let restored = try world.request(.post, "/_sim/snapshots/small/restore")
        #expect(restored.status == 200, "\(restored.text)")
        #expect(try Self.dump(world) == rows)
        let now = try Self.clock(world)
        #expect(now >= savedNow.addingTimeInterval(-1) && now < savedNow.addingTimeInterval(600), "\(now) vs \(savedNow)")
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "small")
        // The same ids in the same order, so the same request gets the same id.
        #expect([world.services.ids.guid(), world.services.ids.accountNumber()] == nextIds)
        #expect(try register() == clientId)
        // The offset stored with the restored world is the one the clock runs from.
        let stored = try #require(try world.rows("SELECT value FROM sim_settings WHERE key = 'clock.offset'").first?.string("value"))
        #expect(abs((Double(stored) ?? 0) - world.services.clock.currentOffset) < 0.001)
    }

    @Test("SIM-3 tokens stay valid across a restore: the signing keys are the instance's")
    func tokensSurviveRestore() throws {
        let world = try TestWorld()
        let token = try world.token("distributor-admin")
        let keys = try world.rows("SELECT key, value FROM sim_settings WHERE key LIKE 'auth.%' ORDER BY key").map { "\($0.string("key") ?? "")=\($0.string("value") ?? "")" }
        #expect(try Self.save(world, "keys").status == 201)
        // A key stored after the save (as the RS256 key is on first use) is kept by the restore.
        try world.services.database.write { db in try Settings.set(Settings.rsaSigningKey, "pem-made-later", db) }
        #expect(try world.request(.post, "/_sim/snapshots/keys/restore").status == 200)
        let after = try world.rows("SELECT key, value FROM sim_settings WHERE key LIKE 'auth.%' ORDER BY key").map { "\($0.string("key") ?? "")=\($0.string("value") ?? "")" }
        #expect(after == (keys + ["\(Settings.rsaSigningKey)=pem-made-later"]).sorted())
        #expect(try world.request(.get, "/portal/partnerships", token: token).status == 200)
    }

    @Test("SIM-3 unknown snapshot names answer 404 and change nothing")
    func unknownNames() throws {
        let world = try TestWorld()
        #expect(try Self.save(world, "known").status == 201)
        let rows = try Self.dump(world)
        let offset = world.services.clock.currentOffset
        for (method, path) in [(HTTPMethod.post, "/_sim/snapshots/unknown/restore"), (.delete, "/_sim/snapshots/unknown")] {
            let response = try world.request(method, path)
            #expect(response.status == 404, "\(path)")
            #expect(response.code == 1000)
            #expect(response["description"]?.stringValue?.contains("unknown") == true)
        }
        #expect(try Self.dump(world) == rows)
        #expect(world.services.clock.currentOffset == offset)
        #expect(try Self.names(world) == ["known"])
    }

    @Test("SIM-3 bad snapshot names and fields answer 400 and change nothing")
    func badNames() throws {
        let world = try TestWorld()
        #expect(try Self.save(world, "kept").status == 201)
        try Self.propose(world)
        let listed = try world.request(.get, "/_sim/snapshots").json
        let rows = try Self.dump(world)
        let offset = world.services.clock.currentOffset
        let bodies: [(JSON, String)] = [
            (["name": "a b"], "name"), (["name": ""], "name"), (["name": .string(String(repeating: "x", count: 65))], "name"),
            (["name": ".."], "name"), (["name": "ä"], "name"), (["name": 7], "name"), ([:], "name"),
            (["name": "ok", "replace": "yes"], "replace"),
        ]
        for (body, field) in bodies {
            let response = try world.request(.post, "/_sim/snapshots", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.code == 800002)
            #expect(response["data"]?.arrayValue == [.string(field)], "\(body): \(response.text)")
        }
        for name in ["a%20b", "..", String(repeating: "y", count: 65), "%C3%A4"] {
            for (method, path) in [(HTTPMethod.post, "/_sim/snapshots/\(name)/restore"), (.delete, "/_sim/snapshots/\(name)")] {
                let response = try world.request(method, path)
                #expect(response.status == 400, "\(path): \(response.text)")
                #expect(response.code == 800002)
            }
        }
        #expect(try world.request(.get, "/_sim/snapshots").json == listed)
        #expect(try Self.dump(world) == rows)
        #expect(world.services.clock.currentOffset == offset)
    }

    @Test("SIM-3 a taken name is 409 unless replace is true, which replaces it")
    func duplicateNames() throws {
        let world = try TestWorld()
        let first = try Self.save(world, "dup")
        #expect(first.status == 201)
        try Self.propose(world)
        let changed = try Self.dump(world)
        let refused = try Self.save(world, "dup")
        #expect(refused.status == 409)
        #expect(refused.code == 700901)
        #expect(try world.request(.get, "/_sim/snapshots").items == [first.json])
        let refusedToo = try Self.save(world, "dup", replace: false)
        #expect(refusedToo.status == 409)
        #expect(refusedToo.code == 700901)

        #expect(try Self.save(world, "other").status == 201)
        let replaced = try Self.save(world, "dup", replace: true)
        #expect(replaced.status == 201)
        // The replacement is the newest: listed last.
        #expect(try Self.names(world) == ["other", "dup"])
        #expect(try world.request(.post, "/_sim/reset", body: ["keepClock": true]).status == 200)
        #expect(try world.request(.post, "/_sim/snapshots/dup/restore").status == 200)
        #expect(try Self.dump(world) == changed)
    }

    @Test("SIM-3 the number of snapshots is bounded: one more is 409, a replacement still fits")
    func countBound() throws {
        let world = try TestWorld(demo: false)
        let limit = world.services.snapshots.maximumCount
        for index in 0..<limit { #expect(try Self.save(world, "s\(index)").status == 201) }
        let refused = try Self.save(world, "one-more")
        #expect(refused.status == 409)
        #expect(refused.code == 700902)
        #expect(try Self.names(world).count == limit)
        #expect(!(try Self.names(world)).contains("one-more"))
        #expect(try Self.save(world, "s0", replace: true).status == 201)
        #expect(try world.request(.delete, "/_sim/snapshots/s1").status == 204)
        #expect(try Self.save(world, "one-more").status == 201)
    }

    @Test("SIM-3 the memory of snapshots is bounded: a copy that does not fit is refused and nothing is kept")
    func byteBound() throws {
        let database = try Database.inMemory()
        defer { database.close() }
        try database.write { db in try db.execute("CREATE TABLE t (b BLOB); INSERT INTO t VALUES (zeroblob(20000));") }
        let copy = try database.snapshot()
        let size = try copy.sizeBytes()
        func snapshot(_ name: String) -> Snapshot {
            Snapshot(name: name, createdAt: Date(), now: Date(), world: nil, sizeBytes: size, idState: 0, copy: copy)
        }
        let store = Snapshots(maximumCount: 10, maximumBytes: 2 * size + size / 2)
        try store.add(snapshot("a"), replace: false)
        try store.add(snapshot("b"), replace: false)
        let error = try #require(throws: APIError.self) { try store.add(snapshot("c"), replace: false) }
        #expect(error.status == .conflict)
        #expect(error.code == 700902)
        #expect(store.all.map(\.name) == ["a", "b"])
        // Replacing one frees its own bytes first.
        try store.add(snapshot("b"), replace: true)
        #expect(store.all.map(\.name) == ["a", "b"])
    }

    @Test("SIM-3 caches do not serve pre-restore data after a restore (POR verdicts before and after)")
    func cachesEmptiedByRestore() throws {
        let world = try TestWorld()
        #expect(try world.verdict("5100001") == nil)          // valid, and now cached
        #expect(try Self.save(world, "valid").status == 201)
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        #expect(try world.verdict("5100001") == "900400")     // cached as suspended
        #expect(try Self.save(world, "suspended").status == 201)
        #expect(try world.request(.post, "/_sim/snapshots/valid/restore").status == 200)
        #expect(try world.verdict("5100001") == nil)
        #expect(try world.request(.post, "/_sim/snapshots/suspended/restore").status == 200)
        #expect(try world.verdict("5100001") == "900400")
        // The database's change watch still works after restores: a write drops what it changes.
        try world.setPartnerStatus(Demo.fabrikam, "Active")
        #expect(try world.verdict("5100001") == nil)
    }

    @Test("SIM-3 with an admin key, every snapshot route needs it (403 700006) and a refused one changes nothing")
    func adminKeyRequired() throws {
        let key = "s3cret-admin-key-0123"
        let world = try TestWorld(configuration: SimulatorConfiguration(adminKey: key))
        let admin = [("X-Admin-Key", key)]
        #expect(try world.request(.post, "/_sim/snapshots", body: ["name": "guarded"], headers: admin).status == 201)
        try Self.propose(world)
        let rows = try Self.dump(world)
        let attempts: [(HTTPMethod, String, JSON?)] = [
            (.post, "/_sim/snapshots", ["name": "other"]), (.get, "/_sim/snapshots", nil),
            (.post, "/_sim/snapshots/guarded/restore", nil), (.delete, "/_sim/snapshots/guarded", nil),
        ]
        for (method, path, body) in attempts {
            let response = try world.request(method, path, body: body, headers: [("X-Admin-Key", "wrong-key-0123456789")])
            #expect(response.status == 403, "\(method) \(path)")
            #expect(response.code == 700006)
        }
        #expect(try Self.dump(world) == rows)
        let listed = try world.request(.get, "/_sim/snapshots", headers: admin)
        #expect(listed.items.compactMap { $0["name"]?.stringValue } == ["guarded"])
    }

    @Test("SIM-3 requests during restores see the old world or the new one, never a mix")
    func concurrentReadersSeeOneWorld() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcsim-snapshots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let world = try TestWorld(configuration: SimulatorConfiguration(databasePath: directory.appendingPathComponent("db.sqlite").path))
        func principalNames() throws -> Set<String> {
            Set(try world.request(.get, "/_sim/principals").items.compactMap { $0["name"]?.stringValue })
        }
        let demo = try principalNames()
        #expect(try Self.save(world, "demo").status == 201)
        #expect(try world.request(.post, "/_sim/seed", body: SimulationTests.smallFixture).status == 201)
        let small = try principalNames()
        #expect(try Self.save(world, "small").status == 201)
        #expect(demo != small && !demo.isEmpty && !small.isEmpty)

        let stop = Atomic<Bool>(false)
        let problems = Mutex<[String]>([])
        let readsDone = Atomic<Int>(0)
        // Each read signals: every restore waits for one, so reads and restores interleave.
        let progress = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: group) {
                while !stop.load(ordering: .relaxed) {
                    do {
                        let response = try world.request(.get, "/_sim/principals")
                        let names = Set(response.items.compactMap { $0["name"]?.stringValue })
                        if response.status != 200 || (names != demo && names != small) {
                            problems.withLock { $0.append("\(response.status): \(names.sorted())") }
                        }
                        readsDone.add(1, ordering: .relaxed)
                        progress.signal()
                    } catch {
                        problems.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        for round in 0..<20 {
            #expect(progress.wait(timeout: .now() + 60) == .success, "a reader answered")
            let response = try world.request(.post, "/_sim/snapshots/\(round % 2 == 0 ? "demo" : "small")/restore")
            #expect(response.status == 200, "\(response.text)")
        }
        stop.store(true, ordering: .relaxed)
        group.wait()
        #expect(problems.withLock { $0 } == [])
        #expect(readsDone.load(ordering: .relaxed) >= 20)
        // The last restore was of the small world.
        #expect(try principalNames() == small)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "small")
    }
}

