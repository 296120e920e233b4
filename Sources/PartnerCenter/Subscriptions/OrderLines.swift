import SQLite

/// Order line items: one per subscription an order (or an accepted transfer) created.
enum OrderLines {
    static func insert(order: String, number: Int, offer: String, subscription: String, quantity: Int, term: String,
                       cycle: String, por: String?, parent: String?, name: String, _ db: Connection) throws {
        try db.run("""
            INSERT INTO order_line_items (order_id, line_item_number, offer_id, subscription_id, quantity, term_duration,
                billing_cycle, partner_id_on_record, parent_subscription_id, friendly_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [order, number, offer, subscription, quantity, term, cycle, por, parent, name])
    }
}
