import SQLite

/// One partner's relationship with one customer.
enum RelationshipKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case reseller = "Reseller"
    case indirectReseller = "IndirectReseller"
    case indirectProvider = "IndirectProvider"
}
