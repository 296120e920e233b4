import SQLite

/// A transfer form with the subscriptions it lists as they are now: what the TransferForm
/// resource shows.
struct TransferFormDetails: Sendable {
    let form: TransferFormRecord
    /// Each listed id with its subscription (nil when it is no longer this customer's).
    let subscriptions: [(id: String, subscription: SubscriptionRecord?)]

    /// The form as stored now; 404 when there is none.
    static func load(_ id: String, _ db: Connection) throws -> TransferFormDetails {
        guard let form = try TransferFormRecord.find(id, db) else { throw APIError.notFound("The transfer form") }
        let subscriptions = try form.listedSubscriptionIds.map { subscriptionId in
            (subscriptionId, try SubscriptionRecord.find(subscriptionId, customer: form.customerId, db))
        }
        return TransferFormDetails(form: form, subscriptions: subscriptions)
    }
}
