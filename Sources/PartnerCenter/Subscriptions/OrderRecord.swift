import SQLite

/// An order with its lines, in line-number order: what the Order resource shows.
struct OrderRecord: Sendable {
    let row: OrderRow
    let lines: [OrderLineRow]

    static func find(_ id: String, _ db: Connection) throws -> OrderRecord? {
        guard let row = try db.fetchOne(OrderRow.self, "SELECT * FROM orders WHERE id = ?", [id]) else { return nil }
        return try load(row, db)
    }

    static func load(_ row: OrderRow, _ db: Connection) throws -> OrderRecord {
        OrderRecord(row: row, lines: try db.fetchAll(OrderLineRow.self, """
            SELECT * FROM order_line_items WHERE order_id = ? ORDER BY line_item_number
            """, [row.id]))
    }
}
