import Foundation

/// Applies numbered migrations once each, recording them in `schema_migrations`.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.id < $1.id }
    }

    /// Reads `NNNN_name.sql` files from `url`, sorted by number. Files not ending in `.sql` are
    /// ignored (READMEs); a `.sql` file with another name, or a repeated number, is an error.
    public static func loadDirectory(_ url: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        var loaded: [Migration] = []
        for fileName in names where fileName.hasSuffix(".sql") {
            guard let (id, name) = parse(fileName: fileName) else {
                throw MigrationError.badFileName(fileName)
            }
            let sql = try String(contentsOf: url.appendingPathComponent(fileName), encoding: .utf8)
            loaded.append(Migration(id: id, name: name, sql: sql))
        }
        loaded.sort { $0.id < $1.id }
        try checkUniqueIDs(loaded)
        return loaded
    }

    private static func parse(fileName: String) -> (Int, String)? {
        let stem = fileName.dropLast(".sql".count)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        // Int("+1") would parse; only plain digits make an unambiguous order.
        guard !digits.isEmpty, !name.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let id = Int(digits)
        else { return nil }
        return (id, String(name))
    }

    private static func checkUniqueIDs(_ migrations: [Migration]) throws {
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.id == next.id {
            throw MigrationError.duplicateID(next.id)
        }
    }

    /// Applies pending migrations in id order, each in its own BEGIN IMMEDIATE transaction together
    /// with its `schema_migrations` row, and returns the ids applied by this call. A failing migration
    /// rolls back only itself and throws `MigrationError.failed`; earlier ones stay applied.
    /// Migration SQL must not contain its own BEGIN/COMMIT.
    @discardableResult
    public func migrate(_ db: Database) throws -> [Int] {
        try Self.checkUniqueIDs(migrations)
        return try db.writeWithoutTransaction { connection in
            try connection.execute(Self.createTableSQL)
            let alreadyApplied = Set(try Self.appliedIDs(connection))
            var appliedNow: [Int] = []
            for migration in migrations where !alreadyApplied.contains(migration.id) {
                if try apply(migration, on: connection) { appliedNow.append(migration.id) }
            }
            return appliedNow
        }
    }

    /// False when another process applied it between our check and our lock.
    private func apply(_ migration: Migration, on connection: Connection) throws -> Bool {
        do {
            return try connection.transaction(.immediate) {
                let done = try connection.queryOne("SELECT 1 FROM schema_migrations WHERE id = ?", [migration.id])
                if done != nil { return false }
                try connection.execute(migration.sql)
                try connection.run(
                    "INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                    [migration.id, migration.name])
                return true
            }
        } catch let error as SQLiteError {
            throw MigrationError.failed(id: migration.id, name: migration.name, error: error)
        }
    }

    /// Ids recorded in `schema_migrations`, ascending; empty when nothing was ever migrated.
    public func appliedIDs(_ db: Database) throws -> [Int] {
        try db.read { try Self.appliedIDs($0) }
    }

    private static func appliedIDs(_ connection: Connection) throws -> [Int] {
        let exists = try connection.queryOne(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard exists != nil else { return [] }
        return try connection.query("SELECT id FROM schema_migrations ORDER BY id").compactMap {
            if case .integer(let id) = $0[0] { return Int(id) }
            return nil
        }
    }
}
