/// One subscription's verdict in the transfers-eligibility collection: an item of the
/// collection only, without links or attributes (as the real API renders it).
struct TransferEligibility: Encodable, Sendable {
    let id: String
    let offerId: String
    let productType: String
    let isEligible: Bool
    /// Why not, when not eligible.
    let reason: String?

    init(_ subscription: SubscriptionRecord, reason: String?) {
        id = subscription.id
        offerId = subscription.offer.id
        productType = subscription.offer.productType
        isEligible = reason == nil
        self.reason = reason
    }
}
