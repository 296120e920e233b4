/// A subscription's lifecycle as stored and rendered (the real Subscription.status spelling).
enum SubscriptionStatus: String, Sendable, CaseIterable {
    case active
    case suspended
    case deleted
}
