import Foundation
import Logging
import SQLite

/// The shared, thread-safe parts of one simulator instance that every handler may use.
public final class Services: Sendable {
    public let database: Database
    public let clock: SimClock
    public let ids: IDGenerator
    public let tokens: TokenService
    public let configuration: SimulatorConfiguration
    public let logger: Logger
    /// Read-path caches, emptied by any write (see GenerationCache).
    let partnerCache = GenerationCache<String, PartnerRecord?>(limit: 10_000)
    let porFactsCache = GenerationCache<PORFactsKey, PORValidator.Facts>(limit: 200_000)

    init(database: Database, clock: SimClock, ids: IDGenerator, tokens: TokenService,
         configuration: SimulatorConfiguration, logger: Logger) {
        self.database = database
        self.clock = clock
        self.ids = ids
        self.tokens = tokens
        self.configuration = configuration
        self.logger = logger
    }
}

extension Services {
    /// A fresh token for a named principal of the loaded world, or nil when there is none.
    public func mintToken(forPrincipal name: String, expiresIn: TimeInterval) throws -> String? {
        guard let row = try database.read({ db in try db.queryOne("SELECT * FROM principals WHERE name = ?", [name]) }) else {
            return nil
        }
        let roles = (row.string("roles") ?? "").split(separator: ",").compactMap { Role(rawValue: String($0)) }
        return tokens.mint(tenantId: row.string("tenant_id") ?? "", objectId: row.string("user_id") ?? "", roles: roles,
                           identityType: .user, expiresIn: expiresIn)
    }

    /// The highest applied migration id.
    public func schemaVersion() throws -> Int {
        let value = try database.read { db in try db.scalar("SELECT max(id) FROM schema_migrations") }
        if case .integer(let version) = value { return Int(version) }
        return 0
    }
}
