import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTP
import JSON
import Logging
@testable import PartnerCenter
import SQLite
import Synchronization
import Testing

/// Issue 10, items 6, 7 and 11 (app part): an error that escapes a handler answers a generic
/// 500 carrying the correlation id (the detail goes to the log only), a full database is 507,
/// a database that cannot be written is refused at start, and health answers from memory.
@Suite("Hardening: storage failures and health")
struct HardeningStorageTests {
    typealias Demo = TestWorld.Demo

    /// Log lines (message and metadata) written by a simulator under test.
    final class CapturedLog: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.append("\(event.level) \(event.message) \(fields)")
        }
    }

    /// The demo world on an in-memory database whose log is captured.
    static func loggedWorld() throws -> (PartnerCenterApp, Services, CapturedLog) {
        let log = CapturedLog()
        let logger = Logger(label: "pcsim-storage-tests") { _ in CapturingHandler(log: log) }
        let services = try Simulator.open(SimulatorConfiguration(empty: true), logger: logger)
        try Simulator.seed(services, fixture: try PartnerCenterResources.demoWorld())
        return (PartnerCenterApp(services: services), services, log)
    }

    static func send(_ app: PartnerCenterApp, _ services: Services, _ method: HTTPMethod, _ target: String,
                     principal: String? = nil, token: String? = nil, body: JSON? = nil,
                     headers: [(String, String)] = []) throws -> TestResponse {
        var all = HTTPHeaders(headers)
        if let token = try token ?? principal.flatMap({ try services.mintToken(forPrincipal: $0, expiresIn: 3600) }) {
            all.add(name: "Authorization", value: "Bearer \(token)")
        }
        let request = HTTPRequest(method: method, target: target, version: .http1_1, headers: all,
                                  body: body?.serialized() ?? [], remoteAddress: "127.0.0.1")
        return TestResponse(app.handle(request))
    }

    static func count(_ services: Services, _ table: String) throws -> Int {
        let value = try services.database.read { db in try db.scalar("SELECT count(*) FROM \(table)") }
        if case .integer(let n) = value { return Int(n) }
        return -1
    }

    // MARK: 500 (item 6)

    @Test("Hardening: an error escaping a handler is a generic 500 with the correlation id; the detail is only in the log")
    func internalErrorIsGeneric() throws {
        let (app, services, log) = try Self.loggedWorld()
        // A real failure deep in a write: SQLite refuses the notification row with a message
        // that must not reach the client (it stands for SQL text and internal state).
        try services.database.write { db in
            try db.execute("CREATE TRIGGER boom BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'secret internal detail'); END")
        }
        let partnerships = try Self.count(services, "partnerships")
        let correlationId = "c0ffee00-0000-4000-8000-000000000001"
        let response = try Self.send(app, services, .post, "/portal/partnerships", principal: "distributor-admin",
                                     body: ["resellerTenantId": .string(Demo.northwind)],
                                     headers: [("MS-CorrelationId", correlationId)])
        #expect(response.status == 500)
        #expect(response.code == 700005)
        let description = try #require(response["description"]?.stringValue)
        #expect(description.contains(correlationId))
        for leak in ["secret", "SQLite", "INSERT", "notifications", "trigger", "constraint"] {
            #expect(!response.text.lowercased().contains(leak.lowercased()), "the body quotes \(leak): \(response.text)")
        }
        #expect(response.headers["MS-CorrelationId"] == correlationId)
        #expect(try Self.count(services, "partnerships") == partnerships, "the failed write was rolled back")
        // The log line has the detail under the same correlation id.
        let line = try #require(log.all.first { $0.contains("request failed") })
        #expect(line.contains(correlationId))
        #expect(line.contains("secret internal detail"))
    }

    @Test("Hardening: without MS-CorrelationId the 500 names the generated id echoed on the response")
    func internalErrorNamesGeneratedCorrelationId() throws {
        let (app, services, log) = try Self.loggedWorld()
        try services.database.write { db in
            try db.execute("CREATE TRIGGER boom BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'secret internal detail'); END")
        }
        let response = try Self.send(app, services, .post, "/portal/partnerships", principal: "distributor-admin",
                                     body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(response.status == 500)
        let echoed = try #require(response.headers["MS-CorrelationId"])
        #expect(UUID(uuidString: echoed) != nil)
        #expect(response["description"]?.stringValue?.contains(echoed) == true)
        #expect(log.all.contains { $0.contains("request failed") && $0.contains(echoed) })
    }

    // MARK: 507 (item 7)

    /// Caps the database at its current size, after packing it so no free page is left.
    static func fillUp(_ services: Services) throws {
        try services.database.writeWithoutTransaction { db in
            try db.execute("VACUUM")
            guard case .integer(let pages) = try db.scalar("PRAGMA page_count") else { throw TestFailure("no page_count") }
            try db.execute("PRAGMA max_page_count = \(pages)")
        }
    }

    @Test("Hardening: a full database answers 507 with a Partner Center body and changes nothing, then recovers")
    func fullDiskIs507() throws {
        let (app, services, log) = try Self.loggedWorld()
        try Self.fillUp(services)
        let admin = services.tokens.mint(tenantId: Demo.fabrikam, objectId: "admin", roles: [.globalAdmin], identityType: .user)
        // New locations until one needs a page the database may not have (the first few may
        // still fit in the free space of existing pages).
        var full: TestResponse?
        for index in 0..<5000 {
            let before = try Self.count(services, "locations")
            let audits = try Self.count(services, "audit_records")
            let response = try Self.send(app, services, .post, "/portal/locations", token: admin,
                                         body: ["name": .string("Office \(index) with a long enough name to fill pages")])
            if response.status == 201 { continue }
            #expect(try Self.count(services, "locations") == before, "the refused write left a row behind")
            #expect(try Self.count(services, "audit_records") == audits)
            full = response
            break
        }
        let response = try #require(full, "the capped database never filled up")
        #expect(response.status == 507, "\(response.text)")
        #expect(response.code == 700009)
        #expect(response["source"]?.stringValue == "PartnerCenterSimulator")
        #expect(response["description"]?.stringValue?.contains("storage is full") == true)
        #expect(!response.text.contains("SQLite") && !response.text.contains("INSERT"))
        #expect(log.all.contains { $0.contains("the database is full") })
        // Reads still work, and writes again once there is room.
        #expect(try Self.send(app, services, .get, "/portal/partnerships", principal: "distributor-admin").status == 200)
        try services.database.writeWithoutTransaction { db in try db.execute("PRAGMA max_page_count = 1073741823") }
        #expect(try Self.send(app, services, .post, "/portal/locations", token: admin, body: ["name": "One more office"]).status == 201)
    }

    @Test("Hardening: a database that became read-only while running answers 503 700010, not a 500 with SQLite's text")
    func readOnlyAtRuntimeIs503() throws {
        let (app, services, _) = try Self.loggedWorld()
        // What SQLite answers when the file turns read-only under a running process.
        try services.database.writeWithoutTransaction { db in try db.execute("PRAGMA query_only = 1") }
        let before = try Self.count(services, "partnerships")
        let response = try Self.send(app, services, .post, "/portal/partnerships", principal: "distributor-admin",
                                     body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(response.status == 503, "\(response.text)")
        #expect(response.code == 700010)
        #expect(!response.text.contains("readonly") && !response.text.contains("SQLite"), "\(response.text)")
        #expect(try Self.count(services, "partnerships") == before)
    }

    @Test("Hardening: a database file made immutable while running is 503 700010 (not 500), health says why, and both recover")
    func immutableAtRuntimeIs503AndUnhealthy() throws {
        let folder = try AppTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pcsim.sqlite").path
        let services = try Simulator.open(SimulatorConfiguration(databasePath: path, readerCount: 1), logger: AppTestSupport.quietLogger)
        defer { services.database.close() }
        let app = PartnerCenterApp(services: services)
        let files = [path, path + "-wal", path + "-shm"].filter { FileManager.default.fileExists(atPath: $0) }
        for file in files { Self.chattr("+i", file) }
        defer { for file in files { Self.chattr("-i", file) } }
        try #require(!Self.opensForWriting(path), "this machine offers no way to make a file immutable")
        let before = try Self.count(services, "partnerships")
        let refused = try Self.send(app, services, .post, "/portal/partnerships", principal: "distributor-admin",
                                    body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(refused.status == 503, "\(refused.text)")
        #expect(refused.code == 700010)
        #expect(try Self.count(services, "partnerships") == before)
        let unhealthy = try Self.send(app, services, .get, "/_sim/health")
        #expect(unhealthy.status == 503)
        #expect(unhealthy["status"]?.stringValue == "Unhealthy")
        #expect(unhealthy["reason"]?.stringValue?.contains("cannot be written") == true, "\(unhealthy.text)")

        for file in files { Self.chattr("-i", file) }
        let accepted = try Self.send(app, services, .post, "/portal/partnerships", principal: "distributor-admin",
                                     body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(accepted.status == 201, "\(accepted.text)")
        #expect(try Self.send(app, services, .get, "/_sim/health")["status"]?.stringValue == "Healthy")
    }

    // MARK: Read-only database (item 7)

    @Test("Hardening: a database file that cannot be written is refused at open, naming the file")
    func readOnlyDatabaseRefused() throws {
        let folder = try AppTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pcsim.sqlite").path
        // A valid database first, closed cleanly (the WAL checkpointed into the file)...
        var configuration = SimulatorConfiguration(databasePath: path, empty: true, readerCount: 1)
        let first = try Simulator.open(configuration, logger: AppTestSupport.quietLogger)
        first.database.close()
        // ...then made read-only, as a file owned by another user or on a read-only mount is.
        // Mode bits stop everyone but root; root needs the immutable attribute as well.
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        if Self.opensForWriting(path) { Self.chattr("+i", path) }
        defer { Self.chattr("-i", path) }
        try #require(!Self.opensForWriting(path), "this machine offers no way to make a file read-only for this user")
        configuration.empty = false
        do {
            let services = try Simulator.open(configuration, logger: AppTestSupport.quietLogger)
            services.database.close()
            Issue.record("a read-only database opened")
        } catch let error as Simulator.StartupError {
            #expect(error.databaseNotWritable, "\(error)")
            #expect(error.description.contains(path))
            #expect(error.description.contains("cannot be written"))
        }
        // `pcsim token` only reads: it may still open the file.
        configuration.requiresWritableDatabase = false
        configuration.loadsWorld = false
        let reading = try Simulator.open(configuration, logger: AppTestSupport.quietLogger)
        #expect(try reading.schemaVersion() > 0)
        reading.database.close()
    }

    /// Whether this process can open `path` for writing (what SQLite tries first).
    static func opensForWriting(_ path: String) -> Bool {
        let descriptor = Glibc.open(path, O_RDWR)
        if descriptor >= 0 { Glibc.close(descriptor) }
        return descriptor >= 0
    }

    static func chattr(_ flag: String, _ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return }
        process.waitUntilExit()
    }

    // MARK: Health (item 11)

    @Test("Hardening: health answers from memory, even when the database cannot answer")
    func healthNeedsNoDatabase() throws {
        let world = try TestWorld()
        let version = try world.services.schemaVersion()
        world.services.database.close()
        // Any database access now throws (a 500 before this fix); health does not make one.
        let health = try world.request(.get, "/_sim/health")
        #expect(health.status == 200, "\(health.text)")
        #expect(health["status"]?.stringValue == "Healthy")
        #expect(health["schemaVersion"]?.intValue == Int64(version))
        #expect(health["world"]?.stringValue == "demo")
        #expect(health["now"]?.stringValue != nil)
        #expect(try world.request(.get, "/_sim/clock").status == 500, "the database really is closed")
    }

    @Test("Hardening: health follows the world through reset and seed without reading it per call")
    func healthFollowsTheWorld() throws {
        let world = try TestWorld()
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "demo")
        #expect(try world.request(.post, "/_sim/reset").status == 200)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "empty")
        let refused = try world.request(.post, "/_sim/seed", body: ["name": "broken", "partners": "not a list"])
        #expect(refused.status == 400)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "empty", "a refused seed changed nothing")
        #expect(try world.request(.post, "/_sim/seed", body: try JSON.parse(try PartnerCenterResources.demoWorld())).status == 201)
        #expect(try world.request(.get, "/_sim/health")["world"]?.stringValue == "demo")
    }
}
