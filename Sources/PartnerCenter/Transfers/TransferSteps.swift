import SQLite

/// Steps both transfer flows (NewCommerce and DirectToIndirect) take, below their operations.
enum TransferSteps {
    /// Moves a transfer to a final status on the caller's behalf: its claims are released
    /// (SST-5) and the change is audited.
    static func close(_ transfer: TransferRecord, as status: TransferStatus, _ context: OperationContext, _ db: Connection) throws {
        try TransferStore.close(transfer.id, as: status, by: try context.caller.objectId, context, db)
        try context.audit(db, "UpdateTransfer", resourceType: "Transfer", resourceId: transfer.id,
                          tenants: [transfer.sourcePartnerId, transfer.targetPartnerId], customerId: transfer.customerId,
                          details: ["status": .string(status.rawValue)])
    }

    /// Tells the source partner, when it still exists, what became of its transfer.
    static func tellSource(_ transfer: TransferRecord, kind: String, subject: String, body: String,
                           _ context: OperationContext, _ db: Connection) throws {
        guard let source = try PartnerRecord.find(transfer.sourcePartnerId, db) else { return }
        try context.notify(db, kind: kind, to: source.primaryContactEmail, tenant: source.tenantId, subject: subject, body: body,
                           resourceType: "Transfer", resourceId: transfer.id)
    }

    /// Recreates `subscription` in `partner`'s billing account (same offer, same Azure
    /// subscription id) and returns the new id.
    static func recreate(_ subscription: SubscriptionRecord, quantity: Int, partner: String, partnerIdOnRecord: String?,
                         parentId: String?, gainedAs: GainedAs, orderId: String?, _ context: OperationContext, _ db: Connection) throws -> String {
        try SubscriptionStore.insert(NewSubscription(
            customerId: subscription.customerId, billingPartnerId: partner, offer: subscription.offer, quantity: quantity,
            billingCycle: subscription.billingCycle, termDuration: subscription.termDuration, friendlyName: subscription.friendlyName,
            gainedAs: gainedAs, parentSubscriptionId: parentId, partnerIdOnRecord: partnerIdOnRecord,
            orderId: orderId, azureSubscriptionId: subscription.azureSubscriptionId), context, db)
    }

    /// The add-ons of a subscription that are not deleted, which move with it (SST-6, SUB-3).
    static func addons(of subscription: SubscriptionRecord, _ db: Connection) throws -> [SubscriptionRecord] {
        let rows = try db.fetchAll(SubscriptionRow.self, """
            SELECT * FROM subscriptions WHERE parent_subscription_id = ? AND status <> ? AND moved_to_subscription_id IS NULL
            ORDER BY created_at, id
            """, [subscription.id, SubscriptionStatus.deleted])
        return try rows.compactMap { row in
            row.customerId == subscription.customerId ? try SubscriptionRecord.load(row, db) : nil
        }
    }
}
