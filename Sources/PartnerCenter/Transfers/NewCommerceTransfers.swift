import Foundation
import JSON
import SQLite

/// New-commerce partner-to-partner transfers, P2P-1 to P2P-8.
enum NewCommerceTransfers {
    /// Product types a new-commerce transfer can carry; reservations and third-party items
    /// only when the transfer takes them (P2P-6).
    static let transferable: Set<String> = ["OnlineServicesNCE", "AzureSubscription", "AzureReservation", "SaaS", "Software"]

    /// P2P-2: the target (AdminAgent) creates the transfer.
    static func create(_ body: Body, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let target = try context.callingPartner(db)
        if let named = try body.optionalString("targetPartnerTenantId")?.lowercased(), named != target.tenantId {
            throw APIError.forbidden("A new-commerce transfer is created by its target partner.")
        }
        guard let sourceId = try body.optionalString("sourcePartnerTenantId")?.lowercased() else {
            throw body.missing("sourcePartnerTenantId")
        }
        // P2P-6: source equals target.
        guard sourceId != target.tenantId else {
            throw APIError(.badRequest, code: ErrorCode.transferSourceEqualsTarget, "The source partner and the target partner are the same.")
        }
        guard let email = try body.optionalString("customerEmailId") else {
            throw APIError(.badRequest, code: ErrorCode.transferEmailMissing, "customerEmailId: the customer's e-mail for notifications is required.")
        }
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("customerEmailId", "is not an e-mail address") }
        // ACC-9: the target must be able to bill.
        guard target.isDistributor || target.programs[.directBill] != nil else {
            throw APIError.forbidden("An indirect reseller cannot take subscriptions into a billing account; its distributor does (ACC-9).")
        }
        // P2P-1/P2P-6: the customer must have accepted the target's relationship request.
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        guard let source = try PartnerRecord.find(sourceId, db),
              !(try CustomerRelationships.activeKinds(customer: customer.tenantId, partner: sourceId, db)).isEmpty else {
            throw APIError.invalidField("sourcePartnerTenantId", "is not a partner of this customer")
        }
        let productTypes = try productTypes(body)
        // P2P-8: a distributor target assigns a POR, validated like any of its transactions.
        let por = try body.optionalString("partnerIdOnRecord")
        if target.isDistributor && PORPolicy.isEnforced(context.operation) {
            try PORPolicy.requireValid(por, field: "partnerIdOnRecord", distributor: target, db)
        }
        let id = context.services.ids.guid()
        let expires = Timestamp.format(context.now.addingTimeInterval(Double(context.services.configuration.transferExpiryDays) * 86_400))
        try db.run("""
            INSERT INTO transfers (id, transfer_type, status, customer_id, customer_email, source_partner_id, target_partner_id,
                target_product_types, partner_id_on_record, created_by, created_at, last_modified_at, last_modified_user, expires_at)
            VALUES (?, 'NewCommerce', 'Active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, customer.tenantId, email, sourceId, target.tenantId, productTypes?.joined(separator: ","), por,
                  try context.caller.objectId, context.nowText, context.nowText, try context.caller.objectId, expires])
        // P2P-3: the source is told (notification and audit record).
        try context.notify(db, kind: "TransferRequested", to: source.primaryContactEmail, tenant: sourceId,
                           subject: "\(target.legalName) requests a transfer of \(customer.companyName)'s subscriptions",
                           body: "Open transfer \(id), select the subscriptions to move and accept it before \(expires).",
                           resourceType: "Transfer", resourceId: id)
        try context.notify(db, kind: "TransferRequested", to: email, tenant: customer.tenantId,
                           subject: "A transfer of your subscriptions to \(target.legalName) was requested",
                           body: "\(source.legalName) will review the transfer.", resourceType: "Transfer", resourceId: id)
        try context.audit(db, "CreateTransfer", resourceType: "Transfer", resourceId: id, tenants: [sourceId, target.tenantId],
                          customerId: customer.tenantId, details: ["transferType": "NewCommerce"])
        guard let transfer = try TransferRecord.find(id, customer: customer.tenantId, db) else { throw APIError.notFound("The transfer") }
        return .created(try transfer.render(db))
    }

    private static func productTypes(_ body: Body) throws -> [String]? {
        guard let value = body.value("targetProductTypes") else { return nil }
        let names: [String]
        if let text = value.stringValue {
            names = (try Body.checked(text, field: "targetProductTypes") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else if let array = value.arrayValue {
            guard array.count <= NewCommerceTransfers.transferable.count else {
                throw APIError.invalidField("targetProductTypes", "must hold at most \(NewCommerceTransfers.transferable.count) product types")
            }
            names = try array.enumerated().map { (index, element) in
                guard let text = element.stringValue else { throw APIError.invalidField("targetProductTypes[\(index)]", "must be a string") }
                return text
            }
        } else {
            throw APIError.invalidField("targetProductTypes", "must be an array of product types")
        }
        return try names.map { name in
            guard let match = transferable.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw APIError.invalidField("targetProductTypes", "'\(name)' is not one of \(transferable.sorted().joined(separator: ", "))")
            }
            return match
        }
    }

    /// P2P-5: only the target that created it, only while pending.
    static func cancel(_ transfer: TransferRecord, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        guard try context.caller.has(.adminAgent) else {
            throw APIError.forbidden("A new-commerce transfer is cancelled by the target's AdminAgent.")
        }
        guard try context.caller.tenantId == transfer.targetPartnerId else {
            throw APIError.forbidden("Only the target partner that created the transfer can cancel it.")
        }
        try transfer.requireActive()
        try Transfers.finish(transfer, status: "Cancelled", context, db)
        if let source = try PartnerRecord.find(transfer.sourcePartnerId, db) {
            try context.notify(db, kind: "TransferCancelled", to: source.primaryContactEmail, tenant: source.tenantId,
                               subject: "Transfer \(transfer.id) was cancelled", body: "The target partner cancelled the transfer.",
                               resourceType: "Transfer", resourceId: transfer.id)
        }
        return .ok(try transfer.render(db))
    }

    /// P2P-3 and P2P-4: the source selects subscriptions and accepts; all move or none does.
    static func accept(_ transfer: TransferRecord, _ body: Body, _ context: RequestContext, _ db: Connection) throws -> APIResponse {
        // Moving billing is an AdminAgent act; SalesAgent may only answer self-service transfers (SST-8).
        guard try context.caller.has(.adminAgent) else {
            throw APIError.forbidden("A new-commerce transfer is accepted by the source's AdminAgent.")
        }
        guard try context.caller.tenantId == transfer.sourcePartnerId else {
            throw APIError.forbidden("Only the source partner accepts a new-commerce transfer.")
        }
        try transfer.requireActive()
        guard let source = try PartnerRecord.find(transfer.sourcePartnerId, db),
              let target = try PartnerRecord.find(transfer.targetPartnerId, db) else { throw APIError.notFound("The partner") }
        let elements = try body.array("lineItems", maxCount: InputLimits.lineItems.upperBound)
        guard !elements.isEmpty else { throw APIError.invalidField("lineItems", "select at least one subscription") }
        var selected: [SubscriptionRecord] = []
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else { throw APIError.invalidField("lineItems[\(index)]", "must be an object") }
            let subscriptionId = try Body(object, path: "lineItems[\(index)]").string("subscriptionId").lowercased()
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
            try PORPolicy.requireValidForChange(partnerIdOnRecord: subscription.partnerIdOnRecord, billingPartner: source, change: "partner-to-partner transfer", context.operation, db)
        }
        // P2P-8: the POR the distributor target assigns must still be valid.
        if target.isDistributor && PORPolicy.isEnforced(context.operation) {
            try PORPolicy.requireValid(transfer.partnerIdOnRecord, field: "partnerIdOnRecord", distributor: target, db)
        }
        let orderId = try OrderStore.insert(customer: transfer.customerId, partner: target.tenantId, context.operation, db)
        var line = 0
        for subscription in selected {
            let base = line
            try move(subscription, line: base, parentLine: nil, newParent: nil, transfer: transfer, target: target, orderId: orderId, context, db)
            line += 1
            let newBase = try db.queryOne("SELECT target_subscription_id FROM transfer_line_items WHERE transfer_id = ? AND line_number = ?",
                                          [transfer.id, base])?.string("target_subscription_id")
            for addon in try Transfers.addons(of: subscription, db) {
                try move(addon, line: line, parentLine: base, newParent: newBase, transfer: transfer, target: target, orderId: orderId, context, db)
                line += 1
            }
        }
        if target.isDistributor {
            try PORPolicy.recordUsage(distributor: target.tenantId, partnerId: transfer.partnerIdOnRecord, context.operation, db)
        }
        try Transfers.finish(transfer, status: "Complete", context, db)
        try context.notify(db, kind: "TransferCompleted", to: target.primaryContactEmail, tenant: target.tenantId,
                           subject: "Transfer \(transfer.id) is complete",
                           body: "\(line) subscription(s) moved to your billing account.", resourceType: "Transfer", resourceId: transfer.id)
        if let email = transfer.customerEmail {
            try context.notify(db, kind: "TransferCompleted", to: email, tenant: transfer.customerId,
                               subject: "Your subscriptions moved to \(target.legalName)",
                               body: "\(line) subscription(s) are now billed by \(target.legalName).", resourceType: "Transfer", resourceId: transfer.id)
        }
        return .ok(try transfer.render(db))
    }

    private static func requireTransferable(_ subscription: SubscriptionRecord, _ transfer: TransferRecord, index: Int) throws {
        let type = subscription.offer.productType
        let takes = transfer.targetProductTypes
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

    /// The new subscription in the target's account and the source's old one cancelled.
    private static func move(_ subscription: SubscriptionRecord, line: Int, parentLine: Int?, newParent: String?,
                             transfer: TransferRecord, target: PartnerRecord, orderId: String,
                             _ context: RequestContext, _ db: Connection) throws {
        try Transfers.insertLine(transfer.id, number: line, parent: parentLine, subscription, quantity: subscription.quantity, db)
        let newId = try Transfers.recreate(subscription, quantity: subscription.quantity, partner: target.tenantId,
                                           partnerIdOnRecord: target.isDistributor ? transfer.partnerIdOnRecord : nil,
                                           parentId: newParent, gainedAs: target.isDistributor ? "Indirect" : "Direct",
                                           orderId: orderId, context, db)
        try SubscriptionStore.cancel(subscription.id, context.operation, db)
        try db.run("""
            UPDATE transfer_line_items SET status = 'Complete', target_subscription_id = ? WHERE transfer_id = ? AND line_number = ?
            """, [newId, transfer.id, line])
        try OrderStore.insertLine(order: orderId, number: line, offer: subscription.offer.id, subscription: newId, quantity: subscription.quantity,
                                   term: subscription.termDuration, cycle: subscription.billingCycle, por: target.isDistributor ? transfer.partnerIdOnRecord : nil, parent: newParent, name: subscription.friendlyName, db)
    }
}
