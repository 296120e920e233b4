import Foundation
import HTTP
import JSON
import Logging
@testable import PartnerCenter
import Synchronization

/// A real simulator for end-to-end tests: a file database in a fresh temporary folder (so the
/// writer and the WAL readers are real connections), the demo world, and the HTTP server on
/// an ephemeral loopback port. Call `stop()` when done.
final class LiveSimulator: Sendable {
    static let start = "2026-01-05T09:00:00Z"

    let directory: URL
    let services: Services
    let server: HTTPServer
    let port: Int

    init(now: String = LiveSimulator.start, fixture: [UInt8]? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcsim-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = SimulatorConfiguration(databasePath: directory.appendingPathComponent("pcsim.sqlite").path)
        configuration.empty = true
        var logger = Logger(label: "pcsim-e2e")
        logger.logLevel = .critical
        services = try Simulator.open(configuration, logger: logger)
        // Persisted, as POST /_sim/clock does: control-plane writes publish the stored offset.
        try services.moveClock(to: Timestamp.parse(now) ?? Date())
        try Simulator.seed(services, fixture: try fixture ?? PartnerCenterResources.demoWorld())
        let app = PartnerCenterApp(services: services)
        server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0, shutdownGracePeriod: 2),
                            handler: app.handle, errorResponse: PartnerCenterApp.protocolErrorResponse,
                            lane: app.lane(for:))
        port = try server.start()
    }

    func stop() {
        server.shutdown()
        services.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A token of a named principal of the world.
    func token(_ principal: String) throws -> String {
        guard let token = try services.mintToken(forPrincipal: principal, expiresIn: 3600) else {
            throw WireClient.Failure(description: "no principal named \(principal)")
        }
        return token
    }

    func client() throws -> WireClient { try WireClient(port: port) }

    /// One request on a fresh connection.
    func request(_ method: String, _ target: String, as principal: String? = nil, body: JSON? = nil) throws -> WireResponse {
        try client().request(method, target, token: try principal.map(token), body: body)
    }

    /// A request that must answer `status`.
    @discardableResult
    func expect(_ status: Int, _ method: String, _ target: String, as principal: String? = nil, body: JSON? = nil) throws -> WireResponse {
        let response = try request(method, target, as: principal, body: body)
        guard response.status == status else {
            throw WireClient.Failure(description: "\(method) \(target): expected \(status), got \(response)")
        }
        return response
    }

    // MARK: Database peeks

    func scalar(_ sql: String, _ arguments: [String] = []) throws -> Int {
        let value = try services.database.read { db in try db.scalar(sql, arguments) }
        if case .integer(let n) = value { return Int(n) }
        return 0
    }

    func strings(_ sql: String, _ arguments: [String] = []) throws -> [String] {
        try services.database.read { db in try db.query(sql, arguments).compactMap { $0.string("v") } }
    }

    // MARK: Races

    /// Sends `requests` at the same moment from one thread and one already-open connection
    /// each (all threads are released together), and answers the responses in order.
    func race(_ requests: [[UInt8]]) throws -> [WireResponse] {
        let clients = try requests.map { _ in try client() }
        let results = RaceResults()
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for (index, bytes) in requests.enumerated() {
            let client = clients[index]
            done.enter()
            let thread = Thread {
                ready.signal()
                go.wait()
                let result = Result { try client.send(bytes); return try client.readResponse() }
                results.store(index, result)
                done.leave()
            }
            thread.start()
        }
        for _ in requests { ready.wait() }
        for _ in requests { go.signal() }
        guard done.wait(timeout: .now() + 20) == .success else { throw WireClient.Failure(description: "the race did not finish") }
        return try (0..<requests.count).map { index in
            guard let result = results.result(index) else { throw WireClient.Failure(description: "no answer for request \(index)") }
            return try result.get()
        }
    }
}

/// What each racing thread got.
final class RaceResults: Sendable {
    private let results = Mutex<[Int: Result<WireResponse, any Error>]>([:])

    func store(_ index: Int, _ result: Result<WireResponse, any Error>) {
        results.withLock { $0[index] = result }
    }

    func result(_ index: Int) -> Result<WireResponse, any Error>? {
        results.withLock { $0[index] }
    }
}
