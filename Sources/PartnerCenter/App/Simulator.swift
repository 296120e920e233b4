import Foundation
import HTTP
import JSON
import Logging
import Migrations
import SQLite

/// Opens (or creates) a simulator instance: database, migrations, signing key, clock, and
/// on a new database the demo world or the configured fixture.
public enum Simulator {
    public struct StartupError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func open(_ configuration: SimulatorConfiguration, logger: Logger) throws -> Services {
        let database = try configuration.databasePath.map { try Database(path: $0, readerCount: configuration.readerCount) }
            ?? Database.inMemory()
        guard let folder = MigrationFiles.directory else {
            throw StartupError(description: "the migrations resource folder is missing from the installation")
        }
        let applied = try Migrator(migrations: try Migrator.loadDirectory(folder)).migrate(database)
        if !applied.isEmpty { logger.info("applied migrations", metadata: ["ids": .string(applied.map(String.init).joined(separator: ","))]) }

        let key: [UInt8] = try configuration.signingKey.map { Array($0.utf8) } ?? database.write { db in
            if let stored = try Settings.get(Settings.signingKey, db), let bytes = hexBytes(stored) { return bytes }
            let fresh = (0..<32).map { _ in UInt8.random(in: 0...255) }
            try Settings.set(Settings.signingKey, fresh.map { String($0, radix: 16).leftPadded(to: 2) }.joined(), db)
            return fresh
        }
        let offset = try database.read { db in try Settings.get(Settings.clockOffset, db).flatMap(Double.init) } ?? 0
        let services = Services(database: database, clock: SimClock(offset: offset), ids: IDGenerator(),
                                tokens: TokenService(signingKey: key), configuration: configuration, logger: logger)

        let isNew = try database.read { db in try Settings.get(Settings.world, db) } == nil
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

    /// Loads a fixture exactly as `POST /_sim/seed` does.
    static func seed(_ services: Services, fixture: [UInt8]) throws {
        let request = HTTPRequest(method: .post, target: "/_sim/seed", version: .http1_1, headers: HTTPHeaders(),
                                  body: fixture, remoteAddress: "startup")
        let context = RequestContext(request: request, principal: nil, now: services.clock.now, services: services)
        do {
            _ = try services.database.write { db in try SimulationControl.seed(context, db) }
        } catch let error as APIError {
            throw StartupError(description: "the world fixture is invalid: \(error.description)")
        }
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
