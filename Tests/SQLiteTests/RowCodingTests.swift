import Testing
@testable import SQLite

@Suite struct RowCodingTests {
    enum Status: String, Codable, DatabaseValueConvertible {
        case active = "Active"
        case suspended = "Suspended"
    }

    enum Tier: Int, Codable, DatabaseValueConvertible {
        case basic = 1
        case premium = 2
    }

    /// A struct around one value, decoded and encoded through a single-value container.
    struct CustomerID: Codable, Equatable {
        let raw: String
        init(_ raw: String) { self.raw = raw }
        init(from decoder: any Decoder) throws { raw = try decoder.singleValueContainer().decode(String.self) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(raw)
        }
    }

    struct Customer: Codable, Equatable {
        var customerId: CustomerID
        var billingPartnerId: String
        var isMigration: Bool
        var mpaAcceptedAt: String?
        var line2: String?
        var creditLimit: Double
        var seats: Int
        var status: Status
        var tier: Tier?
        var plaId: Int64

        enum CodingKeys: String, CodingKey {
            case customerId, billingPartnerId, isMigration, mpaAcceptedAt, line2, creditLimit, seats, status, tier
            case plaId = "pla_id"
        }
    }

    private func database() throws -> Connection {
        let connection = try Connection(path: ":memory:")
        try connection.execute("""
            CREATE TABLE customers (
                customer_id TEXT PRIMARY KEY, billing_partner_id TEXT NOT NULL, is_migration INTEGER NOT NULL,
                mpa_accepted_at TEXT, line2 TEXT, credit_limit REAL NOT NULL, seats INTEGER NOT NULL,
                status TEXT NOT NULL, tier INTEGER, pla_id INTEGER NOT NULL)
            """)
        return connection
    }

    private let sample = Customer(
        customerId: CustomerID("c-1"), billingPartnerId: "bp-1", isMigration: true, mpaAcceptedAt: nil,
        line2: "Suite 5", creditLimit: 10, seats: 3, status: .suspended, tier: .premium, plaId: 42)

    @Test func keysMapToSnakeCaseColumns() {
        #expect(ColumnName.forKey("customerId") == "customer_id")
        #expect(ColumnName.forKey("billingPartnerId") == "billing_partner_id")
        #expect(ColumnName.forKey("isMigration") == "is_migration")
        #expect(ColumnName.forKey("mpaAcceptedAt") == "mpa_accepted_at")
        #expect(ColumnName.forKey("pla_id") == "pla_id")
        #expect(ColumnName.forKey("line2") == "line2")
        #expect(ColumnName.forKey("address2Line") == "address2_line")
        #expect(ColumnName.forKey("customerID") == "customer_id")
        #expect(ColumnName.forKey("URLValue") == "url_value")
        #expect(ColumnName.forKey("id") == "id")
        #expect(ColumnName.camelCase("billing_partner_id") == "billingPartnerId")
        #expect(ColumnName.isPlainIdentifier("customer_2"))
        #expect(!ColumnName.isPlainIdentifier("2x"))
        #expect(!ColumnName.isPlainIdentifier("a; DROP TABLE t"))
        #expect(!ColumnName.isPlainIdentifier(""))
    }

    @Test func decodesByColumnName() throws {
        let connection = try database()
        try connection.run(
            "INSERT INTO customers VALUES ('c-1', 'bp-1', 1, NULL, 'Suite 5', 10, 3, 'Suspended', 2, 42)")
        // Column order differs from declaration order and the case of one name differs.
        let row = try #require(try connection.queryOne(
            "SELECT pla_id, tier, status, seats, credit_limit, line2, mpa_accepted_at, IS_MIGRATION, billing_partner_id, customer_id FROM customers"))
        let customer = try row.decode(Customer.self)
        #expect(customer == sample)
        // Double read from an INTEGER, Bool from an integer.
        #expect(customer.creditLimit == 10.0)
        #expect(customer.isMigration)
    }

    struct Flags: Decodable, Equatable {
        var enabled: Bool
        var ratio: Double
        var count: Int32
        var small: UInt8
    }

    @Test func boolFromIntegerAndDoubleFromInteger() throws {
        let connection = try Connection(path: ":memory:")
        let flags = try connection.fetchOne(Flags.self, "SELECT 2 AS enabled, 7 AS ratio, 5 AS count, 255 AS small")
        #expect(flags == Flags(enabled: true, ratio: 7, count: 5, small: 255))
        let off = try connection.fetchOne(Flags.self, "SELECT 0 AS enabled, 0.5 AS ratio, -1 AS count, 0 AS small")
        #expect(off == Flags(enabled: false, ratio: 0.5, count: -1, small: 0))
        #expect(throws: DecodingError.self) {
            try connection.fetchOne(Flags.self, "SELECT 1 AS enabled, 1 AS ratio, 1 AS count, 256 AS small")
        }
    }

    struct Optionals: Decodable, Equatable {
        var required: String
        var maybe: String?
        var maybeStatus: Status?
        var maybeID: CustomerID?
    }

    @Test func optionalsAreNilWhenNullOrMissing() throws {
        let connection = try Connection(path: ":memory:")
        let null = try connection.fetchOne(
            Optionals.self, "SELECT 'r' AS required, NULL AS maybe, NULL AS maybe_status, NULL AS maybe_id")
        #expect(null == Optionals(required: "r", maybe: nil, maybeStatus: nil, maybeID: nil))
        let missing = try connection.fetchOne(Optionals.self, "SELECT 'r' AS required")
        #expect(missing == Optionals(required: "r", maybe: nil, maybeStatus: nil, maybeID: nil))
        let present = try connection.fetchOne(
            Optionals.self, "SELECT 'r' AS required, 'm' AS maybe, 'Active' AS maybe_status, 'c-9' AS maybe_id")
        #expect(present == Optionals(required: "r", maybe: "m", maybeStatus: .active, maybeID: CustomerID("c-9")))
        #expect(try connection.fetchOne(Optionals.self, "SELECT 'r' AS required WHERE 0") == nil)
    }

    @Test func nullForRequiredThrowsValueNotFound() throws {
        let connection = try Connection(path: ":memory:")
        let row = try #require(try connection.queryOne("SELECT NULL AS required"))
        do {
            _ = try row.decode(Optionals.self)
            Issue.record("expected valueNotFound")
        } catch let DecodingError.valueNotFound(type, context) {
            #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self))
            #expect(context.codingPath.map(\.stringValue) == ["required"])
        }
    }

    @Test func missingRequiredColumnThrowsKeyNotFound() throws {
        let connection = try Connection(path: ":memory:")
        let row = try #require(try connection.queryOne("SELECT 'm' AS maybe"))
        do {
            _ = try row.decode(Optionals.self)
            Issue.record("expected keyNotFound")
        } catch let DecodingError.keyNotFound(key, context) {
            #expect(key.stringValue == "required")
            #expect(context.debugDescription.contains("\"required\""))
        }
    }

    @Test func wrongTypeThrowsTypeMismatchNamingTheColumn() throws {
        let connection = try Connection(path: ":memory:")
        for sql in [
            "SELECT 5 AS required",                              // String from INTEGER
            "SELECT 'r' AS required, 3 AS maybe",                // String? from INTEGER
            "SELECT 'r' AS required, 'Gone' AS maybe_status",    // unknown enum raw value
        ] {
            let row = try #require(try connection.queryOne(sql))
            do {
                _ = try row.decode(Optionals.self)
                Issue.record("expected typeMismatch for \(sql)")
            } catch let DecodingError.typeMismatch(_, context) {
                let column = try #require(context.codingPath.last).stringValue
                #expect(context.debugDescription.contains("\"\(ColumnName.forKey(column))\""))
            }
        }
        let flags = try #require(try connection.queryOne("SELECT 'yes' AS enabled, 1 AS ratio, 1 AS count, 1 AS small"))
        #expect(throws: DecodingError.self) { try flags.decode(Flags.self) }
    }

    @Test func nestedValuesAreRejectedClearly() throws {
        struct Address: Decodable { var city: String }
        struct WithAddress: Decodable { var address: Address }
        struct WithList: Decodable { var tags: [String] }
        let connection = try Connection(path: ":memory:")
        let row = try #require(try connection.queryOne("SELECT 'x' AS address, 'y' AS tags"))
        #expect(throws: DecodingError.self) { try row.decode(WithAddress.self) }
        #expect(throws: DecodingError.self) { try row.decode(WithList.self) }
        #expect(throws: DecodingError.self) { try row.decode([String].self) }
    }

    /// The INSERT text is kept per record type; a hand-written encode(to:) that writes other
    /// keys (same count) must not reuse it with its values in the wrong columns.
    @Test func insertCacheFollowsTheKeysARecordWrites() throws {
        struct Swapping: Encodable {
            let first: Bool
            enum CodingKeys: String, CodingKey { case a, b }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                if first {
                    try container.encode("A1", forKey: .a)
                    try container.encode("B1", forKey: .b)
                } else {
                    try container.encode("B2", forKey: .b)
                    try container.encode("A2", forKey: .a)
                }
            }
        }
        let connection = try Connection(path: ":memory:")
        try connection.run("CREATE TABLE pairs (a TEXT, b TEXT)")
        try connection.insert(Swapping(first: true), into: "pairs")
        try connection.insert(Swapping(first: false), into: "pairs")
        try connection.insert(Swapping(first: true), into: "pairs")
        let rows = try connection.query("SELECT a, b FROM pairs ORDER BY rowid").map { [$0.string("a"), $0.string("b")] }
        #expect(rows == [["A1", "B1"], ["A2", "B2"], ["A1", "B1"]])
    }

    @Test func singleColumnRowsDecodeAsValues() throws {
        let connection = try Connection(path: ":memory:")
        #expect(try connection.fetchAll(Int.self, "SELECT value FROM (SELECT 1 AS value UNION ALL SELECT 2) ORDER BY value") == [1, 2])
        #expect(try connection.fetchOne(Status.self, "SELECT 'Active'") == .active)
        #expect(try connection.fetchOne(CustomerID.self, "SELECT 'c-3'") == CustomerID("c-3"))
        #expect(throws: DecodingError.self) { try connection.fetchOne(Int.self, "SELECT 1, 2") }
    }

    @Test func containsAndAllKeysFollowColumns() throws {
        struct Probe: Decodable {
            var keys: [String]
            var hasMaybe: Bool
            enum CodingKeys: String, CodingKey { case billingPartnerId, maybe }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                keys = container.allKeys.map(\.stringValue)
                hasMaybe = container.contains(.maybe)
            }
        }
        let connection = try Connection(path: ":memory:")
        let probe = try #require(try connection.fetchOne(Probe.self, "SELECT 1 AS billing_partner_id, 2 AS other"))
        #expect(probe.keys == ["billingPartnerId"])
        #expect(!probe.hasMaybe)
    }

    @Test func stringEnumRoundTripsAsArgumentAndColumn() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (status TEXT, tier INTEGER)")
        try connection.run("INSERT INTO t VALUES (?, ?)", [Status.active, Tier.basic])
        #expect(try connection.scalar("SELECT status FROM t") == .text("Active"))
        #expect(try connection.scalar("SELECT tier FROM t") == .integer(1))
        let row = try #require(try connection.queryOne("SELECT status, tier FROM t"))
        #expect(Status(databaseValue: row["status"]) == .active)
        #expect(Tier(databaseValue: row["tier"]) == .basic)
        #expect(Status(databaseValue: .text("nope")) == nil)
        #expect(Status(databaseValue: .integer(1)) == nil)
        #expect(Optional<Status>(databaseValue: .null) == .some(nil))
        #expect(Optional<Status>(databaseValue: .integer(3)) == nil)
    }

    @Test func scalarConversions() {
        #expect(String(databaseValue: .text("a")) == "a")
        #expect(String(databaseValue: .integer(1)) == nil)
        #expect(Int(databaseValue: .integer(-4)) == -4)
        #expect(Int(databaseValue: .real(1)) == nil)
        #expect(Int32(databaseValue: .integer(Int64(Int32.max) + 1)) == nil)
        #expect(Int64(databaseValue: .integer(.min)) == .min)
        #expect(Double(databaseValue: .integer(3)) == 3)
        #expect(Double(databaseValue: .text("3")) == nil)
        #expect(Bool(databaseValue: .integer(0)) == false)
        #expect(Bool(databaseValue: .integer(-1)) == true)
        #expect(Bool(databaseValue: .null) == nil)
        #expect([UInt8](databaseValue: .blob([1, 2])) == [1, 2])
        #expect(Value(databaseValue: .real(2)) == .real(2))
    }

    @Test func insertThenFetchRoundTrips() throws {
        let connection = try database()
        try connection.insert(sample, into: "customers")
        var second = sample
        second.customerId = CustomerID("c-2")
        second.tier = nil
        second.mpaAcceptedAt = "2026-01-01T00:00:00Z"
        second.isMigration = false
        try connection.insert(second, into: "customers")
        // One SQL text per record type: the second insert reused the cached statement.
        #expect(connection.cachedStatementCount == 1)
        #expect(try connection.fetchOne(Customer.self, "SELECT * FROM customers WHERE customer_id = ?", ["c-1"]) == sample)
        #expect(try connection.fetchAll(Customer.self, "SELECT * FROM customers ORDER BY customer_id") == [sample, second])
        // Booleans are stored as 0/1 and the nil optional as NULL.
        #expect(try connection.scalar("SELECT is_migration FROM customers WHERE customer_id = 'c-2'") == .integer(0))
        #expect(try connection.scalar("SELECT tier IS NULL FROM customers WHERE customer_id = 'c-2'") == .integer(1))
    }

    @Test func encoderWritesEveryColumnWithNullForNil() throws {
        let columns = try RowEncoder().columns(sample)
        #expect(columns.map(\.name) == [
            "customer_id", "billing_partner_id", "is_migration", "mpa_accepted_at", "line2", "credit_limit",
            "seats", "status", "tier", "pla_id",
        ])
        #expect(columns.map(\.value) == [
            .text("c-1"), .text("bp-1"), .integer(1), .null, .text("Suite 5"), .real(10), .integer(3),
            .text("Suspended"), .integer(2), .integer(42),
        ])
    }

    @Test func encoderRejectsNestedValues() {
        struct Address: Encodable { var city = "Oslo" }
        struct WithAddress: Encodable { var id = 1; var address = Address() }
        struct WithEmptyList: Encodable { var tags: [String] = [] }
        struct TooBig: Encodable { var value = UInt64.max }
        #expect(throws: EncodingError.self) { try RowEncoder().columns(WithAddress()) }
        #expect(throws: EncodingError.self) { try RowEncoder().columns(WithEmptyList()) }
        #expect(throws: EncodingError.self) { try RowEncoder().columns(TooBig()) }
        #expect(throws: EncodingError.self) { try RowEncoder().columns("not a record") }
        #expect(throws: EncodingError.self) { try RowEncoder().columns([1, 2]) }
    }

    @Test func updateBindsSetValuesBeforeConditionArguments() throws {
        let connection = try database()
        try connection.insert(sample, into: "customers")
        var other = sample
        other.customerId = CustomerID("c-2")
        try connection.insert(other, into: "customers")
        let nothing: String? = nil
        try connection.update(
            "customers", set: [("seats", 9), ("line2", nothing), ("status", Status.active)],
            where: "customer_id = ? AND pla_id = ?", ["c-2", 42])
        #expect(connection.changes == 1)
        let updated = try #require(try connection.fetchOne(Customer.self, "SELECT * FROM customers WHERE customer_id = 'c-2'"))
        #expect(updated.seats == 9)
        #expect(updated.line2 == nil)
        #expect(updated.status == .active)
        #expect(try connection.fetchOne(Customer.self, "SELECT * FROM customers WHERE customer_id = 'c-1'") == sample)
    }
}
