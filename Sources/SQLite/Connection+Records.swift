/// Typed reads and writes over `Row.decode` and `RowEncoder`.
extension Connection {
    /// Every row of `sql`, decoded as `T` (see `Row.decode`). The rows share one key-to-column
    /// map, so names are resolved once per fetch rather than once per row.
    public func fetchAll<T: Decodable>(
        _ type: T.Type, _ sql: String, _ arguments: [(any ValueConvertible)?] = []
    ) throws -> [T] {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments: arguments)
        defer { statement.reset() }
        var records: [T] = []
        while try statement.step() {
            records.append(try statement.row().decode(type, resolver: statement.columnResolver))
        }
        return records
    }

    /// The first row of `sql` decoded as `T`, or nil when there is none.
    public func fetchOne<T: Decodable>(
        _ type: T.Type, _ sql: String, _ arguments: [(any ValueConvertible)?] = []
    ) throws -> T? {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments: arguments)
        defer { statement.reset() }
        return try statement.step() ? statement.row().decode(type, resolver: statement.columnResolver) : nil
    }

    /// `INSERT INTO table (c1, c2, ...) VALUES (?, ?, ...)` with the record's columns
    /// (`RowEncoder`). A record type always yields the same column list, hence the same SQL,
    /// so the statement cache reuses one prepared statement per record type and table.
    public func insert<T: Encodable>(_ record: T, into table: String) throws {
        // The text and names of this type's INSERT, once built: converting every key and
        // building the text again for each record was most of an insert's cost.
        let shape = InsertShape(type: ObjectIdentifier(T.self), table: table)
        if let known = insertShapes[shape] {
            let (columns, matched) = try RowEncoder().columns(record, known: (known.keys, known.names))
            if matched {
                let statement = try reusableStatement(known.sql)
                try statement.bind(columns.map(\.value))
                defer { statement.reset() }
                while try statement.step() {}
                return
            }
        }
        Self.requireIdentifier(table)
        let (keys, columns) = try RowEncoder().keysAndColumns(record)
        var sql = "INSERT INTO " + table
        if columns.isEmpty {
            sql += " DEFAULT VALUES"
        } else {
            var names = ""
            var placeholders = ""
            for (position, column) in columns.enumerated() {
                Self.requireIdentifier(column.name)
                if position > 0 {
                    names += ", "
                    placeholders += ", "
                }
                names += column.name
                placeholders += "?"
            }
            sql += " (" + names + ") VALUES (" + placeholders + ")"
        }
        if insertShapes.count < 256 { insertShapes[shape] = (sql, keys, columns.map(\.name)) }
        let statement = try reusableStatement(sql)
        try statement.bind(columns.map(\.value))
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// `UPDATE table SET a = ?, b = ? WHERE condition`: the set values bind first, then
    /// `arguments` for the plain `?` placeholders of `condition`. A nil value binds NULL.
    public func update(
        _ table: String,
        set columns: [(String, (any ValueConvertible)?)],
        where condition: String,
        _ arguments: [(any ValueConvertible)?] = []
    ) throws {
        Self.requireIdentifier(table)
        precondition(!columns.isEmpty, "UPDATE \(table) needs at least one column to set")
        var sql = "UPDATE " + table + " SET "
        var values: [(any ValueConvertible)?] = []
        values.reserveCapacity(columns.count + arguments.count)
        for (position, (name, value)) in columns.enumerated() {
            Self.requireIdentifier(name)
            if position > 0 { sql += ", " }
            sql += name + " = ?"
            values.append(value)
        }
        sql += " WHERE " + condition
        values.append(contentsOf: arguments)
        try run(sql, values)
    }

    /// Table and column names are spliced into SQL text; they come from code, never from
    /// requests, and this keeps it that way.
    private static func requireIdentifier(_ name: String) {
        precondition(ColumnName.isPlainIdentifier(name), "\"\(name)\" is not a plain SQL identifier")
    }
}
