import Cryptography
import Foundation
import HTTP
import JSON
import Logging
@testable import PartnerCenter
import SQLite

/// A simulator instance for in-process tests: the real app (router, conventions, domain,
/// SQLite) without sockets. Each test gets its own in-memory database, so tests run in
/// parallel without sharing state.
final class TestWorld: Sendable {
    /// A Monday, so business-day arithmetic in tests is easy to follow.
    static let start = "2026-01-05T09:00:00Z"

    let services: Services
    let app: PartnerCenterApp

    /// Made once per test run (not committed: a key file in the repository would be a secret).
    static let sharedRSAKeyPEM: String = (try? RSASigningKey.generate().pem) ?? ""

    init(configuration: SimulatorConfiguration = SimulatorConfiguration(), demo: Bool = true,
         fixture: JSON? = nil, now: String = TestWorld.start) throws {
        var configuration = configuration
        configuration.empty = true
        // Links are built from the configured public URL, never from the Host header.
        if configuration.publicURL == nil { configuration.publicURL = "http://pcsim.test" }
        // One RS256 key for every test world: generating one takes tens of milliseconds.
        if configuration.rsaSigningKeyPEM == nil { configuration.rsaSigningKeyPEM = Self.sharedRSAKeyPEM }
        var logger = Logger(label: "pcsim-test")
        logger.logLevel = .critical
        services = try Simulator.open(configuration, logger: logger)
        // Persisted, as POST /_sim/clock does: control-plane writes publish the stored offset.
        try services.moveClock(to: Timestamp.parse(now) ?? Date())
        app = PartnerCenterApp(services: services)
        if let fixture {
            try Simulator.seed(services, fixture: fixture.serialized())
        } else if demo {
            try Simulator.seed(services, fixture: try TestWorld.demoFixture())
        }
    }

    static func demoFixture() throws -> [UInt8] {
        try PartnerCenterResources.demoWorld()
    }

    // MARK: Demo world facts (see Sources/PartnerCenter/Resources/demo-world.json)

    enum Demo {
        static let contoso = "d1000000-0000-4000-8000-000000000001"
        static let fabrikam = "a2000000-0000-4000-8000-000000000001"
        static let northwind = "a2000000-0000-4000-8000-000000000002"
        static let tailspin = "a2000000-0000-4000-8000-000000000003"
        static let adatum = "a2000000-0000-4000-8000-000000000004"
        static let wideworld = "a2000000-0000-4000-8000-000000000005"
        static let litware = "b3000000-0000-4000-8000-000000000001"
        static let proseware = "b3000000-0000-4000-8000-000000000002"
        static let lamna = "b3000000-0000-4000-8000-000000000003"
        static let relecloud = "c4000000-0000-4000-8000-000000000001"
        static let margies = "c4000000-0000-4000-8000-000000000002"
        static let trey = "c4000000-0000-4000-8000-000000000003"
        static let microsoft = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    }

    // MARK: Tokens

    /// A token for a named principal of the world (distributor-admin, reseller-admin...).
    func token(_ principal: String) throws -> String {
        guard let token = try services.mintToken(forPrincipal: principal, expiresIn: 3600) else {
            throw TestFailure("no principal named \(principal)")
        }
        return token
    }

    func token(tenant: String, roles: [Role], user: String = "tester", app: Bool = false) -> String {
        services.tokens.mint(tenantId: tenant, objectId: user, roles: roles, identityType: app ? .app : .user)
    }

    // MARK: Requests

    /// Sends a request through the whole app. `as` names a principal of the world.
    @discardableResult
    func request(_ method: HTTPMethod, _ target: String, as principal: String? = nil, token: String? = nil,
                 body: JSON? = nil, rawBody: [UInt8]? = nil, headers: [(String, String)] = []) throws -> TestResponse {
        var allHeaders = HTTPHeaders(headers)
        allHeaders.add(name: "Host", value: "pcsim.test")
        if let bearer = try token ?? principal.map({ try self.token($0) }) {
            allHeaders.add(name: "Authorization", value: "Bearer \(bearer)")
        }
        let bytes = rawBody ?? body?.serialized() ?? []
        if !bytes.isEmpty { allHeaders.add(name: "Content-Type", value: "application/json") }
        let request = HTTPRequest(method: method, target: target, version: .http1_1, headers: allHeaders, body: bytes,
                                  remoteAddress: "127.0.0.1")
        return TestResponse(app.handle(request))
    }

    // MARK: Clock

    func advance(_ duration: String) throws {
        let response = try request(.post, "/_sim/clock", body: ["advance": .string(duration)])
        guard response.status == 200 else { throw TestFailure("clock advance failed: \(response.text)") }
    }

    func setClock(_ now: String) throws {
        let response = try request(.post, "/_sim/clock", body: ["now": .string(now)])
        guard response.status == 200 else { throw TestFailure("clock set failed: \(response.text)") }
    }

    // MARK: Database peeks (assertions about what was or was not written)

    func count(_ table: String, where clause: String = "1 = 1", _ arguments: [(any ValueConvertible)?] = []) throws -> Int {
        let value = try services.database.read { db in try db.scalar("SELECT count(*) FROM \(table) WHERE \(clause)", arguments) }
        if case .integer(let n) = value { return Int(n) }
        return 0
    }

    func rows(_ sql: String, _ arguments: [(any ValueConvertible)?] = []) throws -> [Row] {
        try services.database.read { db in try db.query(sql, arguments) }
    }

    /// Rows in every world table: a refused request must leave this unchanged.
    func snapshot() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in WorldTables.inDeletionOrder where table != "idempotency_keys" {
            counts[table] = try count(table)
        }
        return counts
    }
}

/// A response with easy access to its JSON body.
struct TestResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    init(_ response: HTTPResponse) {
        status = response.status.code
        headers = response.headers
        body = response.body
    }

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSON { (try? JSON.parse(body)) ?? .null }
    subscript(key: String) -> JSON? { json[key] }
    /// The Partner Center error code of an error response.
    var code: Int? { json["code"]?.intValue.map(Int.init) }
    var items: [JSON] { json["items"]?.arrayValue ?? [] }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
