import Testing
import SQLite

@Suite struct TransactionTests {
    private func makeConnection() throws -> Connection {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (name TEXT NOT NULL)")
        return connection
    }

    private func names(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM t ORDER BY rowid").compactMap { $0.string("name") }
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let connection = try makeConnection()
        let result = try connection.transaction {
            #expect(connection.isInTransaction)
            try connection.run("INSERT INTO t VALUES ('a')")
            return 7
        }
        #expect(result == 7)
        #expect(!connection.isInTransaction)
        #expect(try names(connection) == ["a"])
    }

    @Test func rollsBackAndRethrowsTheSameError() throws {
        let connection = try makeConnection()
        let error = try #require(throws: ExpectedFailure.self) {
            try connection.transaction(.deferred) {
                try connection.run("INSERT INTO t VALUES ('a')")
                throw ExpectedFailure(tag: "domain")
            }
        }
        #expect(error == ExpectedFailure(tag: "domain"))
        #expect(!connection.isInTransaction)
        #expect(try names(connection).isEmpty)
    }

    @Test func nestedTransactionRollsBackOnlyItsSavepoint() throws {
        let connection = try makeConnection()
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES ('outer-1')")
            #expect(throws: ExpectedFailure.self) {
                try connection.transaction {
                    try connection.run("INSERT INTO t VALUES ('inner')")
                    try connection.transaction { try connection.run("INSERT INTO t VALUES ('inner-inner')") }
                    throw ExpectedFailure(tag: "inner")
                }
            }
            #expect(connection.isInTransaction)
            try connection.transaction { try connection.run("INSERT INTO t VALUES ('kept-inner')") }
            try connection.run("INSERT INTO t VALUES ('outer-2')")
        }
        #expect(try names(connection) == ["outer-1", "kept-inner", "outer-2"])
    }

    @Test func databaseWriteRollsBackAndRethrowsUnwrapped() throws {
        let db = try Database.inMemory()
        try db.writeWithoutTransaction { try $0.execute("CREATE TABLE t (name TEXT NOT NULL)") }
        let error = try #require(throws: ExpectedFailure.self) {
            try db.write { connection in
                try connection.run("INSERT INTO t VALUES ('half')")
                throw ExpectedFailure(tag: "write")
            }
        }
        #expect(error.tag == "write")
        #expect(try db.read { try $0.scalar("SELECT count(*) FROM t") } == .integer(0))
        try db.write { try $0.run("INSERT INTO t VALUES ('whole')") }
        #expect(try db.read { try $0.scalar("SELECT name FROM t") } == .text("whole"))
        db.close()
        #expect(throws: SQLiteError.self) { try db.read { _ in 1 } }
    }
}
