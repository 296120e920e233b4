import CSQLite

/// Gathers the row changes of the writer's current transaction: the temporary triggers of
/// `Database.watch` call the SQL function `pcsim_row_changed(table, key...)` for each row, which
/// appends here.
// @unchecked Sendable: `changes` is touched only by the thread holding the single writer
// connection (triggers run inside its statements; Database.write reads and clears it under the
// same lock), so there is never concurrent access.
final class ChangeCollector: @unchecked Sendable {
    static let functionName = "pcsim_row_changed"

    private(set) var changes: Set<RowChange> = []
    let observer: any ChangeObserver
    /// Key column names by table, so each change carries its own.
    private let columns: [String: [String]]

    init(observer: any ChangeObserver, tables: [WatchedTable]) {
        self.observer = observer
        var columns: [String: [String]] = [:]
        for table in tables { columns[table.table] = table.keyColumns }
        self.columns = columns
    }

    func record(_ change: RowChange) {
        changes.insert(change)
    }

    /// The changes so far, emptying the collector for the next transaction.
    func take() -> [RowChange] {
        defer { changes.removeAll(keepingCapacity: true) }
        return Array(changes)
    }

    func discard() {
        changes.removeAll(keepingCapacity: true)
    }

    /// Registers `pcsim_row_changed` on `db`, calling into `collector`; SQLite keeps the
    /// collector alive (retained through its user data) until the function is replaced or the
    /// connection closes.
    static func register(_ collector: ChangeCollector, on db: OpaquePointer) -> Int32 {
        let retained = Unmanaged.passRetained(collector).toOpaque()
        // INNOCUOUS: allowed in triggers even with trusted_schema off; its only effect is on
        // this process's memory, never on the database.
        return sqlite3_create_function_v2(
            db, functionName, -1, SQLITE_UTF8 | SQLITE_INNOCUOUS, retained,
            { context, count, arguments in
                guard let context, let user = sqlite3_user_data(context) else { return }
                let collector = Unmanaged<ChangeCollector>.fromOpaque(user).takeUnretainedValue()
                guard count >= 1, let arguments else { return }
                var values: [Value] = []
                values.reserveCapacity(Int(count) - 1)
                for index in 1..<Int(count) {
                    values.append(Value.copy(arguments[index]))
                }
                guard case .text(let name) = Value.copy(arguments[0]), let columns = collector.columns[name] else { return }
                collector.record(RowChange(table: name, columns: columns, values: values))
            },
            nil, nil,
            { user in
                guard let user else { return }
                Unmanaged<ChangeCollector>.fromOpaque(user).release()
            })
    }
}

extension Value {
    /// A function argument copied out of SQLite (valid only during the call).
    static func copy(_ value: OpaquePointer?) -> Value {
        guard let value else { return .null }
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT:
            return .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            guard let text = sqlite3_value_text(value) else { return .text("") }
            let length = Int(sqlite3_value_bytes(value))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            guard let blob = sqlite3_value_blob(value) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_value_bytes(value)))))
        default:
            return .null
        }
    }
}
