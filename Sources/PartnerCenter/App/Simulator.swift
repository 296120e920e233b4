import Cryptography
import Foundation
import JSON
import Logging
import Migrations
import SQLite

/// Opens (or creates) a simulator instance: database, migrations, signing key, clock, and
/// on a new database the demo world or the configured fixture.
public enum Simulator {
    public struct StartupError: Error, CustomStringConvertible {
        public let description: String
        /// The database cannot be written (read-only file, folder or mount, no permission, full
        /// disk): `pcsim serve` exits with its own code for it (docs/decisions.md).
        public let databaseNotWritable: Bool

        init(description: String, databaseNotWritable: Bool = false) {
            self.description = description
            self.databaseNotWritable = databaseNotWritable
        }
    }

    public static func open(_ configuration: SimulatorConfiguration, logger: Logger) throws -> Services {
        var configuration = configuration
        if let key = configuration.adminKey, let problem = SimulatorConfiguration.adminKeyProblem(key) {
            throw StartupError(description: problem)
        }
        if let key = configuration.signingKey, let problem = SimulatorConfiguration.signingKeyProblem(key) {
            throw StartupError(description: problem)
        }
        if let url = configuration.publicURL {
            do {
                configuration.publicURL = try SimulatorConfiguration.validatedPublicURL(url)
            } catch {
                throw StartupError(description: "\(error)")
            }
        }
        do {
            return try openStorage(configuration, logger: logger)
        } catch let error as SQLiteError where error.isNotWritable || error.isStorageFull {
            let file = configuration.databasePath ?? ":memory:"
            throw StartupError(description: "the database \(file) cannot be written (\(error.message)); check the permissions of the file and its folder, and the free space",
                               databaseNotWritable: true)
        }
    }

    private static func openStorage(_ configuration: SimulatorConfiguration, logger: Logger) throws -> Services {
        // Owner-only: the file holds the signing keys, app secrets and user passwords.
        let database = try configuration.databasePath.map {
            try Database(path: $0, readerCount: configuration.readerCount, newFileMode: 0o600)
        }
            ?? Database.inMemory()
        // A read-only file opens, migrates (nothing pending) and reads fine, then fails every
        // write: prove a write works before answering anything, and leave nothing behind.
        if configuration.requiresWritableDatabase { try probeWrite(database) }
        guard let folder = MigrationFiles.directory else {
            throw StartupError(description: ResourceBundle.missing(MigrationFiles.bundleName))
        }
        let applied = try Migrator(migrations: try Migrator.loadDirectory(folder)).migrate(database)
        if !applied.isEmpty { logger.info("applied migrations", metadata: ["ids": .string(applied.map(String.init).joined(separator: ","))]) }
        let schemaVersion = try database.read { db in
            if case .integer(let version) = try db.scalar("SELECT max(id) FROM schema_migrations") { return Int(version) }
            return 0
        }

        let key: [UInt8] = try configuration.signingKey.map { Array($0.utf8) } ?? database.write { db in
            if let stored = try Settings.get(Settings.signingKey, db), let bytes = hexBytes(stored) { return bytes }
            let fresh = (0..<32).map { _ in UInt8.random(in: 0...255) }
            try Settings.set(Settings.signingKey, fresh.map { String($0, radix: 16).leftPadded(to: 2) }.joined(), db)
            return fresh
        }
        let offset = try database.read { db in try Settings.get(Settings.clockOffset, db).flatMap(Double.init) } ?? 0
        let tokens = try tokenService(hs256Key: key, configuration, database, logger: logger)
        // The caches hear of every change to the rows they derive from, from here on.
        let caches = ReadCaches(PartnerCenterApp.readCaches)
        try database.watch(caches.watchedTables, observer: caches)
        let services = Services(database: database, clock: SimClock(offset: offset), ids: IDGenerator(),
                                tokens: tokens, configuration: configuration, logger: logger,
                                schemaVersion: schemaVersion, transitions: PartnerCenterApp.transitions, caches: caches)

        let isNew = try database.read { db in try Settings.get(Settings.world, db) } == nil
        defer { if let world = try? database.read({ db in try services.readWorld(db) }) { services.publishWorld(world) } }
        guard configuration.loadsWorld else { return services }
        if isNew && !configuration.empty {
            let fixture: [UInt8]
            if let path = configuration.seedFile {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw StartupError(description: "cannot read the seed file \(path)")
                }
                fixture = Array(data)
            } else {
                fixture = try PartnerCenterResources.demoWorld()
            }
            try seed(services, fixture: fixture)
        } else if isNew {
            try database.write { db in try Settings.set(Settings.world, "empty", db) }
        }
        return services
    }

    /// A write (a probe table and a row) in a transaction that is always rolled back, so it
    /// leaves nothing: SQLite refuses it (e.g. SQLITE_READONLY) when the file, its folder or
    /// its mount cannot be written. It runs before migrations, so it needs no table of theirs.
    private static func probeWrite(_ database: Database) throws {
        struct RolledBack: Error {}
        do {
            try database.write { db in
                try db.run("CREATE TABLE IF NOT EXISTS pcsim_write_probe (x INTEGER)")
                try db.run("INSERT INTO pcsim_write_probe (x) VALUES (1)")
                throw RolledBack()
            }
        } catch is RolledBack {
            return
        }
    }

    /// Loads a fixture exactly as `POST /_sim/seed` does (WorldControl.seed), as the service
    /// itself at the simulated now.
    static func seed(_ services: Services, fixture: [UInt8]) throws {
        let context = OperationContext(principal: nil, now: services.clock.now, services: services)
        do {
            let document = try Body(parsing: fixture)
            let world = try services.database.write { db in
                _ = try WorldControl.seed(document, context, db)
                return try services.readWorld(db)
            }
            services.publishWorld(world)
        } catch let error as APIError {
            throw StartupError(description: "the world fixture is invalid: \(error.description)")
        }
    }

    /// The token service with the RS256 key of the Entra-shaped tokens: the configured one,
    /// else the one stored in the database, else none yet (made on first use and stored then,
    /// if no other process stored one meanwhile: the first stored key stays).
    private static func tokenService(hs256Key: [UInt8], _ configuration: SimulatorConfiguration, _ database: Database,
                                     logger: Logger) throws -> TokenService {
        if let pem = configuration.rsaSigningKeyPEM {
            return TokenService(signingKey: hs256Key, rsaKey: try RSASigningKey(pem: pem))
        }
        let stored = try database.read { db in try Settings.get(Settings.rsaSigningKey, db) }
        let rsaKey: RSASigningKey?
        do {
            rsaKey = try stored.map { pem throws(CryptographyError) in try RSASigningKey(pem: pem) }
        } catch {
            throw StartupError(description: "the stored RS256 signing key is unreadable: \(error)")
        }
        let canPersist = configuration.requiresWritableDatabase
        return TokenService(signingKey: hs256Key, rsaKey: rsaKey, persistRSAKey: { key in
            guard canPersist else { return }
            do {
                try database.write { db in
                    if try Settings.get(Settings.rsaSigningKey, db) == nil { try Settings.set(Settings.rsaSigningKey, key.pem, db) }
                }
            } catch {
                logger.warning("could not store the new RS256 signing key; tokens signed with it end with this process",
                               metadata: ["error": .string("\(error)")])
            }
        })
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0, !chars.isEmpty else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: chars.count, by: 2) {
            guard let byte = UInt8(String(decoding: chars[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
