/// OrderLineItem.transactionType of the real API (order-resources: new, renew, addQuantity,
/// removeQuantity, cancel, convert). Every line pcsim records bought a new subscription.
enum OrderLineTransactionType: String, Sendable, CaseIterable, Codable {
    case new = "New"
}
