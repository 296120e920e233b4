import SQLite

/// How the billing partner gained the subscription's customer (ACC-9): directly, or as a
/// distributor for an indirect reseller.
enum GainedAs: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case direct = "Direct"
    case indirect = "Indirect"
}
