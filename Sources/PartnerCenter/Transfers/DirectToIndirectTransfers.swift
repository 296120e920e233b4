import Foundation
import JSON
import SQLite

/// Self-service subscription transfers from a migrating direct-bill partner to a
/// distributor, SST-1 to SST-10.
enum DirectToIndirectTransfers {
    static func create(_ body: Body, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let source = try context.callingPartner(db)
        if let named = try body.optionalString("sourcePartnerTenantId")?.lowercased(), named != source.tenantId {
            throw APIError.forbidden("A self-service transfer is created by its source partner.")
        }
        // SST-10
        guard !source.isSandbox else {
            throw APIError(.badRequest, code: ErrorCode.sandboxTransfer, "Transfers cannot be tested in a sandbox account.")
        }
        // SST-1
        guard source.hasMigrated else {
            throw APIError.forbidden("Only a direct-bill partner that completed IndirectReseller enrollment on the same tenant can create a self-service transfer.")
        }
        guard let targetId = try body.optionalString("targetPartnerTenantId")?.lowercased() else {
            throw body.missing("targetPartnerTenantId")
        }
        guard targetId != source.tenantId else {
            throw APIError(.badRequest, code: ErrorCode.transferSourceEqualsTarget, "The source partner and the target partner are the same.")
        }
        guard let target = try PartnerRecord.find(targetId, db), target.isDistributor else {
            throw APIError.invalidField("targetPartnerTenantId", "must be a distributor")
        }
        try CustomerRelationships.requireActivePartnership(distributor: target.tenantId, reseller: source.tenantId, db)
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        // SST-2
        guard !(try CustomerRelationships.activeKinds(customer: customer.tenantId, partner: target.tenantId, db)).isEmpty else {
            throw APIError(.badRequest, code: ErrorCode.customerNotWithDistributor,
                           "The customer has no relationship with \(target.legalName); extend the relationship first.")
        }
        guard try CustomerAgreements.isAccepted(customer: customer.tenantId, through: target.tenantId, db) else {
            throw APIError(.badRequest, code: ErrorCode.mcaNotAcceptedThroughDistributor,
                           "The customer has not accepted the Microsoft Customer Agreement through \(target.legalName); an attestation through another partner does not carry over.")
        }
        // SST-3: one or more subscriptions of this one customer.
        let elements = try body.array("lineItems", maxCount: InputLimits.lineItems.upperBound)
        guard !elements.isEmpty else { throw APIError.invalidField("lineItems", "must name at least one subscription") }
        var selected: [SubscriptionRecord] = []
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else { throw APIError.invalidField("lineItems[\(index)]", "must be an object") }
            let subscriptionId = try Body(object, path: "lineItems[\(index)]").string("subscriptionId").lowercased()
            guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: customer.tenantId, db),
                  subscription.billingPartnerId == source.tenantId, subscription.movedToSubscriptionId == nil else {
                throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                               "lineItems[\(index)]: \(subscriptionId) is not a subscription of this customer billed by the source.",
                               data: [.string(subscriptionId)])
            }
            guard !selected.contains(where: { $0.id == subscription.id }) else {
                throw APIError.invalidField("lineItems[\(index)].subscriptionId", "is listed twice")
            }
            // SST-4 and SST-5, with the eligibility query's own reasons.
            if let why = try TransferEligibility.reason(subscription, db) {
                let code = why.hasPrefix("InActiveTransfer") ? ErrorCode.transferInProgress : ErrorCode.invalidSubscriptionInTransfer
                throw APIError(code == ErrorCode.transferInProgress ? .conflict : .badRequest, code: code,
                               "lineItems[\(index)]: \(subscriptionId) cannot be transferred: \(why)", data: [.string(subscriptionId)])
            }
            if subscription.parentSubscriptionId != nil {
                throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                               "lineItems[\(index)]: \(subscriptionId) is an add-on; it moves with its base subscription.", data: [.string(subscriptionId)])
            }
            selected.append(subscription)
        }
        let id = context.services.ids.guid()
        try db.run("""
            INSERT INTO transfers (id, transfer_type, status, customer_id, source_partner_id, target_partner_id, created_by, created_at,
                last_modified_at, last_modified_user)
            VALUES (?, 'DirectToIndirect', 'Active', ?, ?, ?, ?, ?, ?, ?)
            """, [id, customer.tenantId, source.tenantId, target.tenantId, try context.caller.objectId, context.nowText,
                  context.nowText, try context.caller.objectId])
        var line = 0
        for subscription in selected {
            let base = line
            // SST-7: the quantity is captured now; later changes are not reflected.
            try Transfers.claim(subscription, for: id, db)
            try Transfers.insertLine(id, number: base, parent: nil, subscription, quantity: subscription.quantity, db)
            line += 1
            // SST-6: add-ons come along automatically (the active ones: SST-4 moves only active
            // subscriptions, and acceptance refuses a line that is no longer active).
            for addon in try Transfers.addons(of: subscription, db) where addon.status == .active {
                try Transfers.claim(addon, for: id, db)
                try Transfers.insertLine(id, number: line, parent: base, addon, quantity: addon.quantity, db)
                line += 1
            }
        }
        try context.notify(db, kind: "TransferRequested", to: target.primaryContactEmail, tenant: target.tenantId,
                           subject: "\(source.legalName) requests to transfer \(customer.companyName)'s subscriptions to you",
                           body: "Accept or reject transfer \(id).", resourceType: "Transfer", resourceId: id)
        try context.audit(db, "CreateTransfer", resourceType: "Transfer", resourceId: id, tenants: [source.tenantId, target.tenantId],
                          customerId: customer.tenantId, details: ["transferType": "DirectToIndirect", "lineItems": .int(Int64(line))])
        guard let transfer = try TransferRecord.find(id, customer: customer.tenantId, db) else { throw APIError.notFound("The transfer") }
        return .created(try transfer.render(db))
    }

    /// SST-8 and SST-9: the distributor accepts; everything moves in this one transaction.
    static func accept(_ transfer: TransferRecord, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        guard caller.tenantId == transfer.targetPartnerId, caller.hasAny([.adminAgent, .salesAgent]) else {
            throw APIError.forbidden("Only the distributor (AdminAgent or SalesAgent) accepts this transfer.")
        }
        try transfer.requireActive()
        guard let source = try PartnerRecord.find(transfer.sourcePartnerId, db) else { throw APIError.notFound("The partner") }
        // SST-1 still holds: the new subscriptions carry the source's PLA id as POR, which is
        // only valid while the partnership is Active.
        try CustomerRelationships.requireActivePartnership(distributor: transfer.targetPartnerId, reseller: source.tenantId, db)
        // SUB-4 lets the source keep using (and so cancel or suspend) a subscription while the
        // transfer is pending; such a line cannot move, and nothing moves (no half-moved transfer).
        var moving: [(number: Int, line: Row, subscription: SubscriptionRecord)] = []
        for line in try db.query("SELECT * FROM transfer_line_items WHERE transfer_id = ? ORDER BY line_number", [transfer.id]) {
            guard let number = line.int("line_number"), let subscriptionId = line.string("subscription_id") else { continue }
            guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: transfer.customerId, db),
                  subscription.billingPartnerId == source.tenantId, subscription.status == .active,
                  subscription.movedToSubscriptionId == nil else {
                throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                               "\(subscriptionId) is no longer an active subscription of the source; reject the transfer and ask the source for a new one.",
                               data: [.string(subscriptionId)])
            }
            moving.append((number, line, subscription))
        }
        let orderId = try OrderStore.insert(customer: transfer.customerId, partner: transfer.targetPartnerId, context.operation, db)
        var newIds: [Int: String] = [:]
        for (number, line, subscription) in moving {
            let quantity = line.int("quantity") ?? subscription.quantity
            let parent = line.int("parent_line_number").flatMap { newIds[$0] }
            let newId = try Transfers.recreate(subscription, quantity: quantity, partner: transfer.targetPartnerId,
                                               partnerIdOnRecord: source.mpaPlaId, parentId: parent, gainedAs: "Indirect",
                                               orderId: orderId, context, db)
            newIds[number] = newId
            if subscription.offer.productType == "AzureLegacy" {
                // SST-9: a new id under the distributor; the old one leaves the source's list.
                try SubscriptionStore.markMoved(subscription.id, to: newId, context.operation, db)
            } else {
                // SST-9: the license is recreated and the source's copy suspended.
                try SubscriptionStore.setStatus(subscription.id, .suspended, db)
            }
            try db.run("UPDATE transfer_line_items SET status = 'Complete', target_subscription_id = ? WHERE transfer_id = ? AND line_number = ?",
                       [newId, transfer.id, number])
            try OrderStore.insertLine(order: orderId, number: number, offer: subscription.offer.id, subscription: newId, quantity: quantity,
                                       term: subscription.termDuration, cycle: subscription.billingCycle, por: source.mpaPlaId, parent: parent, name: subscription.friendlyName, db)
        }
        try PORPolicy.recordUsage(distributor: transfer.targetPartnerId, partnerId: source.mpaPlaId, context.operation, db)
        try Transfers.finish(transfer, status: "Complete", context, db)
        try context.notify(db, kind: "TransferCompleted", to: source.primaryContactEmail, tenant: source.tenantId,
                           subject: "Transfer \(transfer.id) was accepted", body: "\(moving.count) subscription(s) moved to the distributor.",
                           resourceType: "Transfer", resourceId: transfer.id)
        return .ok(Links.resource([
            "orders": .array([try Orders.render(orderId, db)]),
            "transferErrors": .array([]),
        ], objectType: "TransferSubmitResult"))
    }

    /// SST-8: the distributor rejects.
    static func reject(_ transfer: TransferRecord, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        guard caller.tenantId == transfer.targetPartnerId, caller.hasAny([.adminAgent, .salesAgent]) else {
            throw APIError.forbidden("Only the distributor (AdminAgent or SalesAgent) rejects this transfer.")
        }
        try transfer.requireActive()
        try Transfers.finish(transfer, status: "Reject", context, db)
        if let source = try PartnerRecord.find(transfer.sourcePartnerId, db) {
            try context.notify(db, kind: "TransferRejected", to: source.primaryContactEmail, tenant: source.tenantId,
                               subject: "Transfer \(transfer.id) was rejected", body: "The distributor rejected the transfer.",
                               resourceType: "Transfer", resourceId: transfer.id)
        }
        return .ok(try transfer.render(db))
    }

    /// SST-8: the source withdraws while the transfer is Active.
    static func withdraw(_ transfer: TransferRecord, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        guard try context.caller.tenantId == transfer.sourcePartnerId else {
            throw APIError.forbidden("Only the source partner withdraws its transfer.")
        }
        try transfer.requireActive()
        try Transfers.finish(transfer, status: "Cancelled", context, db)
        return .noContent
    }
}
