import JSON

/// The outcome of executing a partner switch (AZS-5), stored on the support request as JSON
/// and recorded in the audit details: what moved, or why nothing did.
struct PartnerSwitchResult: Encodable, Sendable {
    struct MovedSubscription: Encodable, Sendable {
        let subscriptionId: String
        @Nullable var azureSubscriptionId: String?
    }

    let outcome: SupportRequestStatus
    /// Why nothing moved, when the switch failed.
    let reason: String?
    /// The new partner, when the switch completed.
    let targetPartnerTenantId: String?
    let movedSubscriptions: [MovedSubscription]
}
