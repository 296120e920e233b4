import Foundation
import JSON
import SQLite

/// `/v1/customers/{cid}/transfers`: the two kinds share the routes; each request is routed to
/// the kind it concerns (spec/api.md "Create rules").
enum Transfers {
    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        let body = try context.body()
        let source = try body.optionalString("sourcePartnerTenantId")?.lowercased()
        let target = try body.optionalString("targetPartnerTenantId")?.lowercased()
        switch try explicitKind(body) {
        case .directToIndirect?:
            return try DirectToIndirectTransfers.create(body, context, db)
        case .newCommerce?:
            return try NewCommerceTransfers.create(body, context, db)
        case nil:
            if source == caller.tenantId && body.has("lineItems") {
                return try DirectToIndirectTransfers.create(body, context, db)
            }
            if (target == nil || target == caller.tenantId) && body.has("customerEmailId") {
                return try NewCommerceTransfers.create(body, context, db)
            }
            if target == nil || target == caller.tenantId {
                // A new-commerce request without the customer's e-mail (900136).
                return try NewCommerceTransfers.create(body, context, db)
            }
            throw APIError.invalidField("transferType",
                                        "cannot tell the kind: the source sends lineItems (DirectToIndirect), the target sends customerEmailId (NewCommerce)")
        }
    }

    /// `transferType` as a name or as the real API's number (5 = NewCommerce).
    private static func explicitKind(_ body: Body) throws(APIError) -> TransferType? {
        guard let value = body.value("transferType") else { return nil }
        switch value {
        case .int(5): return .newCommerce
        case .string(let name) where name.caseInsensitiveCompare("NewCommerce") == .orderedSame || name == "5": return .newCommerce
        case .string(let name) where name.caseInsensitiveCompare("DirectToIndirect") == .orderedSame: return .directToIndirect
        default: throw APIError.invalidField("transferType", "must be NewCommerce (5) or DirectToIndirect")
        }
    }

    /// The transfer in the path when the caller is its source or target; 404 900100 otherwise.
    static func visible(_ context: RequestContext, _ db: Connection) throws -> TransferRecord {
        let caller = try context.caller
        guard let transfer = try TransferRecord.find(context.pathParameter("transferId"), customer: context.pathParameter("customerId"), db),
              transfer.sourcePartnerId == caller.tenantId || transfer.targetPartnerId == caller.tenantId else {
            throw APIError(.notFound, code: ErrorCode.transferNotFound, "The transfer was not found.")
        }
        return transfer
    }

    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        .ok(try visible(context, db).render(db))
    }

    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        // Like the customer's other collections: 404 when the caller has no relationship with it.
        let customerId = try context.visibleCustomer(context.pathParameter("customerId"), db).customer.tenantId
        let page = try Page(context)
        let clause = "customer_id = ?1 AND (source_partner_id = ?2 OR target_partner_id = ?2)"
        let total = try db.count("SELECT count(*) FROM transfers WHERE \(clause)", [customerId, caller.tenantId])
        let rows = try db.query("SELECT * FROM transfers WHERE \(clause) ORDER BY created_at, id \(Page.limitClause)",
                                page.arguments([customerId, caller.tenantId]))
        let items = try rows.map { try TransferRecord($0).render(db) }
        return .ok(page.collection(items, totalCount: total, selfURI: "/customers/\(customerId)/transfers"))
    }

    /// PATCH: `reject` (distributor, DirectToIndirect), `Cancel` (target, NewCommerce),
    /// `Accept`/`Complete` with lineItems (source, NewCommerce).
    static func update(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let transfer = try visible(context, db)
        let body = try context.body()
        let status = try body.string("status").lowercased()
        switch (transfer.kind, status) {
        case (.directToIndirect, "reject"):
            return try DirectToIndirectTransfers.reject(transfer, context, db)
        case (.newCommerce, "cancel"), (.newCommerce, "cancelled"):
            return try NewCommerceTransfers.cancel(transfer, context, db)
        case (.newCommerce, "accept"), (.newCommerce, "complete"):
            return try NewCommerceTransfers.accept(transfer, body, context, db)
        default:
            throw APIError.invalidField("status", "'\(status)' is not a step of a \(transfer.kind.rawValue) transfer")
        }
    }

    static func accept(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let transfer = try visible(context, db)
        guard transfer.kind == .directToIndirect else {
            throw APIError.invalidField("transferType", "a NewCommerce transfer is accepted by its source with PATCH status Accept")
        }
        return try DirectToIndirectTransfers.accept(transfer, context, db)
    }

    static func withdraw(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let transfer = try visible(context, db)
        guard transfer.kind == .directToIndirect else {
            throw APIError.invalidField("transferType", "a NewCommerce transfer is cancelled by its target with PATCH status Cancel")
        }
        return try DirectToIndirectTransfers.withdraw(transfer, context, db)
    }

    // MARK: Shared steps

    /// Moves a transfer to a final status: releases its claims (SST-5) and records who did it.
    static func finish(_ transfer: TransferRecord, status: String, _ context: RequestContext, _ db: Connection) throws {
        let completed = status == "Complete" ? context.nowText : nil
        try db.run("""
            UPDATE transfers SET status = ?, last_modified_at = ?, last_modified_user = ?, completed_at = coalesce(?, completed_at) WHERE id = ?
            """, [status, context.nowText, try context.caller.objectId, completed, transfer.id])
        try db.run("DELETE FROM transfer_claims WHERE transfer_id = ?", [transfer.id])
        try context.audit(db, "UpdateTransfer", resourceType: "Transfer", resourceId: transfer.id,
                          tenants: [transfer.sourcePartnerId, transfer.targetPartnerId], customerId: transfer.customerId,
                          details: ["status": .string(status)])
    }

    /// Recreates `subscription` in `partner`'s billing account (same offer, same Azure
    /// subscription id) and returns the new id.
    static func recreate(_ subscription: SubscriptionRecord, quantity: Int, partner: String, partnerIdOnRecord: String?,
                         parentId: String?, gainedAs: String, orderId: String?, _ context: RequestContext, _ db: Connection) throws -> String {
        try SubscriptionStore.insert(NewSubscription(
            customerId: subscription.customerId, billingPartnerId: partner, offer: subscription.offer, quantity: quantity,
            billingCycle: subscription.billingCycle, termDuration: subscription.termDuration, friendlyName: subscription.friendlyName,
            gainedAs: GainedAs(rawValue: gainedAs) ?? .direct, parentSubscriptionId: parentId, partnerIdOnRecord: partnerIdOnRecord,
            orderId: orderId, azureSubscriptionId: subscription.azureSubscriptionId), context.operation, db)
    }

    static func insertLine(_ transferId: String, number: Int, parent: Int?, _ subscription: SubscriptionRecord, quantity: Int,
                           _ db: Connection) throws {
        try db.run("""
            INSERT INTO transfer_line_items (transfer_id, line_number, subscription_id, parent_line_number, offer_id, quantity,
                billing_cycle, friendly_name, partner_id_on_record, product_type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [transferId, number, subscription.id, parent, subscription.offer.id, quantity, subscription.billingCycle,
                  subscription.friendlyName, subscription.partnerIdOnRecord, subscription.offer.productType])
    }

    /// Claims `subscription` for `transferId`; refuses when another active transfer holds it (SST-5).
    static func claim(_ subscription: SubscriptionRecord, for transferId: String, _ db: Connection) throws {
        if let holder = try SubscriptionHold.holder(of: subscription.id, db) {
            throw APIError.conflict(ErrorCode.transferInProgress, "Subscription \(subscription.id) is already held by \(holder).")
        }
        try db.run("INSERT INTO transfer_claims (subscription_id, transfer_id) VALUES (?, ?)", [subscription.id, transferId])
    }

    /// The active add-ons of a subscription, which move with it (SST-6, SUB-3).
    static func addons(of subscription: SubscriptionRecord, _ db: Connection) throws -> [SubscriptionRecord] {
        try db.query("""
            SELECT id FROM subscriptions WHERE parent_subscription_id = ? AND status <> 'deleted' AND moved_to_subscription_id IS NULL ORDER BY created_at, id
            """, [subscription.id]).compactMap { row in
            try row.string("id").flatMap { try SubscriptionRecord.find($0, customer: subscription.customerId, db) }
        }
    }
}
