import SQLite

/// A subscription's support contact (GET/PUT .../subscriptions/{sid}/supportcontact, and the
/// `supportContact` member of a subscription PATCH): a distributor names one of its active
/// indirect resellers (POR-6 names the same party as the support contact).
enum SupportContacts {
    /// The support contact of a subscription the caller may see; its billing partner when none
    /// was named.
    static func get(customerId: String, subscriptionId: String, _ context: OperationContext,
                    _ db: Connection) throws -> SupportContact {
        let subscription = try Subscriptions.visible(customerId: customerId, subscriptionId: subscriptionId, context, db)
        return try contact(of: subscription, db)
    }

    /// Names the support contact of a subscription the caller bills as a distributor.
    static func set(customerId: String, subscriptionId: String, _ input: () throws -> SupportContactInput,
                    _ context: OperationContext, _ db: Connection) throws -> SupportContact {
        let (subscription, partner) = try Subscriptions.changeable(customerId: customerId, subscriptionId: subscriptionId, context, db)
        let input = try input()
        var tenantId = input.supportTenantId
        if let mpnId = input.supportMpnId {
            let owner = try db.queryOne("SELECT tenant_id FROM locations WHERE pla_id = ? AND status = ?",
                                        [mpnId, LocationStatus.active])?.string("tenant_id")
            guard let owner, tenantId == nil || tenantId == owner else {
                throw APIError(.badRequest, code: ErrorCode.notAuthorizedReseller,
                               "supportMpnId \(mpnId) is not a PLA id of \(tenantId ?? "an indirect reseller of the distributor").")
            }
            tenantId = owner
        }
        guard let tenantId else { throw APIError.invalidField("supportTenantId", "is required") }
        try requireReseller(tenantId, of: partner, field: "supportTenantId", db)
        try SubscriptionStore.setSupportContact(subscription.id, tenant: tenantId, db)
        try context.audit(db, "UpdateSubscription", resourceType: "Subscription", resourceId: subscription.id,
                          tenants: [partner.tenantId], customerId: subscription.customerId,
                          details: ["support_contact_tenant_id": .string(tenantId)])
        guard let updated = try SubscriptionRecord.find(subscription.id, customer: subscription.customerId, db) else {
            throw Subscriptions.notFound
        }
        return try contact(of: updated, db)
    }

    /// A distributor names as support contact only one of its active indirect resellers
    /// (900414 otherwise, as for a POR that is not its reseller).
    static func requireReseller(_ tenantId: String, of partner: PartnerRecord, field: String, _ db: Connection) throws {
        guard partner.isDistributor else { throw APIError.invalidField(field, "only a distributor names a support contact") }
        guard let reseller = try PartnerRecord.find(tenantId, db), reseller.hasIndirectReseller,
              try db.queryOne("SELECT 1 FROM partnerships WHERE distributor_id = ? AND reseller_id = ? AND status = ?",
                              [partner.tenantId, tenantId, PartnershipStatus.active]) != nil else {
            throw APIError(.badRequest, code: ErrorCode.notAuthorizedReseller,
                           "\(field) must be one of the distributor's active indirect resellers.")
        }
    }

    private static func contact(of subscription: SubscriptionRecord, _ db: Connection) throws -> SupportContact {
        let tenantId = subscription.supportContactTenantId ?? subscription.billingPartnerId
        guard let partner = try PartnerRecord.find(tenantId, db) else { throw Subscriptions.notFound }
        // A reseller is known by its PLA id (the one it accepted the MPA with first); the billing
        // partner by its PGA id.
        let plaId = try db.queryOne("""
            SELECT pla_id FROM locations WHERE tenant_id = ? AND status = ? ORDER BY pla_id = ? DESC, created_at, pla_id LIMIT 1
            """, [tenantId, LocationStatus.active, partner.mpaPlaId])?.string("pla_id")
        let mpnId = subscription.supportContactTenantId == nil ? (partner.pgaId ?? plaId) : (plaId ?? partner.pgaId)
        return SupportContact(partner, mpnId: mpnId ?? "", of: subscription)
    }
}
