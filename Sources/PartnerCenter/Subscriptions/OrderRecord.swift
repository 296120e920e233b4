import SQLite

/// An order with its lines, in line-number order, and the catalog entries they name: what the
/// Order resource shows.
struct OrderRecord: Sendable {
    let row: OrderRow
    let lines: [OrderLineRow]
    /// The catalog entry of each line's offer id (reference data, cached by OfferRecord); a
    /// line whose offer left the catalog has none and shows no pricing.
    let offers: [String: OfferRecord]

    static func find(_ id: String, _ db: Connection) throws -> OrderRecord? {
        guard let row = try db.fetchOne(OrderRow.self, "SELECT * FROM orders WHERE id = ?", [id]) else { return nil }
        return try load(row, db)
    }

    static func load(_ row: OrderRow, _ db: Connection) throws -> OrderRecord {
        let lines = try db.fetchAll(OrderLineRow.self, """
            SELECT * FROM order_line_items WHERE order_id = ? ORDER BY line_item_number
            """, [row.id])
        var offers: [String: OfferRecord] = [:]
        for line in lines where offers[line.offerId] == nil {
            offers[line.offerId] = try OfferRecord.find(line.offerId, db)
        }
        return OrderRecord(row: row, lines: lines, offers: offers)
    }
}
