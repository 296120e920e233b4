import Testing
import SQLite

@Suite struct ErrorTests {
    private func makeSchema() throws -> Connection {
        let connection = try Connection(path: ":memory:")
        try connection.execute("""
            CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
            CREATE TABLE orders (id TEXT PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id));
            INSERT INTO customers (id, email) VALUES (1, 'a@example.com');
            """)
        return connection
    }

    @Test func uniqueViolationIsTyped() throws {
        let connection = try makeSchema()
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO customers (email) VALUES (?)", ["a@example.com"])
        }
        #expect(error.code == 19)
        #expect(error.extendedCode == 2067)
        #expect(error.isConstraintViolation)
        #expect(error.isUniqueViolation)
        #expect(!error.isBusy)
        #expect(error.sql == "INSERT INTO customers (email) VALUES (?)")
        #expect(error.description.contains("UNIQUE"))
    }

    @Test func primaryKeyViolationCountsAsUnique() throws {
        let connection = try makeSchema()
        try connection.run("INSERT INTO orders VALUES (?, ?)", ["o1", 1])
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO orders VALUES (?, ?)", ["o1", 1])
        }
        #expect(error.extendedCode == 1555)
        #expect(error.isUniqueViolation)
    }

    @Test func foreignKeysAreEnforced() throws {
        let connection = try makeSchema()
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO orders VALUES (?, ?)", ["o1", 99])
        }
        #expect(error.extendedCode == 787)
        #expect(error.isConstraintViolation)
        #expect(!error.isUniqueViolation)
    }

    @Test func executeReportsTheFailure() throws {
        let connection = try Connection(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try connection.execute("CREATE TABLE (") }
        #expect(error.code == 1)
        #expect(error.message.contains("syntax"))
    }
}
