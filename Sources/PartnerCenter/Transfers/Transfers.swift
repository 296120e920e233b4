import Foundation
import SQLite

/// `/v1/customers/{cid}/transfers`: the two kinds share the routes; each operation hands the
/// request to the flow of the kind it concerns (spec/api.md "Create rules").
enum Transfers {
    static func create(_ input: NewTransferInput, _ context: OperationContext, _ db: Connection) throws -> TransferDetails {
        let caller = try context.caller
        let id: String
        switch input.transferType {
        case .directToIndirect?:
            id = try DirectToIndirectTransfers.create(input, context, db)
        case .newCommerce?:
            id = try NewCommerceTransfers.create(input, context, db)
        case nil:
            let source = input.sourcePartnerTenantId, target = input.targetPartnerTenantId
            if source == caller.tenantId && input.hasLineItems {
                id = try DirectToIndirectTransfers.create(input, context, db)
            } else if (target == nil || target == caller.tenantId) && input.hasCustomerEmail {
                id = try NewCommerceTransfers.create(input, context, db)
            } else if target == nil || target == caller.tenantId {
                // A new-commerce request without the customer's e-mail (900136).
                id = try NewCommerceTransfers.create(input, context, db)
            } else {
                throw APIError.invalidField("transferType",
                                            "cannot tell the kind: the source sends lineItems (DirectToIndirect), the target sends customerEmailId (NewCommerce)")
            }
        }
        return try TransferDetails.load(id, db)
    }

    /// The transfer when the caller is its source or target; 404 900100 otherwise.
    static func visible(customerId: String, transferId: String, _ context: OperationContext, _ db: Connection) throws -> TransferRecord {
        let caller = try context.caller
        guard let transfer = try TransferRecord.find(transferId, customer: customerId, db),
              transfer.sourcePartnerId == caller.tenantId || transfer.targetPartnerId == caller.tenantId else {
            throw APIError(.notFound, code: ErrorCode.transferNotFound, "The transfer was not found.")
        }
        return transfer
    }

    static func get(customerId: String, transferId: String, _ context: OperationContext, _ db: Connection) throws -> TransferDetails {
        try TransferDetails.load(try visible(customerId: customerId, transferId: transferId, context, db).id, db)
    }

    /// One page of the customer's transfers the caller is source or target of, oldest first
    /// (plus one more when more follow), the total, and the customer's id.
    static func list(customerId: String, page: Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [TransferDetails], totalCount: Int, customerId: String) {
        let caller = try context.caller
        // Like the customer's other collections: 404 when the caller has no relationship with it.
        let customerId = try context.visibleCustomer(customerId, db).customer.tenantId
        let clause = "customer_id = ?1 AND (source_partner_id = ?2 OR target_partner_id = ?2)"
        let total = try db.count("SELECT count(*) FROM transfers WHERE \(clause)", [customerId, caller.tenantId])
        let ids = try db.fetchAll(String.self, "SELECT id FROM transfers WHERE \(clause) ORDER BY created_at, id \(Page.limitClause)",
                                  page.arguments([customerId, caller.tenantId]))
        return (try ids.map { try TransferDetails.load($0, db) }, total, customerId)
    }

    /// PATCH: `reject` (distributor, DirectToIndirect), `Cancel` (target, NewCommerce),
    /// `Accept`/`Complete` with lineItems (source, NewCommerce). The body is read by the route
    /// and refused here, after the transfer is found (as ever).
    static func update(customerId: String, transferId: String, _ change: Result<TransferChangeInput, APIError>,
                       _ context: OperationContext, _ db: Connection) throws -> TransferDetails {
        let transfer = try visible(customerId: customerId, transferId: transferId, context, db)
        let change = try change.get()
        switch (transfer.transferType, change.step) {
        case (.directToIndirect, .reject?):
            try DirectToIndirectTransfers.reject(transfer, context, db)
        case (.newCommerce, .cancel?):
            try NewCommerceTransfers.cancel(transfer, context, db)
        case (.newCommerce, .accept?):
            try NewCommerceTransfers.accept(transfer, change.lineItems, context, db)
        default:
            throw APIError.invalidField("status", "'\(change.status)' is not a step of a \(transfer.transferType.rawValue) transfer")
        }
        return try TransferDetails.load(transfer.id, db)
    }

    /// POST .../accept: the distributor accepts a DirectToIndirect transfer; returns the order
    /// that created its subscriptions.
    static func accept(customerId: String, transferId: String, _ context: OperationContext, _ db: Connection) throws -> String {
        let transfer = try visible(customerId: customerId, transferId: transferId, context, db)
        guard transfer.transferType == .directToIndirect else {
            throw APIError.invalidField("transferType", "a NewCommerce transfer is accepted by its source with PATCH status Accept")
        }
        return try DirectToIndirectTransfers.accept(transfer, context, db)
    }

    /// DELETE: the source withdraws a DirectToIndirect transfer.
    static func withdraw(customerId: String, transferId: String, _ context: OperationContext, _ db: Connection) throws {
        let transfer = try visible(customerId: customerId, transferId: transferId, context, db)
        guard transfer.transferType == .directToIndirect else {
            throw APIError.invalidField("transferType", "a NewCommerce transfer is cancelled by its target with PATCH status Cancel")
        }
        try DirectToIndirectTransfers.withdraw(transfer, context, db)
    }
}
