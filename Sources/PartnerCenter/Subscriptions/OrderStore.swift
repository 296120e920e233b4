import SQLite

/// The one writer of `orders` and `order_line_items`: orders placed by a partner and the
/// orders an accepted transfer creates.
enum OrderStore {
    /// A completed order; returns its id.
    static func insert(customer: String, partner: String, _ context: OperationContext, _ db: Connection) throws -> String {
        let id = context.ids.guid()
        try db.run("INSERT INTO orders (id, customer_id, partner_id, status, created_at) VALUES (?, ?, ?, 'completed', ?)",
                   [id, customer, partner, context.nowText])
        return id
    }

    /// One line per subscription the order created.
    static func insertLine(order: String, number: Int, offer: String, subscription: String, quantity: Int, term: String,
                           cycle: String, por: String?, parent: String?, name: String, _ db: Connection) throws {
        try db.run("""
            INSERT INTO order_line_items (order_id, line_item_number, offer_id, subscription_id, quantity, term_duration,
                billing_cycle, partner_id_on_record, parent_subscription_id, friendly_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [order, number, offer, subscription, quantity, term, cycle, por, parent, name])
    }
}
