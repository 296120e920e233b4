import Testing
@testable import SQLite

@Suite struct StatementTests {
    @Test func cachedStatementIsReused() throws {
        let connection = try Connection(path: ":memory:")
        let first = try connection.cachedStatement("SELECT 1")
        let second = try connection.cachedStatement("SELECT 1")
        #expect(first === second)
        #expect(try connection.cachedStatement("SELECT 2") !== first)
    }

    @Test func cachedStatementStillWorksAfterAThrownStep() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
        let insert = "INSERT INTO t (name) VALUES (?)"
        try connection.run(insert, ["a"])
        let statement = try connection.cachedStatement(insert)
        #expect(throws: SQLiteError.self) { try connection.run(insert, ["a"]) }
        try connection.run(insert, ["b"])
        #expect(try connection.cachedStatement(insert) === statement)
        #expect(try connection.query("SELECT name FROM t ORDER BY name").map { $0.string("name") } == ["a", "b"])
    }

    @Test func statementApiBindsAndSteps() throws {
        let connection = try Connection(path: ":memory:")
        let statement = try connection.cachedStatement("SELECT ? + 1 AS n")
        try statement.bind([.integer(1)])
        #expect(try statement.step())
        #expect(statement.row()["n"] == .integer(2))
        #expect(try !statement.step())
        try statement.bind([.integer(10)])  // rebinding resets a finished statement
        #expect(try statement.step())
        #expect(statement.row()[0] == .integer(11))
        #expect(statement.sql == "SELECT ? + 1 AS n")
    }

    @Test func nestedQueryOnTheSameSqlDoesNotDisturbTheOuterLoop() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);")
        let sql = "SELECT n FROM t WHERE n >= ? ORDER BY n"
        var seen: [Int] = []
        try connection.forEach(sql, [1]) { row throws in
            seen.append(row.int("n") ?? -1)
            #expect(try connection.query(sql, [3]).count == 1)
        }
        #expect(seen == [1, 2, 3])
    }

    @Test func scalarAndQueryOneHandleNoRows() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (n INTEGER)")
        #expect(try connection.scalar("SELECT n FROM t") == .null)
        #expect(try connection.queryOne("SELECT n FROM t") == nil)
        try connection.run("INSERT INTO t VALUES (?)", [4])
        #expect(connection.changes == 1)
        #expect(connection.lastInsertRowID == 1)
    }

    @Test func multipleStatementsInOnePrepareAreRefused() throws {
        let connection = try Connection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try connection.query("SELECT 1; SELECT 2") }
        #expect(try connection.query("SELECT 1; -- trailing comment").count == 1)
    }

    @Test func closedConnectionThrows() throws {
        let connection = try Connection(path: ":memory:")
        connection.close()
        #expect(throws: SQLiteError.self) { try connection.query("SELECT 1") }
    }

    @Test func explainQueryPlanShowsIndexUse() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("""
            CREATE TABLE partners (id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, name TEXT);
            CREATE INDEX partners_tenant ON partners (tenant);
            """)
        let indexed = try connection.explainQueryPlan("SELECT name FROM partners WHERE tenant = ?", ["x"])
        #expect(indexed.contains { $0.contains("USING INDEX partners_tenant") }, "\(indexed)")
        let scanned = try connection.explainQueryPlan("SELECT name FROM partners WHERE name = ?", ["x"])
        #expect(scanned.contains { $0.hasPrefix("SCAN") }, "\(scanned)")
    }
}
