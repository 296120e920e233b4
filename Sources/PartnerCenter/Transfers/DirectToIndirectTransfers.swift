import Foundation
import JSON
import SQLite

/// Self-service subscription transfers from a migrating direct-bill partner to a
/// distributor, SST-1 to SST-10.
enum DirectToIndirectTransfers {
    /// The source creates the transfer; returns its id.
    static func create(_ input: NewTransferInput, _ context: OperationContext, _ db: Connection) throws -> String {
        let source = try context.callingPartner(db)
        if let named = input.sourcePartnerTenantId, named != source.tenantId {
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
        let targetId = try input.requiredTarget.get()
        guard targetId != source.tenantId else {
            throw APIError(.badRequest, code: ErrorCode.transferSourceEqualsTarget, "The source partner and the target partner are the same.")
        }
        guard let target = try PartnerRecord.find(targetId, db), target.isDistributor else {
            throw APIError.invalidField("targetPartnerTenantId", "must be a distributor")
        }
        try CustomerRelationships.requireActivePartnership(distributor: target.tenantId, reseller: source.tenantId, db)
        let (customer, _) = try context.visibleCustomer(input.customerId, db)
        // SST-2
        guard !(try CustomerRelationships.activeKinds(customer: customer.tenantId, partner: target.tenantId, db)).isEmpty else {
            throw APIError(.badRequest, code: ErrorCode.customerNotWithDistributor,
                           "The customer has no relationship with \(target.legalName); extend the relationship first.")
        }
        guard try CustomerAgreements.isAccepted(customer: customer.tenantId, through: target.tenantId, db) else {
            throw APIError(.badRequest, code: ErrorCode.mcaNotAcceptedThroughDistributor,
                           "The customer has not accepted the Microsoft Customer Agreement through \(target.legalName); an attestation through another partner does not carry over.")
        }
        let selected = try offered(input.lineItems, customer: customer.tenantId, source: source, db)
        let id = context.ids.guid()
        let user = try context.caller.objectId
        try TransferStore.insert(TransferRecord(
            id: id, transferType: .directToIndirect, status: .active, customerId: customer.tenantId, customerEmail: nil,
            sourcePartnerId: source.tenantId, targetPartnerId: target.tenantId, targetProductTypes: nil, partnerIdOnRecord: nil,
            createdBy: user, createdAt: context.nowText, lastModifiedAt: context.nowText, lastModifiedUser: user,
            completedAt: nil, expiresAt: nil, targetPartnerEmail: nil, completedWallClockUs: nil), db)
        var line = 0
        for subscription in selected {
            let base = line
            // SST-7: the quantity is captured now; later changes are not reflected.
            try claim(subscription, for: id, db)
            try TransferStore.insertLine(TransferLineRecord(transfer: id, number: base, parent: nil, subscription), db)
            line += 1
            // SST-6: add-ons come along automatically (the active ones: SST-4 moves only active
            // subscriptions, and acceptance refuses a line that is no longer active).
            for addon in try TransferSteps.addons(of: subscription, db) where addon.status == .active {
                try claim(addon, for: id, db)
                try TransferStore.insertLine(TransferLineRecord(transfer: id, number: line, parent: base, addon), db)
                line += 1
            }
        }
        try context.notify(db, kind: "TransferRequested", to: target.primaryContactEmail, tenant: target.tenantId,
                           subject: "\(source.legalName) requests to transfer \(customer.companyName)'s subscriptions to you",
                           body: "Accept or reject transfer \(id).", resourceType: "Transfer", resourceId: id)
        try context.audit(db, "CreateTransfer", resourceType: "Transfer", resourceId: id, tenants: [source.tenantId, target.tenantId],
                          customerId: customer.tenantId,
                          details: ["transferType": .string(TransferType.directToIndirect.rawValue), "lineItems": .int(Int64(line))])
        return id
    }

    /// SST-3: the base subscriptions offered, one or more of this one customer, each billed by
    /// the source and eligible (SST-4, SST-5).
    private static func offered(_ lineItems: TransferLineItemsInput.Items, customer: String, source: PartnerRecord,
                                _ db: Connection) throws -> [SubscriptionRecord] {
        let elements = try lineItems.get()
        guard !elements.isEmpty else { throw APIError.invalidField("lineItems", "must name at least one subscription") }
        var selected: [SubscriptionRecord] = []
        for (index, element) in elements.enumerated() {
            let subscriptionId = try element.get()
            guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: customer, db),
                  subscription.billingPartnerId == source.tenantId, subscription.movedToSubscriptionId == nil else {
                throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                               "lineItems[\(index)]: \(subscriptionId) is not a subscription of this customer billed by the source.",
                               data: [.string(subscriptionId)])
            }
            guard !selected.contains(where: { $0.id == subscription.id }) else {
                throw APIError.invalidField("lineItems[\(index)].subscriptionId", "is listed twice")
            }
            // SST-4 and SST-5, with the eligibility query's own reasons.
            if let why = try SelfServiceEligibility.reason(subscription, db) {
                let code = why.hasPrefix(SelfServiceEligibility.heldReason) ? ErrorCode.transferInProgress : ErrorCode.invalidSubscriptionInTransfer
                throw APIError(code == ErrorCode.transferInProgress ? .conflict : .badRequest, code: code,
                               "lineItems[\(index)]: \(subscriptionId) cannot be transferred: \(why)", data: [.string(subscriptionId)])
            }
            if subscription.parentSubscriptionId != nil {
                throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                               "lineItems[\(index)]: \(subscriptionId) is an add-on; it moves with its base subscription.", data: [.string(subscriptionId)])
            }
            selected.append(subscription)
        }
        return selected
    }

    /// Claims `subscription` for the transfer; refuses when another transfer or form holds it (SST-5).
    private static func claim(_ subscription: SubscriptionRecord, for transferId: String, _ db: Connection) throws {
        if let holder = try SubscriptionHold.holder(of: subscription.id, db) {
            throw APIError.conflict(ErrorCode.transferInProgress, "Subscription \(subscription.id) is already held by \(holder).")
        }
        try TransferStore.claim(subscription.id, for: transferId, db)
    }

    /// SST-8 and SST-9: the distributor accepts; everything moves in this one transaction.
    /// Returns the order that created the distributor's subscriptions.
    static func accept(_ transfer: TransferRecord, _ context: OperationContext, _ db: Connection) throws -> String {
        try requireDistributor(transfer, context, "accepts")
        try transfer.requireActive(context)
        guard let source = try PartnerRecord.find(transfer.sourcePartnerId, db) else { throw APIError.notFound("The partner") }
        // SST-1 still holds: the new subscriptions carry the source's PLA id as POR, which is
        // only valid while the partnership is Active.
        try CustomerRelationships.requireActivePartnership(distributor: transfer.targetPartnerId, reseller: source.tenantId, db)
        let moving = try linesThatMove(transfer, source: source, db)
        let orderId = try OrderStore.insert(customer: transfer.customerId, partner: transfer.targetPartnerId, context, db)
        var newIds: [Int: String] = [:]
        for (line, subscription) in moving {
            let parent = line.parentLineNumber.flatMap { newIds[$0] }
            newIds[line.lineNumber] = try move(line, subscription, parent: parent, to: transfer, por: source.mpaPlaId, order: orderId, context, db)
        }
        try PORPolicy.recordUsage(distributor: transfer.targetPartnerId, partnerId: source.mpaPlaId, context, db)
        try TransferSteps.close(transfer, as: .complete, context, db)
        try context.notify(db, kind: "TransferCompleted", to: source.primaryContactEmail, tenant: source.tenantId,
                           subject: "Transfer \(transfer.id) was accepted", body: "\(moving.count) subscription(s) moved to the distributor.",
                           resourceType: "Transfer", resourceId: transfer.id)
        return orderId
    }

    /// Every line with its subscription, which must still be an active subscription of the
    /// source. SUB-4 lets the source keep using (and so cancel or suspend) a subscription while
    /// the transfer is pending; such a line cannot move, and nothing moves (no half-moved transfer).
    private static func linesThatMove(_ transfer: TransferRecord, source: PartnerRecord,
                                      _ db: Connection) throws -> [(line: TransferLineRecord, subscription: SubscriptionRecord)] {
        try TransferLineRecord.all(of: transfer.id, db).map { line in
            guard let subscription = try SubscriptionRecord.find(line.subscriptionId, customer: transfer.customerId, db),
                  subscription.billingPartnerId == source.tenantId, subscription.status == .active,
                  subscription.movedToSubscriptionId == nil else {
                throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                               "\(line.subscriptionId) is no longer an active subscription of the source; reject the transfer and ask the source for a new one.",
                               data: [.string(line.subscriptionId)])
            }
            return (line, subscription)
        }
    }

    /// One line moves: the subscription is recreated under the distributor with the source's
    /// PLA id as POR (the captured quantity, SST-7), the source's copy leaves (SST-9), and the
    /// line and the order record the new id. Returns the new id.
    private static func move(_ line: TransferLineRecord, _ subscription: SubscriptionRecord, parent: String?, to transfer: TransferRecord,
                             por: String?, order orderId: String, _ context: OperationContext, _ db: Connection) throws -> String {
        let newId = try TransferSteps.recreate(subscription, quantity: line.quantity, partner: transfer.targetPartnerId,
                                               partnerIdOnRecord: por, parentId: parent, gainedAs: .indirect, orderId: orderId, context, db)
        if subscription.offer.productType == "AzureLegacy" {
            // SST-9: a new id under the distributor; the old one leaves the source's list.
            try SubscriptionStore.markMoved(subscription.id, to: newId, context, db)
        } else {
            // SST-9: the license is recreated and the source's copy suspended.
            try SubscriptionStore.setStatus(subscription.id, .suspended, db)
        }
        try TransferStore.completeLine(transfer.id, number: line.lineNumber, targetSubscriptionId: newId, db)
        try OrderStore.insertLine(order: orderId, number: line.lineNumber, offer: subscription.offer.id, subscription: newId,
                                  quantity: line.quantity, term: subscription.termDuration, cycle: subscription.billingCycle,
                                  por: por, parent: parent, name: subscription.friendlyName, db)
        return newId
    }

    /// SST-8: the distributor rejects.
    static func reject(_ transfer: TransferRecord, _ context: OperationContext, _ db: Connection) throws {
        try requireDistributor(transfer, context, "rejects")
        try transfer.requireActive(context)
        try TransferSteps.close(transfer, as: .reject, context, db)
        try TransferSteps.tellSource(transfer, kind: "TransferRejected", subject: "Transfer \(transfer.id) was rejected",
                                     body: "The distributor rejected the transfer.", context, db)
    }

    /// SST-8: the source withdraws while the transfer is Active.
    static func withdraw(_ transfer: TransferRecord, _ context: OperationContext, _ db: Connection) throws {
        guard try context.caller.tenantId == transfer.sourcePartnerId else {
            throw APIError.forbidden("Only the source partner withdraws its transfer.")
        }
        try transfer.requireActive(context)
        try TransferSteps.close(transfer, as: .cancelled, context, db)
    }

    /// SST-8: only the distributor answers, as AdminAgent or SalesAgent.
    private static func requireDistributor(_ transfer: TransferRecord, _ context: OperationContext, _ verb: String) throws {
        let caller = try context.caller
        guard caller.tenantId == transfer.targetPartnerId, caller.hasAny([.adminAgent, .salesAgent]) else {
            throw APIError.forbidden("Only the distributor (AdminAgent or SalesAgent) \(verb) this transfer.")
        }
    }
}
