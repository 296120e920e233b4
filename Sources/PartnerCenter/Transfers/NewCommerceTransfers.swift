import Foundation
import JSON
import SQLite

/// New-commerce partner-to-partner transfers, P2P-1 to P2P-8.
enum NewCommerceTransfers {
    /// Product types a new-commerce transfer can carry; reservations and third-party items
    /// only when the transfer takes them (P2P-6).
    static let transferable: Set<String> = ["OnlineServicesNCE", "AzureSubscription", "AzureReservation", "AzureSavingsPlan", "SaaS", "Software"]

    /// P2P-2: the target (AdminAgent) creates the transfer; returns its id.
    static func create(_ input: NewTransferInput, _ context: OperationContext, _ db: Connection) throws -> String {
        let target = try context.callingPartner(db)
        if let named = input.targetPartnerTenantId, named != target.tenantId {
            throw APIError.forbidden("A new-commerce transfer is created by its target partner.")
        }
        let sourceId = try input.requiredSource.get()
        // P2P-6: source equals target.
        guard sourceId != target.tenantId else {
            throw APIError(.badRequest, code: ErrorCode.transferSourceEqualsTarget, "The source partner and the target partner are the same.")
        }
        guard let email = try input.customerEmailId.get() else {
            throw APIError(.badRequest, code: ErrorCode.transferEmailMissing, "customerEmailId: the customer's e-mail for notifications is required.")
        }
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("customerEmailId", "is not an e-mail address") }
        // ACC-9: the target must be able to bill.
        guard target.isDistributor || target.programs[.directBill] != nil else {
            throw APIError.forbidden("An indirect reseller cannot take subscriptions into a billing account; its distributor does (ACC-9).")
        }
        // P2P-1/P2P-6: the customer must have accepted the target's relationship request.
        let (customer, _) = try context.visibleCustomer(input.customerId, db)
        guard let source = try PartnerRecord.find(sourceId, db),
              !(try CustomerRelationships.activeKinds(customer: customer.tenantId, partner: sourceId, db)).isEmpty else {
            throw APIError.invalidField("sourcePartnerTenantId", "is not a partner of this customer")
        }
        let productTypes = try input.targetProductTypes.get()
        // P2P-8: a distributor target assigns a POR, validated like any of its transactions.
        let por = try input.partnerIdOnRecord.get()
        if target.isDistributor && PORPolicy.isEnforced(context) {
            try PORPolicy.requireValid(por, field: "partnerOnRecord", distributor: target, db)
        }
        let targetEmail = try input.targetPartnerEmailId.get()
        let id = context.ids.guid()
        let expires = Timestamp.format(context.now.addingTimeInterval(Double(context.configuration.transferExpiryDays) * 86_400))
        let user = try context.caller.objectId
        try TransferStore.insert(TransferRecord(
            id: id, transferType: .newCommerce, status: .active, customerId: customer.tenantId, customerEmail: email,
            sourcePartnerId: sourceId, targetPartnerId: target.tenantId, targetProductTypes: productTypes?.joined(separator: ","),
            partnerIdOnRecord: por, createdBy: user, createdAt: context.nowText, lastModifiedAt: context.nowText,
            lastModifiedUser: user, completedAt: nil, expiresAt: expires, targetPartnerEmail: targetEmail,
            completedWallClockUs: nil), db)
        // P2P-3: the source is told (notification and audit record).
        try context.notify(db, kind: "TransferRequested", to: source.primaryContactEmail, tenant: sourceId,
                           subject: "\(target.legalName) requests a transfer of \(customer.companyName)'s subscriptions",
                           body: "Open transfer \(id), select the subscriptions to move and accept it before \(expires).",
                           resourceType: "Transfer", resourceId: id)
        try context.notify(db, kind: "TransferRequested", to: email, tenant: customer.tenantId,
                           subject: "A transfer of your subscriptions to \(target.legalName) was requested",
                           body: "\(source.legalName) will review the transfer.", resourceType: "Transfer", resourceId: id)
        try context.audit(db, "CreateTransfer", resourceType: "Transfer", resourceId: id, tenants: [sourceId, target.tenantId],
                          customerId: customer.tenantId, details: ["transferType": .string(TransferType.newCommerce.rawValue)])
        return id
    }

    /// P2P-5: only the target that created it, only while pending.
    static func cancel(_ transfer: TransferRecord, _ context: OperationContext, _ db: Connection) throws {
        guard try context.caller.has(.adminAgent) else {
            throw APIError.forbidden("A new-commerce transfer is cancelled by the target's AdminAgent.")
        }
        guard try context.caller.tenantId == transfer.targetPartnerId else {
            throw APIError.forbidden("Only the target partner that created the transfer can cancel it.")
        }
        try transfer.requireActive(context)
        try TransferSteps.close(transfer, as: .cancelled, context, db)
        try TransferSteps.tellSource(transfer, kind: "TransferCancelled", subject: "Transfer \(transfer.id) was cancelled",
                                     body: "The target partner cancelled the transfer.", context, db)
    }

    /// P2P-3 and P2P-4: the source selects subscriptions and accepts; all move or none does.
    static func accept(_ transfer: TransferRecord, _ lineItems: TransferLineItemsInput.Items, _ context: OperationContext,
                       _ db: Connection) throws {
        // Moving billing is an AdminAgent act; SalesAgent may only answer self-service transfers (SST-8).
        guard try context.caller.has(.adminAgent) else {
            throw APIError.forbidden("A new-commerce transfer is accepted by the source's AdminAgent.")
        }
        guard try context.caller.tenantId == transfer.sourcePartnerId else {
            throw APIError.forbidden("Only the source partner accepts a new-commerce transfer.")
        }
        try transfer.requireActive(context)
        guard let source = try PartnerRecord.find(transfer.sourcePartnerId, db),
              let target = try PartnerRecord.find(transfer.targetPartnerId, db) else { throw APIError.notFound("The partner") }
        let elements = try lineItems.get()
        guard !elements.isEmpty else { throw APIError.invalidField("lineItems", "select at least one subscription") }
        var selected: [SubscriptionRecord] = []
        for (index, element) in elements.enumerated() {
            let subscriptionId = try element.get()
            guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: transfer.customerId, db),
                  subscription.billingPartnerId == source.tenantId, subscription.status == .active,
                  subscription.movedToSubscriptionId == nil, subscription.parentSubscriptionId == nil else {
                throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                               "lineItems[\(index)]: \(subscriptionId) is not an active base subscription of the source for this customer.",
                               data: [.string(subscriptionId)])
            }
            guard !selected.contains(where: { $0.id == subscription.id }) else {
                throw APIError.invalidField("lineItems[\(index)].subscriptionId", "is selected twice")
            }
            try requireTransferable(subscription, transfer, index: index)
            selected.append(subscription)
        }
        // POR-4: a partner-to-partner transfer out of a distributor validates the subscription's POR.
        for subscription in selected {
            try PORPolicy.requireValidForChange(partnerIdOnRecord: subscription.partnerIdOnRecord, billingPartner: source, change: "partner-to-partner transfer", context, db)
        }
        // P2P-8: the POR the distributor target assigns must still be valid.
        if target.isDistributor && PORPolicy.isEnforced(context) {
            try PORPolicy.requireValid(transfer.partnerIdOnRecord, field: "partnerOnRecord", distributor: target, db)
        }
        let orderId = try OrderStore.insert(customer: transfer.customerId, partner: target.tenantId, context, db)
        var line = 0
        for subscription in selected {
            let base = line
            let newBase = try move(subscription, line: base, parentLine: nil, newParent: nil, transfer: transfer, target: target,
                                   orderId: orderId, context, db)
            line += 1
            for addon in try TransferSteps.addons(of: subscription, db) {
                try move(addon, line: line, parentLine: base, newParent: newBase, transfer: transfer, target: target, orderId: orderId, context, db)
                line += 1
            }
        }
        if target.isDistributor {
            try PORPolicy.recordUsage(distributor: target.tenantId, partnerId: transfer.partnerIdOnRecord, context, db)
        }
        try TransferSteps.close(transfer, as: .complete, context, db)
        try context.notify(db, kind: "TransferCompleted", to: target.primaryContactEmail, tenant: target.tenantId,
                           subject: "Transfer \(transfer.id) is complete",
                           body: "\(line) subscription(s) moved to your billing account.", resourceType: "Transfer", resourceId: transfer.id)
        if let email = transfer.customerEmail {
            try context.notify(db, kind: "TransferCompleted", to: email, tenant: transfer.customerId,
                               subject: "Your subscriptions moved to \(target.legalName)",
                               body: "\(line) subscription(s) are now billed by \(target.legalName).", resourceType: "Transfer", resourceId: transfer.id)
        }
    }

    private static func requireTransferable(_ subscription: SubscriptionRecord, _ transfer: TransferRecord, index: Int) throws {
        let type = subscription.offer.productType
        let takes = transfer.takenProductTypes
        if type == "AzureReservation" && !(takes?.contains("AzureReservation") ?? false) {
            throw APIError(.badRequest, code: ErrorCode.azureReservationsDoNotTransfer,
                           "lineItems[\(index)]: Azure reservations do not transfer unless the transfer takes AzureReservation.")
        }
        if !subscription.offer.isMicrosoft && !(takes?.contains("SaaS") ?? false) {
            throw APIError(.badRequest, code: ErrorCode.marketplaceItemsDoNotTransfer,
                           "lineItems[\(index)]: third-party marketplace items do not transfer unless the transfer takes SaaS.")
        }
        guard transferable.contains(type) else {
            throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                           "lineItems[\(index)]: \(type) subscriptions are not new-commerce and do not transfer partner to partner.",
                           data: [.string(subscription.id)])
        }
        if let takes, !takes.contains(type) {
            throw APIError(.badRequest, code: ErrorCode.invalidSubscriptionInTransfer,
                           "lineItems[\(index)]: the transfer does not take \(type).", data: [.string(subscription.id)])
        }
    }

    /// The new subscription in the target's account and the source's old one cancelled;
    /// returns the new id.
    @discardableResult
    private static func move(_ subscription: SubscriptionRecord, line: Int, parentLine: Int?, newParent: String?,
                             transfer: TransferRecord, target: PartnerRecord, orderId: String,
                             _ context: OperationContext, _ db: Connection) throws -> String {
        let por = target.isDistributor ? transfer.partnerIdOnRecord : nil
        try TransferStore.insertLine(TransferLineRecord(transfer: transfer.id, number: line, parent: parentLine, subscription), db)
        let newId = try TransferSteps.recreate(subscription, quantity: subscription.quantity, partner: target.tenantId,
                                               partnerIdOnRecord: por, parentId: newParent,
                                               gainedAs: target.isDistributor ? .indirect : .direct, orderId: orderId, context, db)
        try SubscriptionStore.cancel(subscription.id, context, db)
        try TransferStore.completeLine(transfer.id, number: line, targetSubscriptionId: newId, db)
        try OrderStore.insertLine(order: orderId, number: line, offer: subscription.offer.id, subscription: newId, quantity: subscription.quantity,
                                  term: subscription.termDuration, cycle: subscription.billingCycle, por: por, parent: newParent,
                                  name: subscription.friendlyName, db)
        return newId
    }
}
