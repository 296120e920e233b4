import Testing
@testable import SQLite

@Suite struct ValueTests {
    /// An untyped column keeps every storage class as bound, so what comes back is what went in.
    private func roundTrip(_ value: Value, on connection: Connection) throws -> Value {
        try connection.run("DELETE FROM t")
        try connection.run("INSERT INTO t (v) VALUES (?)", [value])
        return try connection.scalar("SELECT v FROM t")
    }

    @Test func everyValueRoundTrips() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (v)")
        let values: [Value] = [
            .null,
            .integer(0), .integer(42), .integer(Int64.min), .integer(Int64.max),
            .real(3.25), .real(-0.5), .real(Double.greatestFiniteMagnitude), .real(.infinity),
            .text(""), .text("plain"), .text("héllo wörld 🌍 日本語 ∑"), .text("a\u{0}b"),
            .blob([]), .blob([0, 1, 2, 255]), .blob(Array(repeating: 7, count: 100_000)),
        ]
        for value in values {
            #expect(try roundTrip(value, on: connection) == value)
        }
    }

    @Test func convertiblesBindAsExpected() throws {
        let connection = try Connection(path: ":memory:")
        let nilString: String? = nil
        let someInt: Int? = 5
        let row = try #require(
            try connection.queryOne(
                "SELECT ? AS s, ? AS i, ? AS i64, ? AS d, ? AS t, ? AS f, ? AS b, ? AS n, ? AS o, ? AS v, ? AS raw",
                ["ünï", 7, Int64(1) << 40, 1.5, true, false, [UInt8]([9, 8]), nilString, someInt, Value.real(2), nil]))
        #expect(row.string("s") == "ünï")
        #expect(row.int("i") == 7)
        #expect(row.int64("i64") == 1 << 40)
        #expect(row.double("d") == 1.5)
        #expect(row.bool("t") == true)
        #expect(row.bool("f") == false)
        #expect(row.bytes("b") == [9, 8])
        #expect(row["n"] == .null)
        #expect(row.int("o") == 5)
        #expect(row["v"] == .real(2))
        #expect(row["raw"] == .null)
    }

    @Test func rowLookupIsForgiving() throws {
        let connection = try Connection(path: ":memory:")
        let row = try #require(try connection.queryOne("SELECT 1 AS Alpha, 'x' AS beta"))
        #expect(row.columnNames == ["Alpha", "beta"])
        #expect(row["alpha"] == .integer(1))
        #expect(row["missing"] == .null)
        #expect(row[5] == .null)
        #expect(row.string("Alpha") == nil)  // wrong type is nil, not a conversion
        #expect(row.int("missing") == nil)
    }

    @Test func wrongArgumentCountThrows() throws {
        let connection = try Connection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try connection.query("SELECT ?", []) }
        #expect(throws: SQLiteError.self) { try connection.query("SELECT 1", [1]) }
    }
}
