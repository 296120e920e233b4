import SQLite

/// The tables that make up a world (everything but reference data and instance settings),
/// in an order that empties them without breaking foreign keys. A migration that adds a
/// world table adds it here too.
///
/// `empty` is the one exception to "every write of a table lives in its store": a reset
/// deletes every row of every world table at once, which no store's rules are about.
enum WorldTables {
    static let inDeletionOrder = [
        "idempotency_keys", "audit_records", "notifications", "refresh_tokens", "app_registrations", "principals", "invitations",
        "role_assignments", "support_requests", "transfer_form_claims", "transfer_forms",
        "transfer_claims", "transfer_line_items", "transfers", "subscription_migrations",
        "eligibility_reports", "por_usage", "credits", "order_line_items", "subscriptions", "orders",
        "customer_relationships", "customer_agreements", "customers",
        "partnerships", "locations", "enrollments", "partners",
    ]
    /// Tables that are not the world: reference data, instance settings, bookkeeping.
    static let kept: Set<String> = ["sim_settings", "regions", "offers", "schema_migrations", "sqlite_sequence"]

    static func empty(_ db: Connection) throws {
        for table in inDeletionOrder {
            try db.run("DELETE FROM \(table)")
        }
    }
}
