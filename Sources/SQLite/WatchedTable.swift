/// A table whose row changes the writer reports to a `ChangeObserver`, identified by the
/// columns that say which derived values a change affects.
public struct WatchedTable: Sendable, Hashable {
    public let table: String
    public let keyColumns: [String]

    /// `table` and `keyColumns` are SQL identifiers written into trigger text: letters, digits
    /// and underscores only (checked when the watch is installed).
    public init(_ table: String, keyColumns: [String]) {
        self.table = table
        self.keyColumns = keyColumns
    }

    static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
    }
}
