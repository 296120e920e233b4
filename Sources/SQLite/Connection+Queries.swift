/// Convenience queries on cached statements; each resets its statement when done so no
/// read snapshot or lock outlives the call.
extension Connection {
    /// All rows; a nil argument binds NULL.
    public func query(_ sql: String, _ arguments: [(any ValueConvertible)?] = []) throws -> [Row] {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments: arguments)
        defer { statement.reset() }
        var rows: [Row] = []
        while try statement.step() {
            rows.append(statement.row())
        }
        return rows
    }

    /// The first row, or nil; the rest are not computed.
    public func queryOne(_ sql: String, _ arguments: [(any ValueConvertible)?] = []) throws -> Row? {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments: arguments)
        defer { statement.reset() }
        return try statement.step() ? statement.row() : nil
    }

    /// First column of the first row, `.null` when there is no row.
    public func scalar(_ sql: String, _ arguments: [(any ValueConvertible)?] = []) throws -> Value {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments: arguments)
        defer { statement.reset() }
        return try statement.step() ? statement.value(at: 0) : .null
    }

    /// Runs a statement to completion (INSERT/UPDATE/DELETE, or anything whose rows are not wanted).
    public func run(_ sql: String, _ arguments: [(any ValueConvertible)?] = []) throws {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments: arguments)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Streams rows to `body` without collecting them.
    public func forEach(
        _ sql: String, _ arguments: [(any ValueConvertible)?], _ body: (Row) throws -> Void
    ) throws {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments: arguments)
        defer { statement.reset() }
        while try statement.step() {
            try body(statement.row())
        }
    }

    /// The `detail` column of EXPLAIN QUERY PLAN, so tests can assert that lookups use indexes.
    public func explainQueryPlan(_ sql: String, _ arguments: [(any ValueConvertible)?] = []) throws -> [String] {
        let statement = try makeStatement("EXPLAIN QUERY PLAN " + sql)
        try statement.bind(arguments: arguments)
        var details: [String] = []
        while try statement.step() {
            if case .text(let detail) = statement.value(at: 3) { details.append(detail) }
        }
        return details
    }
}
