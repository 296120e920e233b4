import CSQLite

/// A prepared statement. Not Sendable: it belongs to its connection's thread of use.
/// Finalized when the last reference goes away.
public final class Statement {
    public let sql: String
    let handle: OpaquePointer
    private let database: OpaquePointer
    private var layout: ColumnLayout?
    /// Which column each coding key of a decoded record reads, kept with the statement so the
    /// conversion happens once per statement and key, not once per row (it resets itself when
    /// the layout changes).
    let columnResolver = RowColumnResolver()

    // SQLite's fundamental type codes; SQLITE_TEXT is guarded by #ifdef in sqlite3.h,
    // which keeps Swift from importing it, so all five are spelled out together.
    private static let integerType: Int32 = 1
    private static let floatType: Int32 = 2
    private static let textType: Int32 = 3
    private static let blobType: Int32 = 4

    init(database: OpaquePointer, sql: String, persistent: Bool) throws {
        var prepared: OpaquePointer?
        var hasTrailingStatement = false
        // PERSISTENT tells SQLite the statement will be reused, so it takes memory from the heap
        // rather than the lookaside pool meant for short-lived statements.
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { cSQL -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, cSQL, -1, flags, &prepared, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                hasTrailingStatement = Statement.containsStatement(database: database, sql: tail)
            }
            return code
        }
        guard code == SQLITE_OK else {
            throw SQLiteError.from(database: database, resultCode: code, sql: sql)
        }
        guard let prepared else {
            throw SQLiteError(extendedCode: SQLiteError.misuse, message: "no statement in SQL", sql: sql)
        }
        guard !hasTrailingStatement else {
            sqlite3_finalize(prepared)
            // Silently ignoring the rest would drop work; Connection.execute runs scripts.
            throw SQLiteError(
                extendedCode: SQLiteError.misuse,
                message: "multiple statements in one prepared statement; use execute() for scripts",
                sql: sql)
        }
        self.sql = sql
        self.handle = prepared
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when `sql` holds a real statement rather than only whitespace, comments and semicolons.
    private static func containsStatement(database: OpaquePointer, sql: UnsafePointer<CChar>) -> Bool {
        var extra: OpaquePointer?
        let code = sqlite3_prepare_v2(database, sql, -1, &extra, nil)
        if let extra { sqlite3_finalize(extra) }
        return code != SQLITE_OK || extra != nil
    }

    // MARK: Binding

    /// Resets the statement, clears old bindings, then binds `values` to parameters 1...n.
    public func bind(_ values: [Value]) throws {
        try prepareForBinding(count: values.count)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Same as `bind(_:)` but straight from caller arguments, without building a [Value] first.
    func bind(arguments: [(any ValueConvertible)?]) throws {
        try prepareForBinding(count: arguments.count)
        for (offset, argument) in arguments.enumerated() {
            try bind(argument?.sqliteValue ?? .null, at: Int32(offset + 1))
        }
    }

    private func prepareForBinding(count: Int) throws {
        // The return code of reset repeats the last step's error, which was already reported.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard count == expected else {
            throw SQLiteError(
                extendedCode: SQLiteError.range,
                message: "expected \(expected) arguments, got \(count)", sql: sql)
        }
    }

    private func bind(_ value: Value, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, index, real)
        case .text(var text):
            // withUTF8 hands out native storage without copying; SQLite copies it (TRANSIENT).
            code = try text.withUTF8 { utf8 -> Int32 in
                guard let base = utf8.baseAddress, utf8.count > 0 else {
                    // A nil pointer would bind NULL, not the empty string.
                    return pcsim_sqlite3_bind_text_transient(handle, index, "", 0)
                }
                guard let length = Int32(exactly: utf8.count) else { throw tooBig() }
                return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    pcsim_sqlite3_bind_text_transient(handle, index, $0, length)
                }
            }
        case .blob(let bytes):
            code = try bytes.withUnsafeBytes { raw -> Int32 in
                guard let base = raw.baseAddress, raw.count > 0 else {
                    // A nil pointer would bind NULL, not an empty blob.
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                guard let length = Int32(exactly: raw.count) else { throw tooBig() }
                return pcsim_sqlite3_bind_blob_transient(handle, index, base, length)
            }
        }
        guard code == SQLITE_OK else {
            throw SQLiteError.from(database: database, resultCode: code, sql: sql)
        }
    }

    private func tooBig() -> SQLiteError {
        SQLiteError(extendedCode: SQLiteError.tooBig, message: "argument too large", sql: sql)
    }

    // MARK: Stepping

    /// Advances the statement; true means a row is available through `row()`.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw SQLiteError.from(database: database, resultCode: code, sql: sql)
    }

    /// Ends the current run so the statement stops holding a read snapshot or locks.
    func reset() {
        // Any error it repeats was already thrown by step().
        sqlite3_reset(handle)
    }

    /// True between the first step and the reset or completion; such a statement must not be rebound.
    var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    // MARK: Reading

    /// The current row, copied out.
    public func row() -> Row {
        let count = Int(sqlite3_column_count(handle))
        var values: [Value] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            values.append(value(at: Int32(index)))
        }
        return Row(layout: currentLayout(columnCount: count), values: values)
    }

    func value(at index: Int32) -> Value {
        switch sqlite3_column_type(handle, index) {
        case Self.integerType:
            return .integer(sqlite3_column_int64(handle, index))
        case Self.floatType:
            return .real(sqlite3_column_double(handle, index))
        case Self.textType:
            // column_text must come before column_bytes so the byte count describes UTF-8.
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let length = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case Self.blobType:
            guard let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
            let length = Int(sqlite3_column_bytes(handle, index))
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: length)))
        default:
            return .null
        }
    }

    /// Column names are read once per statement; a count change means SQLite re-prepared it
    /// after a schema change (e.g. `SELECT *` over an altered table), so they are read again.
    private func currentLayout(columnCount: Int) -> ColumnLayout {
        if let layout, layout.names.count == columnCount { return layout }
        let names = (0..<columnCount).map { index -> String in
            guard let name = sqlite3_column_name(handle, Int32(index)) else { return "" }
            return String(cString: name)
        }
        let fresh = ColumnLayout(names: names)
        layout = fresh
        return fresh
    }
}
