import SQLite

/// What keeps a subscription from being moved elsewhere: an Active transfer (SST-5) or an open
/// Azure transfer form (AZS). Transfers, forms and migrations all ask this one question.
enum SubscriptionHold {
    private struct Claim: Decodable {
        let kind: String
        let holder: String
    }

    /// "active transfer <id>" or "open Azure transfer form <id>", or nil when nothing holds it.
    static func holder(of subscriptionId: String, _ db: Connection) throws -> String? {
        guard let claim = try db.fetchOne(Claim.self, """
            SELECT 'active transfer' AS kind, transfer_id AS holder FROM transfer_claims WHERE subscription_id = ?1
            UNION ALL
            SELECT 'open Azure transfer form', form_id FROM transfer_form_claims WHERE subscription_id = ?1
            LIMIT 1
            """, [subscriptionId]) else { return nil }
        return "\(claim.kind) \(claim.holder)"
    }
}
