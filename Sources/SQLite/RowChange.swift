/// One row a write transaction inserted, updated or deleted in a watched table, named by the
/// values of the table's key columns (`WatchedTable.keyColumns`). An update reports the row
/// twice, as it was and as it became, so a key that moved is heard at both ends.
public struct RowChange: Sendable, Hashable {
    public let table: String
    /// The key columns' names (shared by every change of the table) and values, in one order.
    public let columns: [String]
    public let values: [Value]

    public init(table: String, columns: [String], values: [Value]) {
        self.table = table
        self.columns = columns
        self.values = values
    }

    /// The text in key column `column`, nil when it is NULL, not text, or not a key column.
    public func text(_ column: String) -> String? {
        guard let index = columns.firstIndex(of: column), index < values.count,
              case .text(let value) = values[index] else { return nil }
        return value
    }
}
