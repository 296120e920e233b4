import Foundation
import Testing
import SQLite

@Suite struct MigratorTests {
    private func write(_ files: [String: String], in directory: TempDirectory) throws -> URL {
        let folder = directory.url.appendingPathComponent("migrations", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, sql) in files {
            try sql.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func appliesFilesInNumericOrderOnce() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        // 0010 sorts before 0002 as text but after it as a number; 0002 needs 0001's table.
        let folder = try write([
            "0010_add_index.sql": "CREATE INDEX items_name ON items (name);",
            "0002_seed.sql": "INSERT INTO items (name) VALUES ('first'); INSERT INTO items (name) VALUES ('second');",
            "0001_create.sql": "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
            "README.md": "ignored",
        ], in: directory)
        let migrations = try Migrator.loadDirectory(folder)
        #expect(migrations.map(\.id) == [1, 2, 10])
        #expect(migrations.map(\.name) == ["create", "seed", "add_index"])

        let db = try Database(path: directory.path("migrate.sqlite"))
        defer { db.close() }
        let migrator = Migrator(migrations: migrations)
        #expect(try migrator.migrate(db) == [1, 2, 10])
        #expect(try migrator.appliedIDs(db) == [1, 2, 10])
        #expect(try migrator.migrate(db) == [])
        #expect(try db.read { try $0.scalar("SELECT count(*) FROM items") } == .integer(2))
        let recorded = try db.read { try $0.query("SELECT id, name, applied_at FROM schema_migrations ORDER BY id") }
        #expect(recorded.map { $0.string("name") } == ["create", "seed", "add_index"])
        #expect(recorded.allSatisfy { ($0.string("applied_at") ?? "").hasSuffix("Z") })
    }

    @Test func duplicateNumbersAreRejected() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let folder = try write(["0001_a.sql": "SELECT 1;", "1_b.sql": "SELECT 1;"], in: directory)
        #expect(throws: MigrationError.self) { try Migrator.loadDirectory(folder) }
    }

    @Test func badFileNamesAreRejected() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let folder = try write(["create.sql": "SELECT 1;"], in: directory)
        #expect(throws: MigrationError.self) { try Migrator.loadDirectory(folder) }
    }

    @Test func failingMigrationLeavesNothingOfItselfAndKeepsEarlierOnes() throws {
        let db = try Database.inMemory()
        defer { db.close() }
        let migrator = Migrator(migrations: [
            Migration(id: 1, name: "good", sql: "CREATE TABLE a (id INTEGER PRIMARY KEY);"),
            Migration(id: 2, name: "bad", sql: "CREATE TABLE b (id INTEGER); INSERT INTO b VALUES (1); INSERT INTO missing VALUES (1);"),
            Migration(id: 3, name: "later", sql: "CREATE TABLE c (id INTEGER);"),
        ])
        let error = try #require(throws: MigrationError.self) { try migrator.migrate(db) }
        guard case .failed(let id, _, let underlying) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(id == 2)
        #expect(underlying.message.contains("missing"))
        #expect(try migrator.appliedIDs(db) == [1])
        let tables = try db.read {
            try $0.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0.string("name") }
        }
        #expect(tables == ["a", "schema_migrations"])

        let fixed = Migrator(migrations: [
            Migration(id: 1, name: "good", sql: "CREATE TABLE a (id INTEGER PRIMARY KEY);"),
            Migration(id: 2, name: "fixed", sql: "CREATE TABLE b (id INTEGER);"),
        ])
        #expect(try fixed.migrate(db) == [2])
    }
}
