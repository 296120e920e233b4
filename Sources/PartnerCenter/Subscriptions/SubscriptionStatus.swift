import SQLite

/// A subscription's lifecycle as stored and rendered (the real Subscription.status spelling).
enum SubscriptionStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case active
    case suspended
    case deleted
}
