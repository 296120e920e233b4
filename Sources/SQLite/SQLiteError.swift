import CSQLite

/// A failed SQLite call, carrying the extended result code so callers can tell conflicts apart.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// Primary result code (the low byte of `extendedCode`), e.g. SQLITE_CONSTRAINT = 19.
    public let code: Int32
    /// Extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE = 2067.
    public let extendedCode: Int32
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.code = extendedCode & 0xFF
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    // Spelled out because Swift does not import these composite C macros reliably.
    static let constraint: Int32 = 19
    static let constraintPrimaryKey: Int32 = 1555  // SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique: Int32 = 2067  // SQLITE_CONSTRAINT | (8 << 8)
    static let busy: Int32 = 5
    static let misuse: Int32 = 21
    static let range: Int32 = 25
    static let tooBig: Int32 = 18
    static let permission: Int32 = 3
    static let readOnly: Int32 = 8
    static let ioError: Int32 = 10
    static let full: Int32 = 13
    static let cantOpen: Int32 = 14

    public var isConstraintViolation: Bool { code == Self.constraint }

    /// A UNIQUE index or PRIMARY KEY refused the row: the usual "someone else got there first" signal.
    public var isUniqueViolation: Bool {
        extendedCode == Self.constraintUnique || extendedCode == Self.constraintPrimaryKey
    }

    public var isBusy: Bool { code == Self.busy }

    /// SQLITE_FULL and its extended codes: the disk, or the `max_page_count` limit, is full.
    public var isStorageFull: Bool { code == Self.full }

    /// The file cannot be written or opened for writing: read-only file, folder or mount
    /// (SQLITE_READONLY family), no permission, no way to open it at all, or the operating
    /// system refusing the write itself (SQLITE_IOERR family: a file made immutable or a
    /// failing disk after startup shows up as an I/O error at COMMIT).
    public var isNotWritable: Bool {
        code == Self.readOnly || code == Self.permission || code == Self.cantOpen || code == Self.ioError
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (while executing `\(sql)`)" }
        return text
    }

    /// Builds the error for `resultCode` from the connection's last error message.
    static func from(database: OpaquePointer?, resultCode: Int32, sql: String?) -> SQLiteError {
        var extended = resultCode
        var message = String(cString: sqlite3_errstr(resultCode))
        if let database {
            // The connection's extended code is more precise when it describes the same failure.
            let connectionCode = sqlite3_extended_errcode(database)
            if connectionCode & 0xFF == resultCode & 0xFF { extended = connectionCode }
            if let cMessage = sqlite3_errmsg(database) { message = String(cString: cMessage) }
        }
        return SQLiteError(extendedCode: extended, message: message, sql: sql)
    }

    static let databaseClosed = SQLiteError(extendedCode: misuse, message: "database is closed")
}
