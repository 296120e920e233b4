import SQLite

/// One row of `transfer_line_items`: a subscription a transfer carries, as captured when the
/// line was written (SST-7: the quantity then), and where it went once moved.
struct TransferLineRecord: Codable, Sendable {
    var transferId: String
    var lineNumber: Int
    var subscriptionId: String
    /// Add-ons ride with their base (SST-6, SUB-3): the base's line number.
    var parentLineNumber: Int?
    var offerId: String
    var quantity: Int
    var billingCycle: String
    var friendlyName: String
    var partnerIdOnRecord: String?
    var productType: String
    var status: TransferLineStatus?
    var transferError: String?
    var targetSubscriptionId: String?

    /// The line for `subscription` as it is now.
    init(transfer: String, number: Int, parent: Int?, _ subscription: SubscriptionRecord) {
        transferId = transfer
        lineNumber = number
        subscriptionId = subscription.id
        parentLineNumber = parent
        offerId = subscription.offer.id
        quantity = subscription.quantity
        billingCycle = subscription.billingCycle
        friendlyName = subscription.friendlyName
        partnerIdOnRecord = subscription.partnerIdOnRecord
        productType = subscription.offer.productType
        status = nil
        transferError = nil
        targetSubscriptionId = nil
    }

    static func all(of transferId: String, _ db: Connection) throws -> [TransferLineRecord] {
        try db.fetchAll(TransferLineRecord.self, "SELECT * FROM transfer_line_items WHERE transfer_id = ? ORDER BY line_number", [transferId])
    }
}
