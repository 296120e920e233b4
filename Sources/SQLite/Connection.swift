import CSQLite

/// One SQLite connection. Not Sendable: SQLite is opened with NOMUTEX, so exactly one thread
/// may use a connection at a time; `Database` hands connections out under a lock.
public final class Connection {
    /// The path given at open.
    public let path: String
    public let isReadOnly: Bool
    /// Nil once closed; every entry point checks it so a closed connection throws instead of crashing.
    private(set) var handle: OpaquePointer?
    private var cache = StatementCache()
    /// The INSERT text and column names of each record type and table `insert(_:into:)` has
    /// written (bounded: one entry per record type and table of the program).
    var insertShapes: [InsertShape: (sql: String, keys: [String], names: [String])] = [:]
    /// Nesting depth of `transaction` calls that became savepoints; names each savepoint uniquely.
    var savepointDepth = 0
    /// The writer's row-change collector once `Database.watch` installed one (see ChangeObserver).
    var changeCollector: ChangeCollector?

    static let busyTimeoutMilliseconds: Int32 = 5000

    /// Read-only connections map up to this much of the file instead of copying each page out of
    /// the OS cache with pread: on a database larger than the page cache (2 MB per connection)
    /// that copying was a fifth of the CPU of a POR lookup. Address space only; the pages are the
    /// kernel's page cache, shared by every reader.
    static let readerMmapBytes = 1 << 30

    /// Process-wide SQLite settings, applied once before the first connection opens.
    private static let globalConfiguration: Void = {
        _ = pcsim_sqlite3_config_memstatus(0)
    }()

    /// Opens `path` (":memory:" allowed) and applies the package-wide pragmas.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        self.isReadOnly = readOnly
        _ = Self.globalConfiguration
        var flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        // Thread-safety comes from handing a connection to one thread at a time, so SQLite's own
        // per-connection mutex would be pure overhead.
        flags |= SQLITE_OPEN_NOMUTEX
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let error = SQLiteError.from(database: opened, resultCode: code, sql: nil)
            // SQLite allocates a handle even when opening fails; it must still be released.
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
        do {
            try configure(opened)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    private func configure(_ db: OpaquePointer) throws {
        sqlite3_extended_result_codes(db, 1)
        // Other processes (or a checkpoint) can hold locks briefly; waiting beats failing a request.
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        // Refuses writable_schema and similar footguns that could corrupt the file.
        _ = pcsim_sqlite3_db_config_defensive(db, 1)
        try executeScript("PRAGMA foreign_keys = ON")
        if isReadOnly && !Self.isInMemory(path: path) {
            try executeScript("PRAGMA mmap_size = \(Self.readerMmapBytes)")
        }
        guard !isReadOnly, !Self.isInMemory(path: path) else { return }
        // WAL lets readers keep a snapshot while the writer commits; NORMAL syncs only at
        // checkpoints, which in WAL mode still loses nothing when the process is killed.
        let mode = try scalar("PRAGMA journal_mode = WAL")
        guard mode == .text("wal") else {
            throw SQLiteError(
                extendedCode: SQLiteError.misuse,
                message: "could not enable WAL (journal_mode is \(mode))", sql: "PRAGMA journal_mode = WAL")
        }
        try executeScript("PRAGMA synchronous = NORMAL")
    }

    static func isInMemory(path: String) -> Bool {
        path.isEmpty || path == ":memory:" || path.hasPrefix("file::memory:") || path.contains("mode=memory")
    }

    /// Closes the connection. An open transaction is rolled back, as if the process had stopped.
    /// Later calls throw. Statements still referenced elsewhere keep SQLite's handle alive until released.
    public func close() {
        guard let db = handle else { return }
        cache.removeAll()
        // close_v2 tolerates statements that callers still hold: it finishes when they are finalized.
        sqlite3_close_v2(db)
        handle = nil
    }

    func requireHandle() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError.databaseClosed }
        return handle
    }

    /// Runs one or more statements without arguments (DDL, scripts, pragmas).
    /// Clears the statement cache afterwards because DDL can change what cached statements return.
    public func execute(_ sql: String) throws {
        defer { cache.removeAll() }
        try executeScript(sql)
    }

    private func executeScript(_ sql: String) throws {
        let db = try requireHandle()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        guard code != SQLITE_OK else { return }
        let error = SQLiteError.from(database: db, resultCode: code, sql: sql)
        let message = errorMessage.map { String(cString: $0) }
        sqlite3_free(errorMessage)
        throw message.map { SQLiteError(extendedCode: error.extendedCode, message: $0, sql: sql) } ?? error
    }

    /// The statement for `sql`, prepared on first use and reused afterwards.
    public func cachedStatement(_ sql: String) throws -> Statement {
        let db = try requireHandle()
        return try cache.statement(for: sql) {
            try Statement(database: db, sql: sql, persistent: true)
        }
    }

    /// A statement that is not cached, for one-off SQL.
    public func makeStatement(_ sql: String) throws -> Statement {
        try Statement(database: try requireHandle(), sql: sql, persistent: false)
    }

    /// The cached statement unless it is mid-iteration (a query issued from inside `forEach` over
    /// the same SQL); rebinding it would corrupt the outer loop, so that case gets a fresh one.
    func reusableStatement(_ sql: String) throws -> Statement {
        let statement = try cachedStatement(sql)
        return statement.isBusy ? try makeStatement(sql) : statement
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_changes64(handle))
    }

    public var lastInsertRowID: Int64 {
        guard let handle else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }

    var cachedStatementCount: Int { cache.count }
}

/// Which INSERT `Connection.insert(_:into:)` builds: one per record type and table.
struct InsertShape: Hashable {
    let type: ObjectIdentifier
    let table: String
}
