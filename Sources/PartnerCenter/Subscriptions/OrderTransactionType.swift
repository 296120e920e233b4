import SQLite

/// Order.transactionType of the real API (order-resources: UserPurchase, SystemPurchase,
/// SystemBilling). Orders a partner places are user purchases; pcsim creates no other kind yet.
enum OrderTransactionType: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case userPurchase = "UserPurchase"
    case systemPurchase = "SystemPurchase"
    case systemBilling = "SystemBilling"
}
