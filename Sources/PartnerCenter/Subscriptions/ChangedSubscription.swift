import JSON

/// The answer to a subscription PATCH: the Subscription resource as it now is (its links and
/// attributes, etag of the subscription alone) followed by the credits a cancellation
/// granted, the subscription's own first, then its add-ons' (SUB-1, SUB-2, SUB-3).
struct ChangedSubscription: Sendable {
    let subscription: Subscription
    let cancellationCredit: CancellationCredit?
    let addonCancellationCredits: [CancellationCredit]

    init(_ subscription: SubscriptionRecord, credits: [CreditRow], _ facts: Subscription.Facts) {
        self.subscription = Subscription(subscription, facts)
        cancellationCredit = credits.first.map(CancellationCredit.init)
        addonCancellationCredits = credits.dropFirst().map(CancellationCredit.init)
    }

    /// The credits follow the resource's `attributes`, as the simulator always answered: they
    /// are not part of the resource, so they take no part in its etag.
    func rendered() throws -> JSON {
        let resource = try subscription.rendered()
        guard let cancellationCredit, case .object(var object) = resource else { return resource }
        let encoder = JSONValueEncoder()
        object["cancellationCredit"] = try encoder.encode(cancellationCredit)
        if !addonCancellationCredits.isEmpty { object["addonCancellationCredits"] = try encoder.encode(addonCancellationCredits) }
        return .object(object)
    }
}
