import Foundation
import SQLite

/// A subscription row with its offer: what every rule about a subscription reads. Columns
/// read straight through (`subscription.quantity`).
@dynamicMemberLookup
struct SubscriptionRecord: Sendable {
    let row: SubscriptionRow
    let offer: OfferRecord

    subscript<Value>(dynamicMember column: KeyPath<SubscriptionRow, Value>) -> Value { row[keyPath: column] }

    static func find(_ id: String, customer: String, _ db: Connection) throws -> SubscriptionRecord? {
        guard let row = try db.fetchOne(SubscriptionRow.self, "SELECT * FROM subscriptions WHERE id = ? AND customer_id = ?",
                                        [id.lowercased(), customer]) else { return nil }
        return try load(row, db)
    }

    /// The record of a fetched row; nil when its offer left the catalog.
    static func load(_ row: SubscriptionRow, _ db: Connection) throws -> SubscriptionRecord? {
        guard let offer = try OfferRecord.find(row.offerId, db) else { return nil }
        return SubscriptionRecord(row: row, offer: offer)
    }
}
