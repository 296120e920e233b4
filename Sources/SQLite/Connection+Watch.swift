import CSQLite

extension Connection {
    /// Reports every row change of `tables` to `collector`: registers the collector's SQL
    /// function and, per table, AFTER INSERT/UPDATE/DELETE triggers that call it with the key
    /// columns. The triggers are TEMP: they live in this connection only (the file's schema is
    /// unchanged, so other processes and the sqlite3 shell, which lack the function, are
    /// unaffected) and are recreated by each call.
    func installWatch(_ tables: [WatchedTable], _ collector: ChangeCollector) throws {
        let db = try requireHandle()
        for watched in tables {
            guard WatchedTable.isIdentifier(watched.table), !watched.keyColumns.isEmpty,
                  watched.keyColumns.allSatisfy(WatchedTable.isIdentifier) else {
                throw SQLiteError(extendedCode: SQLiteError.misuse,
                                  message: "a watched table and its key columns must be plain identifiers", sql: nil)
            }
        }
        let code = ChangeCollector.register(collector, on: db)
        guard code == SQLITE_OK else { throw SQLiteError.from(database: db, resultCode: code, sql: nil) }
        changeCollector = collector
        var script = ""
        for watched in tables {
            let function = ChangeCollector.functionName
            func call(_ row: String) -> String {
                "\(function)('\(watched.table)', " + watched.keyColumns.map { "\(row).\($0)" }.joined(separator: ", ") + ")"
            }
            let name = "pcsim_watch_\(watched.table)"
            script += """
                DROP TRIGGER IF EXISTS temp.\(name)_insert;
                DROP TRIGGER IF EXISTS temp.\(name)_update;
                DROP TRIGGER IF EXISTS temp.\(name)_delete;
                CREATE TEMP TRIGGER \(name)_insert AFTER INSERT ON main.\(watched.table) BEGIN SELECT \(call("NEW")); END;
                CREATE TEMP TRIGGER \(name)_update AFTER UPDATE ON main.\(watched.table) BEGIN SELECT \(call("OLD")), \(call("NEW")); END;
                CREATE TEMP TRIGGER \(name)_delete AFTER DELETE ON main.\(watched.table) BEGIN SELECT \(call("OLD")); END;

                """
        }
        try execute(script)
    }
}
